package io.weft.protocol;

import static io.weft.testing.Wire.JSON0;
import static io.weft.testing.Wire.arr;
import static io.weft.testing.Wire.broadcast;
import static io.weft.testing.Wire.c;
import static io.weft.testing.Wire.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.testing.RecordingClient;
import io.weft.testing.ServerRig;
import io.weft.testing.Wire;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The messages that read documents (and the connection-level ones), exactly as they cross the wire. */
class ReadMessagesTest {
  @RegisterExtension
  static final ServerRig server = new ServerRig();

  @Test
  void greetsEverySocketWithInitCarryingItsOwnConnectionId() {
    try (RecordingClient a = server.connect("init1"); RecordingClient b = server.connect("init1")) {
      assertEquals(obj("a", "init", "protocol", 1, "protocolMinor", 2, "id", a.id, "type", JSON0), a.init);
      assertEquals(List.of("a", "protocol", "protocolMinor", "id", "type"), List.copyOf(a.init.keySet()));
      assertTrue(a.id.matches("[A-Za-z0-9_-]{32}"), "a 32-character URL-safe id: " + a.id);
      assertTrue(b.id.matches("[A-Za-z0-9_-]{32}"), "a 32-character URL-safe id: " + b.id);
      assertNotEquals(a.id, b.id, "each socket has its own id");
      a.expectNothing(200);
      b.expectNothing(0);
    }
  }

  @Test
  void answersTheHandshakeWithTheGreetingAgain() {
    try (RecordingClient client = server.connect("hs1")) {
      client.send(obj("a", "hs", "id", null, "protocol", 1, "protocolMinor", 2));
      assertEquals(obj("a", "hs", "protocol", 1, "protocolMinor", 2, "id", client.id, "type", JSON0), client.next());
      client.expectNothing(200);
    }
  }

  @Test
  void subscribingToAMissingDocumentReportsVersionZeroAndNoType() {
    try (RecordingClient client = server.connect("missing1")) {
      client.send(RecordingClient.message("s", "missing1"));
      assertEquals(obj("a", "s", "c", "webstrates", "d", "missing1", "data", obj("v", 0, "type", null)), client.next());
      client.expectNothing(200);
    }
  }

  @Test
  void subscribingToAnExistingDocumentSendsItsVersionDataAndType() {
    try (RecordingClient alice = server.connect("snap1"); RecordingClient bob = server.connect("snap1")) {
      List<Object> page = Wire.createPage(alice, "snap1");
      alice.send(RecordingClient.message("s", "snap1"));
      alice.next();
      alice.submit("snap1", 1L, List.of(c(arr(1, "lang"), "oi", "en")));
      assertEquals(1, alice.next().get("v"));

      bob.send(RecordingClient.message("s", "snap1"));
      ((Map<String, Object>) page.get(1)).put("lang", "en");
      assertEquals(obj("a", "s", "c", "webstrates", "d", "snap1", "data", obj("v", 2, "data", page, "type", JSON0)),
          bob.next());
      bob.expectNothing(200);
      alice.expectNothing(0);
    }
  }

  @Test
  void resubscribingFromAVersionSendsTheMissedOpsInOrderThenTheReplyAndThenLiveOps() {
    try (RecordingClient alice = server.connect("catch1"); RecordingClient bob = server.connect("catch1")) {
      Wire.createPage(alice, "catch1");
      alice.subscribe("catch1");
      for (int v = 1; v <= 3; v++) {
        alice.submit("catch1", (long) v, List.of(c(arr(1, "data-" + v), "oi", "" + v)));
        assertEquals(v, alice.next().get("v"));
      }

      Map<String, Object> resubscribe = RecordingClient.message("s", "catch1");
      resubscribe.put("v", 1);
      bob.send(resubscribe);
      // Alice's submissions carried seq 2, 3, 4 (seq 1 was the create).
      for (int v = 1; v <= 3; v++) {
        assertEquals(broadcast("catch1", v, alice.id, v + 1, List.of(c(arr(1, "data-" + v), "oi", "" + v))),
            bob.next());
      }
      assertEquals(obj("a", "s", "c", "webstrates", "d", "catch1"), bob.next());
      bob.expectNothing(200);

      // Now subscribed: later ops arrive live.
      alice.submit("catch1", 4L, List.of(c(arr(1, "data-4"), "oi", "4")));
      assertEquals(4, alice.next().get("v"));
      assertEquals(broadcast("catch1", 4, alice.id, 5, List.of(c(arr(1, "data-4"), "oi", "4"))), bob.next());
      bob.expectNothing(200);
      alice.expectNothing(0);
    }
  }

  @Test
  void resubscribingAtTheHeadSendsOnlyTheReply() {
    try (RecordingClient alice = server.connect("catch2")) {
      Wire.createPage(alice, "catch2");
      Map<String, Object> resubscribe = RecordingClient.message("s", "catch2");
      resubscribe.put("v", 1);
      alice.send(resubscribe);
      assertEquals(obj("a", "s", "c", "webstrates", "d", "catch2"), alice.next());
      alice.expectNothing(200);
    }
  }

  @Test
  void fetchSendsTheSnapshotOnceAndDoesNotSubscribe() {
    try (RecordingClient alice = server.connect("fetch1"); RecordingClient bob = server.connect("fetch1")) {
      List<Object> page = Wire.createPage(alice, "fetch1");
      alice.subscribe("fetch1");

      bob.send(RecordingClient.message("f", "fetch1"));
      assertEquals(obj("a", "f", "c", "webstrates", "d", "fetch1", "data", obj("v", 1, "data", page, "type", JSON0)),
          bob.next());

      alice.submit("fetch1", 1L, List.of(c(arr(1, "x"), "oi", "1")));
      assertEquals(1, alice.next().get("v"));
      bob.expectNothing(300);
      alice.expectNothing(0);
    }
  }

  @Test
  void fetchOfAMissingDocumentReportsVersionZeroAndNoType() {
    try (RecordingClient client = server.connect("fetch0")) {
      client.send(RecordingClient.message("f", "fetch0"));
      assertEquals(obj("a", "f", "c", "webstrates", "d", "fetch0", "data", obj("v", 0, "type", null)), client.next());
      client.expectNothing(200);
    }
  }

  @Test
  void fetchFromAVersionSendsTheMissedOpsThenTheReplyAndNothingLater() {
    try (RecordingClient alice = server.connect("fetch2"); RecordingClient bob = server.connect("fetch2")) {
      Wire.createPage(alice, "fetch2");
      alice.subscribe("fetch2");
      for (int v = 1; v <= 2; v++) {
        alice.submit("fetch2", (long) v, List.of(c(arr(1, "data-" + v), "oi", "" + v)));
        assertEquals(v, alice.next().get("v"));
      }

      Map<String, Object> fetch = RecordingClient.message("f", "fetch2");
      fetch.put("v", 0);
      bob.send(fetch);
      Map<String, Object> create = bob.next();
      assertEquals(obj("a", "op", "c", "webstrates", "d", "fetch2", "v", 0, "src", alice.id, "seq", 1,
          "create", obj("type", JSON0, "data", io.weft.testing.Pages.skeleton("fetch2"))), create);
      assertEquals(broadcast("fetch2", 1, alice.id, 2, List.of(c(arr(1, "data-1"), "oi", "1"))), bob.next());
      assertEquals(broadcast("fetch2", 2, alice.id, 3, List.of(c(arr(1, "data-2"), "oi", "2"))), bob.next());
      assertEquals(obj("a", "f", "c", "webstrates", "d", "fetch2"), bob.next());

      alice.submit("fetch2", 3L, List.of(c(arr(1, "data-3"), "oi", "3")));
      assertEquals(3, alice.next().get("v"));
      bob.expectNothing(300);
    }
  }

  @Test
  void unsubscribeRepliesAndStopsTheBroadcasts() {
    try (RecordingClient alice = server.connect("unsub1"); RecordingClient bob = server.connect("unsub1")) {
      Wire.createPage(alice, "unsub1");
      alice.subscribe("unsub1");
      bob.subscribe("unsub1");

      bob.send(RecordingClient.message("u", "unsub1"));
      assertEquals(obj("a", "u", "c", "webstrates", "d", "unsub1"), bob.next());

      alice.submit("unsub1", 1L, List.of(c(arr(1, "x"), "oi", "1")));
      assertEquals(1, alice.next().get("v"));
      bob.expectNothing(300);
      alice.expectNothing(0);
    }
  }

  @Test
  void unsubscribingFromADocumentNeverSubscribedStillReplies() {
    try (RecordingClient client = server.connect("unsub2")) {
      client.send(RecordingClient.message("u", "unsub2"));
      assertEquals(obj("a", "u", "c", "webstrates", "d", "unsub2"), client.next());
      client.expectNothing(200);
    }
  }

  @Test
  void pingIsAnsweredWithPong() {
    try (RecordingClient client = server.connect("ping1")) {
      client.send(obj("a", "pp"));
      assertEquals(obj("a", "pp"), client.next());
      client.expectNothing(200);
    }
  }

  @Test
  void keepAliveIsNotAnswered() {
    try (RecordingClient client = server.connect("alive1")) {
      client.send(obj("type", "alive"));
      client.expectNothing(300);
      // The socket is still served.
      client.send(obj("a", "pp"));
      assertEquals(obj("a", "pp"), client.next());
    }
  }

  @Test
  void subscribingOrFetchingFromAVersionTheDocumentHasNotReachedIsAnErrorAndSubscribesNothing() {
    try (RecordingClient alice = server.connect("ahead1"); RecordingClient bob = server.connect("ahead1")) {
      Wire.createPage(alice, "ahead1");
      alice.subscribe("ahead1");
      Map<String, Object> subscribe = RecordingClient.message("s", "ahead1");
      subscribe.put("v", 2);
      bob.send(subscribe);
      Wire.assertEchoedError(subscribe, "ERR_OP_VERSION_NEWER_THAN_CURRENT_SNAPSHOT", bob.next());
      Map<String, Object> fetch = RecordingClient.message("f", "ahead1");
      fetch.put("v", 5);
      bob.send(fetch);
      Wire.assertEchoedError(fetch, "ERR_OP_VERSION_NEWER_THAN_CURRENT_SNAPSHOT", bob.next());

      alice.submit("ahead1", 1L, List.of(c(arr(1, "x"), "oi", "1")));
      assertEquals(1, alice.next().get("v"));
      bob.expectNothing(300);
    }
  }
}

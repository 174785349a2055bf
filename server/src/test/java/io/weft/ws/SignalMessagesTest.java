package io.weft.ws;

import static io.weft.testing.Wire.arr;
import static io.weft.testing.Wire.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.testing.RecordingClient;
import io.weft.testing.ServerRig;
import io.weft.testing.Wire;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Signals: subscribe, unsubscribe and publish on a node's {@code __wid} or on "document". */
class SignalMessagesTest {
  @RegisterExtension
  static final ServerRig server = new ServerRig();

  /** A socket subscribed to the page, its hello read. */
  private static RecordingClient onPage(String docId) {
    RecordingClient client = server.connect(docId);
    client.subscribe(docId);
    client.nextPresence();
    return client;
  }

  private static int tokens;

  /** Subscribes to signals on {@code nodeId} and waits for the reply, so the subscription is in place. */
  private static void listen(RecordingClient client, String docId, String nodeId) {
    int token = ++tokens;
    client.send(obj("wa", "subscribe", "d", docId, "id", nodeId, "token", token));
    assertEquals(obj("wa", "reply", "token", token, "reply", null), client.next());
  }

  /** The next signal the client got; presence frames (joins after the fallback delay) are skipped. */
  private static Map<String, Object> nextSignal(RecordingClient client) {
    while (true) {
      Map<String, Object> frame = client.nextPresence();
      if ("publish".equals(frame.get("wa"))) {
        return frame;
      }
    }
  }

  private static void expectNoSignal(RecordingClient client, long millis) {
    long deadline = System.currentTimeMillis() + millis;
    Map<String, Object> frame;
    do {
      frame = client.pollPresence(Math.max(0, deadline - System.currentTimeMillis()));
      assertTrue(frame == null || !"publish".equals(frame.get("wa")), "expected no signal, got " + frame);
    } while (frame != null);
  }

  @Test
  void aSignalReachesOnlyTheSocketsListeningOnItsNodeWithTheSendersId() {
    try (RecordingClient creator = server.connect("sig1")) {
      Wire.createPage(creator, "sig1");
    }
    try (RecordingClient alice = onPage("sig1"); RecordingClient bob = onPage("sig1");
        RecordingClient carol = onPage("sig1")) {
      listen(bob, "sig1", "document");
      listen(carol, "sig1", "aB3cD4eF");
      alice.send(obj("wa", "publish", "d", "sig1", "id", "document", "m", obj("hi", arr(1, 2))));
      assertEquals(obj("wa", "publish", "id", "document", "d", "sig1", "s", alice.id, "m", obj("hi", arr(1, 2)),
          "c", "webstrates"), nextSignal(bob));
      alice.send(obj("wa", "publish", "d", "sig1", "id", "aB3cD4eF", "m", "x"));
      assertEquals(obj("wa", "publish", "id", "aB3cD4eF", "d", "sig1", "s", alice.id, "m", "x", "c", "webstrates"),
          nextSignal(carol));
      expectNoSignal(alice, 200);
      expectNoSignal(bob, 0);
      expectNoSignal(carol, 0);
      alice.expectNothing(0);
    }
  }

  @Test
  void theSenderGetsItsOwnSignalWhenItListensAndRecipientsNarrowTheDelivery() {
    try (RecordingClient creator = server.connect("sig2")) {
      Wire.createPage(creator, "sig2");
    }
    try (RecordingClient alice = onPage("sig2"); RecordingClient bob = onPage("sig2");
        RecordingClient carol = onPage("sig2")) {
      for (RecordingClient c : new RecordingClient[] {alice, bob, carol}) {
        listen(c, "sig2", "document");
      }
      alice.send(obj("wa", "publish", "d", "sig2", "id", "document", "m", 1));
      for (RecordingClient c : new RecordingClient[] {alice, bob, carol}) {
        assertEquals(1, nextSignal(c).get("m"));
      }
      alice.send(obj("wa", "publish", "d", "sig2", "id", "document", "m", 2, "recipients", arr(carol.id)));
      Map<String, Object> got = nextSignal(carol);
      assertEquals(2, got.get("m"));
      assertEquals(alice.id, got.get("s"));
      expectNoSignal(alice, 200);
      expectNoSignal(bob, 0);
    }
  }

  @Test
  void unsubscribeStopsDelivery() {
    try (RecordingClient creator = server.connect("sig3")) {
      Wire.createPage(creator, "sig3");
    }
    try (RecordingClient alice = onPage("sig3"); RecordingClient bob = onPage("sig3")) {
      listen(bob, "sig3", "document");
      bob.send(obj("wa", "unsubscribe", "d", "sig3", "id", "document", "token", "u"));
      assertEquals(obj("wa", "reply", "token", "u", "reply", null), bob.next());
      alice.send(obj("wa", "publish", "d", "sig3", "id", "document", "m", "gone"));
      expectNoSignal(bob, 300);
    }
  }

  @Test
  void signallingOnAPageTheSocketIsNotOnGetsAnErrorReply() {
    try (RecordingClient creator = server.connect("sig4")) {
      Wire.createPage(creator, "sig4");
    }
    try (RecordingClient alice = onPage("sig4"); RecordingClient mallory = server.connect("sig4")) {
      listen(alice, "sig4", "document");
      mallory.send(obj("wa", "publish", "d", "sig4", "id", "document", "m", "x", "token", "t1"));
      Map<String, Object> reply = mallory.next();
      assertEquals("reply", reply.get("wa"));
      assertEquals("t1", reply.get("token"));
      assertTrue(reply.get("error") instanceof String);
      mallory.send(obj("wa", "subscribe", "d", "sig4", "id", "document"));
      assertTrue(mallory.next().get("error") instanceof String, "refused without a token too");
      expectNoSignal(alice, 200);
    }
  }

  @Test
  void aBadNodeIdOrRecipientListIsRefused() {
    try (RecordingClient creator = server.connect("sig5")) {
      Wire.createPage(creator, "sig5");
    }
    try (RecordingClient alice = onPage("sig5")) {
      alice.send(obj("wa", "subscribe", "d", "sig5", "id", 7, "token", 1));
      assertTrue(alice.next().get("error") instanceof String);
      alice.send(obj("wa", "publish", "d", "sig5", "id", "document", "m", 1, "recipients", "all", "token", 2));
      Map<String, Object> reply = alice.next();
      assertEquals(2, reply.get("token"));
      assertTrue(reply.get("error") instanceof String);
      alice.send(obj("wa", "subscribe", "d", "sig5", "id", "document", "token", 3));
      assertEquals(obj("wa", "reply", "token", 3, "reply", null), alice.next(), "a token asks for a reply");
    }
  }
}

package io.weft.ws;

import static io.weft.testing.Wire.arr;
import static io.weft.testing.Wire.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.testing.RecordingClient;
import io.weft.testing.ServerRig;
import io.weft.testing.Wire;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Webstrates' presence messages: hello after subscribe, clientJoin on ready, clientPart on leaving. */
class PresenceMessagesTest {
  private static final Map<String, Object> ANONYMOUS = obj("userId", "anonymous:", "username", "anonymous",
      "provider", "");
  @RegisterExtension
  static final ServerRig server = new ServerRig();

  @Test
  void helloFollowsTheSubscribeReplyWithTheSocketIdTheAnonymousUserAndTheClientsOnThePage() {
    try (RecordingClient alice = server.connect("hello1"); RecordingClient bob = server.connect("hello1")) {
      Wire.createPage(alice, "hello1");
      alice.subscribe("hello1");
      Map<String, Object> hello = alice.nextPresence();
      assertEquals(List.of("wa", "id", "d", "defaultPermissions", "user", "clients", "c"),
          List.copyOf(hello.keySet()), "wa first, c last: " + hello);
      assertEquals("hello", hello.get("wa"));
      assertEquals(alice.id, hello.get("id"));
      assertEquals("hello1", hello.get("d"));
      assertEquals(ANONYMOUS, hello.get("user"), "no permissions key in the user");
      assertEquals(arr(obj("username", "anonymous", "provider", "", "permissions", "rwa")),
          hello.get("defaultPermissions"));
      assertEquals(arr(alice.id), hello.get("clients"));
      assertEquals("webstrates", hello.get("c"));

      bob.subscribe("hello1");
      assertEquals(arr(alice.id, bob.id), bob.nextPresence().get("clients"), "own id included, in arrival order");
      alice.expectNoPresence(200);
    }
  }

  @Test
  void readySendsClientJoinToEveryoneOnThePageTheJoinerIncluded() {
    try (RecordingClient alice = server.connect("join1"); RecordingClient bob = server.connect("join1");
        RecordingClient other = server.connect("join1-other")) {
      Wire.createPage(alice, "join1");
      Wire.createPage(other, "join1-other");
      alice.subscribe("join1");
      alice.nextPresence();
      alice.send(obj("wa", "ready", "d", "join1"));
      assertEquals(obj("wa", "clientJoin", "id", alice.id, "d", "join1", "c", "webstrates"), alice.nextPresence());
      bob.subscribe("join1");
      bob.nextPresence();
      other.subscribe("join1-other");
      other.nextPresence();
      bob.send(obj("wa", "ready", "d", "join1"));
      Map<String, Object> join = obj("wa", "clientJoin", "id", bob.id, "d", "join1", "c", "webstrates");
      assertEquals(join, alice.nextPresence());
      assertEquals(join, bob.nextPresence());
      other.expectNoPresence(200);
      alice.expectNothing(0);
    }
  }

  @Test
  void aClientThatNeverSaysReadyIsAnnouncedAfterTwoSeconds() {
    try (RecordingClient alice = server.connect("join2"); RecordingClient bob = server.connect("join2")) {
      Wire.createPage(alice, "join2");
      alice.subscribe("join2");
      alice.nextPresence();
      alice.send(obj("wa", "ready", "d", "join2"));
      alice.nextPresence();
      long start = System.nanoTime();
      bob.subscribe("join2");
      bob.nextPresence();
      assertEquals(obj("wa", "clientJoin", "id", bob.id, "d", "join2", "c", "webstrates"), alice.nextPresence());
      assertTrue(System.nanoTime() - start >= 1_500_000_000L, "not before the fallback delay");
    }
  }

  @Test
  void closingOrUnsubscribingSendsClientPartToTheOthers() {
    try (RecordingClient alice = server.connect("part1"); RecordingClient carol = server.connect("part1")) {
      Wire.createPage(alice, "part1");
      alice.subscribe("part1");
      alice.nextPresence();
      alice.send(obj("wa", "ready", "d", "part1"));
      assertEquals("clientJoin", alice.nextPresence().get("wa"));
      String bobId;
      try (RecordingClient bob = server.connect("part1")) {
        bob.subscribe("part1");
        bob.nextPresence();
        bobId = bob.id;
      }
      assertEquals(obj("wa", "clientPart", "id", bobId, "d", "part1", "c", "webstrates"), alice.nextPresence());

      carol.subscribe("part1");
      assertEquals(arr(alice.id, carol.id), carol.nextPresence().get("clients"), "bob is gone");
      carol.send(obj("a", "u", "c", "webstrates", "d", "part1"));
      assertEquals(obj("a", "u", "c", "webstrates", "d", "part1"), carol.next());
      assertEquals(obj("wa", "clientPart", "id", carol.id, "d", "part1", "c", "webstrates"), alice.nextPresence());
      carol.expectNoPresence(200);
    }
  }

  @Test
  void readyFromASocketNotOnThePageGetsAnErrorReplyWithItsToken() {
    try (RecordingClient alice = server.connect("join3")) {
      alice.send(obj("wa", "ready", "d", "join3", "token", 5));
      Map<String, Object> reply = alice.next();
      assertEquals("reply", reply.get("wa"));
      assertEquals(5, reply.get("token"));
      assertTrue(reply.get("error") instanceof String, "an error: " + reply);
      assertFalse(reply.containsKey("reply"));
    }
  }

  @Test
  void anObserverHearsThePageButThePageNeverHearsOfIt() {
    try (RecordingClient alice = server.connect("observe1");
        RecordingClient observer = RecordingClient.connect(server.port(), "/observe1/?observe")) {
      Wire.createPage(alice, "observe1");
      alice.subscribe("observe1");
      alice.nextPresence();
      alice.send(obj("wa", "ready", "d", "observe1"));
      alice.nextPresence();
      observer.subscribe("observe1");
      assertEquals(arr(alice.id, observer.id), observer.nextPresence().get("clients"), "it sees who is there");
      observer.send(obj("wa", "ready", "d", "observe1"));
      try (RecordingClient bob = server.connect("observe1")) {
        bob.subscribe("observe1");
        assertEquals(arr(alice.id, bob.id), bob.nextPresence().get("clients"), "nobody else lists it");
        bob.send(obj("wa", "ready", "d", "observe1"));
        Map<String, Object> join = obj("wa", "clientJoin", "id", bob.id, "d", "observe1", "c", "webstrates");
        assertEquals(join, observer.nextPresence(), "it hears others come");
        assertEquals(join, alice.nextPresence());
      }
      assertEquals("clientPart", alice.nextPresence().get("wa"), "bob left");
      observer.close();
      // Past the fallback after which a silent client is announced, and after it left: nothing.
      alice.expectNoPresence(Presence.JOIN_FALLBACK_MILLIS + 300);
    }
  }
}

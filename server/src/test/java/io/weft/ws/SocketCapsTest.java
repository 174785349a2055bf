package io.weft.ws;

import static io.weft.testing.Wire.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.testing.RecordingClient;
import io.weft.testing.TestServer;
import io.weft.testing.Wire;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The per-socket caps on subscriptions (ws.maxSubscriptions) and signal listeners (ws.maxSignalListeners). */
class SocketCapsTest {
  private static final int MAX_SUBSCRIPTIONS = 3;
  private static final int MAX_LISTENERS = 4;
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("ws.maxSubscriptions", String.valueOf(MAX_SUBSCRIPTIONS),
        "ws.maxSignalListeners", String.valueOf(MAX_LISTENERS)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void assertSubscribed(RecordingClient client, String docId) {
    Map<String, Object> reply = client.subscribe(docId);
    assertEquals("s", reply.get("a"), "subscribed to " + docId + ": " + reply);
    assertEquals(docId, reply.get("d"));
    assertTrue(reply.containsKey("data") && !reply.containsKey("error"), "subscribed to " + docId + ": " + reply);
  }

  private static void assertAlive(RecordingClient client) {
    client.send(obj("a", "pp"));
    assertEquals(obj("a", "pp"), client.next());
  }

  @Test
  void aSubscribePastTheCapIsRefusedWithItsCodeAndTheSocketCarriesOn() {
    try (RecordingClient client = server.connect("capsA")) {
      for (int i = 0; i < MAX_SUBSCRIPTIONS; i++) {
        assertSubscribed(client, "capsA" + i);
      }
      Map<String, Object> request = RecordingClient.message("s", "capsAX");
      client.send(request);
      Wire.assertEchoedError(request, "ERR_TOO_MANY_SUBSCRIPTIONS", client.next());
      assertAlive(client);

      // Subscribing again to a document it holds is no new subscription.
      assertSubscribed(client, "capsA0");
      // Letting one go makes room.
      client.send(RecordingClient.message("u", "capsA1"));
      assertEquals(RecordingClient.message("u", "capsA1"), client.next());
      assertSubscribed(client, "capsAX");
      Map<String, Object> again = RecordingClient.message("s", "capsA1");
      client.send(again);
      Wire.assertEchoedError(again, "ERR_TOO_MANY_SUBSCRIPTIONS", client.next());
      client.expectNothing(200);
    }
  }

  @Test
  void theSubscriptionCapIsPerSocket() {
    try (RecordingClient first = server.connect("capsB"); RecordingClient second = server.connect("capsB")) {
      for (int i = 0; i < MAX_SUBSCRIPTIONS; i++) {
        assertSubscribed(first, "capsB" + i);
      }
      for (int i = 0; i < MAX_SUBSCRIPTIONS; i++) {
        assertSubscribed(second, "capsB" + i);
      }
    }
  }

  private static int tokens;

  /** Asks to listen on {@code nodeId}; returns the reply. */
  private static Map<String, Object> listen(RecordingClient client, String docId, String nodeId) {
    int token = ++tokens;
    client.send(obj("wa", "subscribe", "d", docId, "id", nodeId, "token", token));
    Map<String, Object> reply = client.next();
    assertEquals(token, reply.get("token"), "the reply to " + nodeId + ": " + reply);
    return reply;
  }

  private static void assertListening(RecordingClient client, String docId, String nodeId) {
    Map<String, Object> reply = listen(client, docId, nodeId);
    assertEquals(obj("wa", "reply", "token", reply.get("token"), "reply", null), reply);
  }

  private static void assertRefusedListener(RecordingClient client, String docId, String nodeId) {
    Map<String, Object> reply = listen(client, docId, nodeId);
    assertEquals("reply", reply.get("wa"));
    assertEquals("ERR_TOO_MANY_SIGNAL_LISTENERS", reply.get("code"), "refused with its code: " + reply);
    assertTrue(reply.get("error") instanceof String message && !message.isBlank(), "says why: " + reply);
  }

  /** A socket subscribed to {@code docIds}, their hellos read. */
  private static RecordingClient onPages(String... docIds) {
    RecordingClient client = server.connect(docIds[0]);
    for (String docId : docIds) {
      assertSubscribed(client, docId);
      client.nextPresence();
    }
    return client;
  }

  @Test
  void aSignalListenerPastTheCapIsRefusedWithItsCodeCountedOverAllPagesOfTheSocket() {
    try (RecordingClient client = onPages("capsC1", "capsC2"); RecordingClient other = onPages("capsC1")) {
      assertListening(client, "capsC1", "document");
      assertListening(client, "capsC1", "aaaaaaaa");
      assertListening(client, "capsC2", "document");
      assertListening(client, "capsC2", "bbbbbbbb");
      assertRefusedListener(client, "capsC1", "cccccccc");
      assertRefusedListener(client, "capsC2", "cccccccc");
      // Listening again on a node it listens on takes nothing more.
      assertListening(client, "capsC1", "document");
      assertAlive(client);

      // The socket kept its listeners: a signal still reaches it.
      other.send(obj("wa", "publish", "d", "capsC1", "id", "aaaaaaaa", "m", "still here"));
      assertEquals("still here", nextSignal(client).get("m"));

      // Another socket has a cap of its own.
      for (String node : new String[] {"n1", "n2", "n3", "n4"}) {
        assertListening(other, "capsC1", node);
      }
    }
  }

  @Test
  void unsubscribingFromASignalOrLeavingAPageGivesItsListenersBack() {
    try (RecordingClient client = onPages("capsD1", "capsD2")) {
      assertListening(client, "capsD1", "n1");
      assertListening(client, "capsD1", "n2");
      assertListening(client, "capsD2", "n3");
      assertListening(client, "capsD2", "n4");
      assertRefusedListener(client, "capsD1", "n5");

      client.send(obj("wa", "unsubscribe", "d", "capsD1", "id", "n1", "token", "u1"));
      assertEquals(obj("wa", "reply", "token", "u1", "reply", null), client.next());
      assertListening(client, "capsD1", "n5");
      assertRefusedListener(client, "capsD1", "n6");

      // Leaving a page drops its two listeners.
      client.send(RecordingClient.message("u", "capsD2"));
      assertEquals(RecordingClient.message("u", "capsD2"), client.next());
      assertListening(client, "capsD1", "n6");
      assertListening(client, "capsD1", "n7");
      assertRefusedListener(client, "capsD1", "n8");
    }
  }

  private static Map<String, Object> nextSignal(RecordingClient client) {
    while (true) {
      Map<String, Object> frame = client.nextPresence();
      if ("publish".equals(frame.get("wa"))) {
        return frame;
      }
    }
  }
}

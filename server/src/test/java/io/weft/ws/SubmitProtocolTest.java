package io.weft.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.weft.testing.Pages;
import io.weft.testing.RecordingClient;
import io.weft.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SubmitProtocolTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void acknowledgesSubmitterAndBroadcastsToOtherSubscribers() {
    try (RecordingClient alice = server.connect("ack1"); RecordingClient bob = server.connect("ack1")) {
      Map<String, Object> snapshot = alice.subscribe("ack1");
      assertEquals(0, ((Map<?, ?>) snapshot.get("data")).get("v"));
      assertNull(((Map<?, ?>) snapshot.get("data")).get("type"), "a missing document has no type");
      Map<String, Object> created = alice.create("ack1", Pages.skeleton("ack1"));
      assertEquals(0, created.get("v"));
      assertNull(created.get("error"));
      Map<String, Object> bobSnapshot = bob.subscribe("ack1");
      assertEquals(1, ((Map<?, ?>) bobSnapshot.get("data")).get("v"));

      alice.submit("ack1", 1L, List.of(Pages.setHtmlAttribute("data-x", "1")));
      Map<String, Object> ack = alice.next();
      assertEquals(1, ack.get("v"));
      assertNull(ack.get("op"), "an ack carries no op");
      Map<String, Object> broadcast = bob.next();
      assertEquals(1, broadcast.get("v"));
      assertEquals(alice.id, broadcast.get("src"));
      assertEquals(List.of(Pages.setHtmlAttribute("data-x", "1")), broadcast.get("op"));
      alice.expectNothing(200);
      bob.expectNothing(0);
    }
  }
}

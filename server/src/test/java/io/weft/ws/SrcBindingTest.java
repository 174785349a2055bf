package io.weft.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.weft.testing.Pages;
import io.weft.testing.RecordingClient;
import io.weft.testing.TestServer;
import io.weft.testing.Wire;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An op's {@code src} (the socket it was first sent from) is honoured only from that socket's user, so
 * nobody can pre-empt another user's next op by sending it under their src and seq.
 */
class SrcBindingTest {
  @Test
  void anotherUsersSrcIsRefusedAndTheOwnersOpStillLands() {
    try (TestServer server = TestServer.start()) {
      TestServer.Login alice = server.login("alice");
      TestServer.Login mallory = server.login("mallory");
      try (RecordingClient a = server.connect("src1", alice); RecordingClient m = server.connect("src1", mallory)) {
        Wire.createPage(a, "src1");
        a.subscribe("src1");
        m.subscribe("src1");
        m.send(Wire.op("src1", 1, a.id, 2, List.of(Pages.setHtmlAttribute("data-forged", "1"))));
        Map<String, Object> refused = m.next();
        assertEquals("ERR_FORBIDDEN", ((Map<?, ?>) refused.get("error")).get("code"), "forged src: " + refused);

        a.send(Wire.op("src1", 1, a.id, 2, List.of(Pages.setHtmlAttribute("data-real", "1"))));
        Map<String, Object> ack = a.next();
        assertNull(ack.get("error"), "alice's own op is applied, not taken for a duplicate: " + ack);
        assertEquals(1, ((Number) ack.get("v")).intValue());
      }
    }
  }

  @Test
  void aUserResendsUnderTheSrcOfTheirEarlierSocket() {
    try (TestServer server = TestServer.start()) {
      TestServer.Login alice = server.login("alice");
      String oldSrc;
      try (RecordingClient first = server.connect("src2", alice)) {
        Wire.createPage(first, "src2");
        oldSrc = first.id;
      }
      try (RecordingClient again = server.connect("src2", alice)) {
        again.subscribe("src2");
        again.send(Wire.op("src2", 1, oldSrc, 2, List.of(Pages.setHtmlAttribute("data-resent", "1"))));
        assertNull(again.next().get("error"), "a resend from the same user is accepted");
      }
    }
  }
}

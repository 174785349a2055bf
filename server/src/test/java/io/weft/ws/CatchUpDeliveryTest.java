package io.weft.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.weft.testing.Pages;
import io.weft.testing.RecordingClient;
import io.weft.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A client that reads promptly must receive every op it asks for, however many: the send-queue bound
 * is for clients that stop reading, not for a burst the server itself produces.
 */
class CatchUpDeliveryTest {
  private static final int OPS = 100;
  /** Sockets are spread over the event loops; with several, some sit on another loop than the document. */
  private static final int SOCKETS = 6;

  @Test
  void resubscribingFromAnOldVersionReceivesEveryMissedOpOnEverySocket() {
    // Several event loops for certain, whatever the machine: the document lives on one of them.
    try (TestServer server = TestServer.start(Map.of("http.eventLoops", "4"))) {
      catchUpOnEverySocket(server, "catchup-burst");
    }
  }

  private static void catchUpOnEverySocket(TestServer server, String docId) {
    try (RecordingClient writer = server.connect(docId)) {
      assertNull(writer.create(docId, Pages.skeleton(docId)).get("error"));
      writer.subscribe(docId);
      for (int i = 0; i < OPS; i++) {
        writer.submit(docId, null, List.of(Pages.setHtmlAttribute("data-k" + i, "v")));
      }
      for (int i = 0; i < OPS; i++) {
        Map<String, Object> ack = writer.next();
        assertNull(ack.get("error"), "ack " + ack);
      }
    }
    List<RecordingClient> readers = new ArrayList<>();
    try {
      for (int i = 0; i < SOCKETS; i++) {
        readers.add(server.connect(docId));
      }
      for (RecordingClient r : readers) {
        Map<String, Object> s = RecordingClient.message("s", docId);
        s.put("v", 1);
        r.send(s);
      }
      for (int i = 0; i < SOCKETS; i++) {
        RecordingClient r = readers.get(i);
        for (int v = 1; v <= OPS; v++) {
          Map<String, Object> op = next(r, i);
          assertEquals("op", op.get("a"), "socket " + i + ", frame for version " + v + ": " + op);
          assertEquals(v, ((Number) op.get("v")).intValue(), "socket " + i + ": " + op);
        }
        Map<String, Object> done = next(r, i);
        assertEquals("s", done.get("a"), "socket " + i + " ends the catch-up: " + done);
        assertNull(done.get("error"), "socket " + i + ": " + done);
        r.expectNothing(0);
      }
    } finally {
      readers.forEach(RecordingClient::close);
    }
  }

  /** The next frame, or a failure that says how the socket was closed. */
  private static Map<String, Object> next(RecordingClient r, int socket) {
    try {
      return r.next();
    } catch (AssertionError e) {
      throw new AssertionError("socket " + socket + " got no frame; closed by the server: " + r.socket().isClosed()
          + ", code " + r.socket().closeStatusCode() + " '" + r.socket().closeReason() + "'", e);
    }
  }
}

package io.weft.doc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.Future;
import io.weft.access.PermissionList;
import io.weft.access.Rights;
import io.weft.auth.Caller;
import io.weft.store.DocKey;
import io.weft.testing.Pages;
import io.weft.testing.RecordingClient;
import io.weft.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A subscriber whose socket is closing must not stop a document. Between receiving a client's close
 * frame and running its close handler, a Vert.x WebSocket is closed but the session still says it is
 * open, and writing to it throws {@code IllegalStateException("WebSocket is closed")}; the stand-in
 * below behaves exactly so. A client that drops its connection right after submitting (as
 * {@link ConvergenceTest#inFlightOpsSurviveReconnectsExactlyOnce} does) hits this window in practice;
 * the document must carry on whatever one subscriber's send does.
 */
class ClosingSubscriberTest {
  /** A session in the window after the peer's close frame and before its close handler ran. */
  private static final class ClosingSession implements Subscriber {
    volatile boolean socketClosed;

    @Override
    public String connectionId() {
      return "closing-session";
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void send(String frame) {
      if (socketClosed) {
        throw new IllegalStateException("WebSocket is closed");
      }
    }

    @Override
    public Caller caller() {
      return Caller.ANONYMOUS;
    }

    @Override
    public void documentLost(DocKey key, String reason) {
    }

    @Override
    public void permissionsChanged(DocKey key, Rights rights, PermissionList list) {
    }
  }

  @Test
  void aSubscriberWhoseSocketIsClosingDoesNotStopTheDocument() throws Exception {
    String docId = "closing-subscriber";
    try (TestServer server = TestServer.start(); RecordingClient alice = server.connect(docId)) {
      assertNull(alice.create(docId, Pages.skeleton(docId)).get("error"));
      alice.subscribe(docId);
      ClosingSession closing = new ClosingSession();
      server.server().registry().withDocument(new DocKey("webstrates", docId), doc -> doc.open(closing, 1L, true))
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      closing.socketClosed = true;

      alice.submit(docId, 1L, List.of(Pages.setHtmlAttribute("data-a", "1")));
      Map<String, Object> ack = alice.next();
      assertEquals(1, ack.get("v"), "first op acknowledged: " + ack);
      alice.submit(docId, 2L, List.of(Pages.setHtmlAttribute("data-b", "2")));
      ack = alice.next();
      assertEquals(2, ack.get("v"), "the document still takes ops: " + ack);
      assertEquals("{\"version\":3}", server.get("/" + docId + "/?v").body());
    }
  }
}

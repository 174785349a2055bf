package io.weft.doc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.json.Json;
import io.weft.ot.Json0;
import io.weft.testing.Pages;
import io.weft.testing.RecordingClient;
import io.weft.testing.TestServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Touching thousands of documents must not keep them all in memory: documents nobody subscribes to
 * leave after {@code documents.idleUnloadSeconds}, or sooner past {@code documents.maxIdleLoaded}, and
 * one that left loads again, from storage, with its content.
 */
class MemoryBoundTest {
  private static final int SOCKETS = 4;
  /** Requests one socket has outstanding at a time (creates or fetches, each loading a document). */
  private static final int BATCH = 10;
  private static final int MAX_IDLE = 50;
  /** Longest wait for the replies to one batch. */
  private static final long REPLY_MILLIS = 60_000;
  /** The bound plus some slack for documents still loading or being swept. */
  private static final int LOADED_BOUND = 60;

  @Test
  void twoThousandIdleDocumentsLeaveMemoryAndLoadAgainWithTheirContent() throws Exception {
    touchDocumentsAndCheckTheBound(2000);
  }

  /** Three times the bound: most documents must have left memory, whatever the count. */
  @Test
  void idleDocumentsLeaveMemoryAndLoadAgainWithTheirContent() throws Exception {
    touchDocumentsAndCheckTheBound(150);
  }

  private static void touchDocumentsAndCheckTheBound(int docs) throws Exception {
    try (TestServer server = TestServer.start(Map.of("documents.maxIdleLoaded", String.valueOf(MAX_IDLE),
        "documents.idleUnloadSeconds", "1"))) {
      List<RecordingClient> sockets = new ArrayList<>();
      int peak = 0;
      long started = System.currentTimeMillis();
      long created;
      long fetched;
      try {
        for (int s = 0; s < SOCKETS; s++) {
          sockets.add(server.connect("memory-socket-" + s));
        }
        for (int from = 0; from < docs; from += BATCH * SOCKETS) {
          createBatch(sockets, from, docs);
          peak = Math.max(peak, server.server().registry().loadedCount());
        }
        created = System.currentTimeMillis();
        for (int from = 0; from < docs; from += BATCH * SOCKETS) {
          fetchBatch(sockets, from, docs);
          peak = Math.max(peak, server.server().registry().loadedCount());
        }
        fetched = System.currentTimeMillis();
      } finally {
        sockets.forEach(RecordingClient::close);
      }

      long deadline = System.currentTimeMillis() + 30_000;
      int loaded = server.server().registry().loadedCount();
      for (int i = 0; i < 3000 && loaded > LOADED_BOUND && System.currentTimeMillis() < deadline; i++) {
        Thread.sleep(20);
        loaded = server.server().registry().loadedCount();
      }
      System.out.printf("memory bound: %d documents created in %d ms and fetched in %d ms; at most %d loaded while "
          + "touching them (sampled), %d after%n", docs, created - started, fetched - created, peak, loaded);
      assertTrue(loaded <= LOADED_BOUND, loaded + " of " + docs + " documents are still in memory");

      // Nearly every document has left memory by now; these load again from storage.
      Random rnd = new Random(7);
      List<Integer> sample = new ArrayList<>(List.of(0, 1, docs / 2));
      for (int i = 0; i < 10; i++) {
        sample.add(rnd.nextInt(docs));
      }
      for (int n : sample) {
        String id = docId(n);
        List<?> page = (List<?>) Json.parse(server.get("/" + id + "/?json").body());
        assertTrue(Json0.deepEquals(page(n), page), id + " loads again with its content: " + Json.encode(page));
        assertEquals("{\"version\":1}", server.get("/" + id + "/?v").body(), id + "'s version");
      }
    }
  }

  /** Creates the documents [from, from + BATCH * SOCKETS), each socket pipelining BATCH creates. */
  private static void createBatch(List<RecordingClient> sockets, int from, int docs) {
    for (int s = 0; s < sockets.size(); s++) {
      RecordingClient socket = sockets.get(s);
      for (int n = first(from, s); n < end(from, s, docs); n++) {
        Map<String, Object> m = RecordingClient.message("op", docId(n));
        m.put("v", 0);
        m.put("src", socket.id);
        m.put("seq", n + 1);
        m.put("create", Map.of("type", "http://sharejs.org/types/JSONv0", "data", page(n)));
        socket.send(m);
      }
    }
    for (int s = 0; s < sockets.size(); s++) {
      for (Map.Entry<String, Map<String, Object>> e : replies(sockets.get(s), first(from, s), end(from, s, docs))
          .entrySet()) {
        assertNull(e.getValue().get("error"), "create " + e.getKey() + ": " + e.getValue());
        assertEquals("op", e.getValue().get("a"), "create " + e.getKey() + " is acknowledged: " + e.getValue());
        assertEquals(0, e.getValue().get("v"), "create " + e.getKey() + ": " + e.getValue());
      }
    }
  }

  private static void fetchBatch(List<RecordingClient> sockets, int from, int docs) {
    for (int s = 0; s < sockets.size(); s++) {
      for (int n = first(from, s); n < end(from, s, docs); n++) {
        sockets.get(s).send(RecordingClient.message("f", docId(n)));
      }
    }
    for (int s = 0; s < sockets.size(); s++) {
      for (Map.Entry<String, Map<String, Object>> e : replies(sockets.get(s), first(from, s), end(from, s, docs))
          .entrySet()) {
        Map<?, ?> snapshot = (Map<?, ?>) e.getValue().get("data");
        assertNotNull(snapshot, "fetch " + e.getKey() + ": " + e.getValue());
        assertEquals(1, snapshot.get("v"), "fetch " + e.getKey() + ": " + e.getValue());
        int n = Integer.parseInt(e.getKey().substring("memory-".length()));
        assertTrue(Json0.deepEquals(page(n), snapshot.get("data")), "fetch " + e.getKey() + ": " + e.getValue());
      }
    }
  }

  private static int first(int from, int socket) {
    return from + socket * BATCH;
  }

  private static int end(int from, int socket, int docs) {
    return Math.min(docs, from + (socket + 1) * BATCH);
  }

  /** The replies to the requests for documents [first, end), by document: they may come in any order. */
  private static Map<String, Map<String, Object>> replies(RecordingClient socket, int first, int end) {
    Map<String, Map<String, Object>> byDoc = new HashMap<>();
    long deadline = System.currentTimeMillis() + REPLY_MILLIS;
    for (int n = first; n < end; n++) {
      Map<String, Object> reply = next(socket, deadline);
      Object previous = byDoc.put((String) reply.get("d"), reply);
      assertNull(previous, "two replies for " + reply.get("d"));
    }
    for (int n = first; n < end; n++) {
      assertNotNull(byDoc.get(docId(n)), "a reply for " + docId(n));
    }
    return byDoc;
  }

  /** The next frame; on a busy machine a batch of document loads may take longer than one frame wait. */
  private static Map<String, Object> next(RecordingClient socket, long deadline) {
    while (true) {
      try {
        return socket.next();
      } catch (AssertionError e) {
        if (System.currentTimeMillis() > deadline) {
          throw e;
        }
      }
    }
  }

  private static String docId(int n) {
    return "memory-" + n;
  }

  private static List<Object> page(int n) {
    List<Object> page = Pages.skeleton(docId(n));
    @SuppressWarnings("unchecked")
    Map<String, Object> attributes = (Map<String, Object>) page.get(1);
    attributes.put("data-n", String.valueOf(n));
    return page;
  }
}

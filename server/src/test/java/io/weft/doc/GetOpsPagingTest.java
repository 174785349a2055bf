package io.weft.doc;

import static io.weft.testing.Wire.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.WebSocket;
import io.weft.json.Json;
import io.weft.testing.Pages;
import io.weft.testing.RecordingClient;
import io.weft.testing.ServerRig;
import io.weft.testing.Wire;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code getOps} answers a page at a time: at most history.maxOpsPerReply ops and history.maxReplyBytes
 * bytes per reply, from {@code from} on without gaps, so a reader that continues at the last op's
 * {@code v + 1} reaches the head with every op exactly once; one read at a time per socket.
 */
class GetOpsPagingTest {
  private static final String DOC = "paged";
  private static final int MAX_OPS = 150;
  private static final int MAX_BYTES = 16 * 1024;
  /** Edits after the create: the first half small (the op count fills a page), the rest large (bytes do). */
  private static final int EDITS = 2000;
  private static final int BATCH = 50;

  /** A window much smaller than the log: most pages come from storage, the last ones from memory. */
  @RegisterExtension
  static final ServerRig server = new ServerRig(Map.of("documents.opCacheSize", "100",
      "history.maxOpsPerReply", String.valueOf(MAX_OPS), "history.maxReplyBytes", String.valueOf(MAX_BYTES),
      "history.maxConcurrentReads", "2"));

  /** The attribute value the edit at version {@code v} sets. */
  private static String valueAt(long v) {
    return v <= EDITS / 2 ? "s" + v : "L" + v + "-" + "x".repeat(400);
  }

  @BeforeAll
  static void writeTheLog() {
    try (RecordingClient alice = server.connect(DOC)) {
      Wire.createPage(alice, DOC);
      alice.subscribe(DOC);
      for (int from = 1; from <= EDITS; from += BATCH) {
        for (int v = from; v < from + BATCH; v++) {
          alice.submit(DOC, (long) v, List.of(Pages.setHtmlAttribute("n", valueAt(v))));
        }
        for (int v = from; v < from + BATCH; v++) {
          assertEquals(v, alice.next().get("v"), "edit acknowledged in order");
        }
      }
    }
    assertEquals(EDITS + 1, Wire.pageVersion(server, DOC));
  }

  @Test
  void aGetOpsFromZeroAnswersOnePageAndContinuingReachesTheHeadWithEveryOpOnce() {
    try (RawReader reader = new RawReader()) {
      List<Map<String, Object>> first = reader.ops(0, null);
      assertEquals(MAX_OPS, first.size(), "the first page holds history.maxOpsPerReply ops");
      List<Map<String, Object>> all = new ArrayList<>(first);
      int pages = 1;
      long from = versionOf(first.get(first.size() - 1)) + 1;
      while (true) {
        List<Map<String, Object>> page = reader.ops(from, null);
        if (page.isEmpty()) {
          break;
        }
        assertTrue(page.size() <= MAX_OPS, "a page holds at most " + MAX_OPS + " ops: " + page.size());
        all.addAll(page);
        from = versionOf(page.get(page.size() - 1)) + 1;
        assertTrue(++pages < 1000, "paging ends");
      }
      assertEquals(EDITS + 1, all.size(), "every op, once");
      for (int v = 0; v < all.size(); v++) {
        Map<String, Object> op = all.get(v);
        assertEquals(v, versionOf(op), "contiguous, in order");
        if (v == 0) {
          assertTrue(op.containsKey("create"), "version 0 is the create");
        } else {
          assertEquals(List.of(Pages.setHtmlAttribute("n", valueAt(v))), op.get("op"), "the op stored at " + v);
        }
      }
      assertTrue(pages > (EDITS + 1) / MAX_OPS, "the large ops filled pages by their bytes: " + pages + " pages");
      assertTrue(reader.largestReply <= MAX_BYTES, "no reply over history.maxReplyBytes: " + reader.largestReply);
      assertTrue(reader.largestReply > MAX_BYTES / 2, "the byte bound was what cut the large pages short");
    }
  }

  @Test
  void aPageEndsAtToAndStartsAtFrom() {
    try (RawReader reader = new RawReader()) {
      List<Map<String, Object>> page = reader.ops(1000, 1010L);
      assertEquals(List.of(1000L, 1001L, 1002L, 1003L, 1004L, 1005L, 1006L, 1007L, 1008L, 1009L),
          page.stream().map(GetOpsPagingTest::versionOf).toList());
      assertEquals(List.of(), reader.ops(EDITS + 1, null), "at the head: nothing, so the reader stops");
    }
  }

  @Test
  void aSecondReadOnTheSameSocketBeforeTheFirstIsAnsweredIsRefused() {
    try (RawReader reader = new RawReader()) {
      int requests = 8;
      for (int t = 0; t < requests; t++) {
        reader.send(t, 0, null);
      }
      int answered = 0;
      int refused = 0;
      for (int t = 0; t < requests; t++) {
        Map<String, Object> reply = reader.reply();
        if (reply.containsKey("error")) {
          assertEquals("ERR_TOO_MANY_HISTORY_READS", reply.get("code"), "refused with its code: " + reply);
          refused++;
        } else {
          assertEquals(MAX_OPS, ((List<?>) reply.get("reply")).size(), "an answered read is a full page");
          answered++;
        }
      }
      assertTrue(answered >= 1 && refused >= 1, answered + " answered, " + refused + " refused");
      reader.expectNoReply();
    }
  }

  @Test
  void readsFromManySocketsPastTheServerBoundWaitTheirTurnAndAllGetTheirPage() {
    List<RawReader> readers = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        readers.add(new RawReader());
      }
      for (RawReader reader : readers) {
        reader.send("x", 0, null);
      }
      for (RawReader reader : readers) {
        Map<String, Object> reply = reader.reply();
        List<?> ops = (List<?>) reply.get("reply");
        assertEquals(MAX_OPS, ops == null ? -1 : ops.size(), "queued, not refused: " + reply.get("code"));
      }
    } finally {
      readers.forEach(RawReader::close);
    }
  }

  /** A resubscribe from far back reads the log in pages too: every op arrives once, in order. */
  @Test
  void aSubscribeFromVersionZeroCatchesUpThroughEveryPageOfTheLog() {
    try (RecordingClient bob = server.connect(DOC)) {
      Map<String, Object> resubscribe = RecordingClient.message("s", DOC);
      resubscribe.put("v", 0);
      bob.send(resubscribe);
      for (long v = 0; v <= EDITS; v++) {
        Map<String, Object> op = bob.next();
        assertEquals(v, versionOf(op), "op " + v + " in order: " + op.keySet());
      }
      assertEquals(obj("a", "s", "c", "webstrates", "d", DOC), bob.next());
    }
  }

  private static long versionOf(Map<String, Object> op) {
    return ((Number) op.get("v")).longValue();
  }

  /** A socket that sends getOps and keeps each reply's text, to measure it as sent. */
  private static final class RawReader implements AutoCloseable {
    private final WebSocket socket = RecordingClient.open(server.port(), "/" + DOC + "/");
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    /** UTF-8 bytes of the largest reply received. */
    long largestReply;

    RawReader() {
      socket.textMessageHandler(text -> {
        if (text.startsWith("{\"wa\":\"reply\"")) {
          largestReply = Math.max(largestReply, text.getBytes(StandardCharsets.UTF_8).length);
          replies.add(text);
        }
      });
    }

    void send(Object token, long from, Long to) {
      Map<String, Object> request = obj("wa", "getOps", "d", DOC, "token", token, "from", from);
      if (to != null) {
        request.put("to", to);
      }
      socket.writeTextMessage(Json.encode(request)).toCompletionStage().toCompletableFuture().join();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> reply() {
      try {
        String text = replies.poll(30, TimeUnit.SECONDS);
        assertTrue(text != null, "a reply");
        return (Map<String, Object>) Json.parse(text);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    void expectNoReply() {
      try {
        assertEquals(null, replies.poll(300, TimeUnit.MILLISECONDS), "no further reply");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> ops(long from, Long to) {
      send("t" + from, from, to);
      Map<String, Object> reply = reply();
      assertEquals("t" + from, reply.get("token"));
      assertTrue(reply.get("reply") instanceof List, "a list of ops: " + reply);
      return new ArrayList<>((List<Map<String, Object>>) reply.get("reply"));
    }

    @Override
    public void close() {
      socket.close();
    }
  }
}

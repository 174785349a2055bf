package io.weft.ws;

import static io.weft.testing.Wire.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.weft.json.Json;
import io.weft.store.DocKey;
import io.weft.testing.Pages;
import io.weft.testing.RecordingClient;
import io.weft.testing.TestServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sockets that pipeline ops without waiting for acks (ws.maxInFlightSubmissions, documents.maxQueuedSubmissions):
 * the server stops reading them instead of queueing what they send, so a document's queue stays within
 * its bound, a well-behaved client on the same page keeps being answered, and every acknowledged op is
 * stored exactly once.
 */
class FloodBackPressureTest {
  private static final int MAX_IN_FLIGHT = 16;
  private static final int MAX_QUEUED = 64;
  /** Flooders each send this many ops, far more than any bound: without back-pressure they all queue at once. */
  private static final int FLOOD_OPS = 3_000;
  private static TestServer server;

  @BeforeAll
  static void start() {
    // Several event loops for certain: flooding sockets sit on other loops than the document.
    server = TestServer.start(Map.of("http.eventLoops", "4", "ws.maxInFlightSubmissions", String.valueOf(MAX_IN_FLIGHT),
        "documents.maxQueuedSubmissions", String.valueOf(MAX_QUEUED)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aSocketThatDoesNotWaitForAcksIsNotReadPastItsBound() throws Exception {
    String docId = "flood-one";
    createPage(docId);
    try (Flooder flooder = new Flooder(server, docId, FLOOD_OPS)) {
      flooder.start();
      flooder.awaitWritten();
      Set<Long> acked = flooder.readAnswers();
      assertEquals(FLOOD_OPS, acked.size(), "every op of a lone flooder is acknowledged; refused: " + flooder.refused);
      assertStoredExactlyOnce(docId, Map.of(flooder.id, acked));
    }
    // One socket never has more than its bound unanswered, so no more than that can wait in the queue.
    int peak = peakQueued(docId);
    assertTrue(peak <= MAX_IN_FLIGHT, "queued at once: " + peak + ", bound per socket " + MAX_IN_FLIGHT);
  }

  @Test
  void aFloodFromSeveralSocketsKeepsTheQueueBoundedAndAWellBehavedClientAnswered() throws Exception {
    String docId = "flood-many";
    createPage(docId);
    List<Flooder> flooders = new ArrayList<>();
    try (RecordingClient polite = server.connect(docId)) {
      polite.subscribe(docId);
      for (int i = 0; i < 3; i++) {
        flooders.add(new Flooder(server, docId, FLOOD_OPS));
      }
      flooders.forEach(Flooder::start);
      // The polite client submits one op at a time, as ShareDB clients do, while the flood goes on.
      Set<Long> politeAcked = new HashSet<>();
      int duringFlood = 0;
      for (int i = 0; i < 20; i++) {
        Map<String, Object> sent = polite.submit(docId, null, List.of(insertText("p")));
        long seq = ((Number) sent.get("seq")).longValue();
        Map<String, Object> answer = awaitAnswer(polite, seq, 5000);
        assertNull(answer.get("error"), "the polite client's op " + seq + " was refused: " + answer);
        politeAcked.add(seq);
        if (flooders.stream().anyMatch(f -> f.writer.isAlive())) {
          duringFlood++;
        }
      }
      assertTrue(duringFlood > 0, "the polite client was answered while the flood was still being sent");

      Map<String, Set<Long>> acked = new HashMap<>();
      acked.put(polite.id, politeAcked);
      for (Flooder f : flooders) {
        f.awaitWritten();
        acked.put(f.id, f.readAnswers());
      }
      assertStoredExactlyOnce(docId, acked);
    } finally {
      for (Flooder f : flooders) {
        f.close();
      }
    }
    int peak = peakQueued(docId);
    assertTrue(peak <= MAX_QUEUED, "queued at once: " + peak + ", bound per document " + MAX_QUEUED);
  }

  @Test
  void aDocumentWhoseQueueIsFullHoldsItsSubmittersAndRefusesOnlyWhatStillArrives() throws Exception {
    // Sockets may each have many ops unanswered: only the document's bound stands in the flood's way.
    try (TestServer roomy = TestServer.start(Map.of("http.eventLoops", "4", "ws.maxInFlightSubmissions", "1000",
        "documents.maxQueuedSubmissions", "8"))) {
      String docId = "flood-full";
      createPage(roomy, docId);
      List<Flooder> flooders = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          flooders.add(new Flooder(roomy, docId, FLOOD_OPS));
        }
        flooders.forEach(Flooder::start);
        Map<String, Set<Long>> acked = new HashMap<>();
        for (Flooder f : flooders) {
          f.awaitWritten();
          acked.put(f.id, f.readAnswers());
        }
        assertStoredExactlyOnce(roomy, docId, acked);
      } finally {
        for (Flooder f : flooders) {
          f.close();
        }
      }
      int peak = peakQueued(roomy, docId);
      assertTrue(peak <= 8, "queued at once: " + peak + ", bound per document 8");
    }
  }

  private static void createPage(String docId) {
    createPage(server, docId);
  }

  private static void createPage(TestServer server, String docId) {
    try (RecordingClient creator = server.connect(docId)) {
      assertNull(creator.create(docId, Pages.skeleton(docId)).get("error"));
    }
  }

  /** Inserts text at the start of the text node after {@code <html>}'s attributes. */
  private static Map<String, Object> insertText(String text) {
    return obj("p", List.of(2, 0), "si", text);
  }

  private static Map<String, Object> awaitAnswer(RecordingClient client, long seq, long millis) {
    long deadline = System.currentTimeMillis() + millis;
    while (true) {
      long left = deadline - System.currentTimeMillis();
      Map<String, Object> m = left > 0 ? client.poll(left) : null;
      assertTrue(m != null, "no answer to op " + seq + " within " + millis + " ms");
      if (client.id.equals(m.get("src")) && m.get("seq") instanceof Number n && n.longValue() == seq) {
        return m;
      }
    }
  }

  private static int peakQueued(String docId) throws Exception {
    return peakQueued(server, docId);
  }

  private static int peakQueued(TestServer server, String docId) throws Exception {
    return server.server().registry()
        .withDocument(new DocKey("webstrates", docId), doc -> Future.succeededFuture(doc.peakQueuedSubmissions()))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Reads the whole op log through a fresh subscription: each acknowledged (src, seq) once, and nothing else. */
  private static void assertStoredExactlyOnce(String docId, Map<String, Set<Long>> acked) {
    assertStoredExactlyOnce(server, docId, acked);
  }

  private static void assertStoredExactlyOnce(TestServer server, String docId, Map<String, Set<Long>> acked) {
    Map<String, Set<Long>> stored = new HashMap<>();
    int total = 0;
    try (RecordingClient reader = server.connect(docId)) {
      Map<String, Object> s = RecordingClient.message("s", docId);
      s.put("v", 1);
      reader.send(s);
      while (true) {
        Map<String, Object> m = reader.next();
        if ("s".equals(m.get("a"))) {
          assertNull(m.get("error"), "catch-up: " + m);
          break;
        }
        if (!"op".equals(m.get("a"))) {
          continue;
        }
        total++;
        String src = (String) m.get("src");
        long seq = ((Number) m.get("seq")).longValue();
        assertTrue(stored.computeIfAbsent(src, k -> new HashSet<>()).add(seq), "stored twice: " + src + " " + seq);
      }
    }
    int expected = acked.values().stream().mapToInt(Set::size).sum();
    assertEquals(expected, total, "ops stored");
    acked.forEach((src, seqs) -> assertEquals(seqs, stored.getOrDefault(src, Set.of()), "ops of " + src));
  }

  /** A raw socket that writes its ops back to back from its own thread and reads nothing until told to. */
  private static final class Flooder implements AutoCloseable {
    final StalledSocket socket;
    final String id;
    final Thread writer;
    final String docId;
    final int ops;
    volatile IOException failed;
    int refused;

    Flooder(TestServer server, String docId, int ops) throws IOException {
      this.docId = docId;
      this.ops = ops;
      socket = new StalledSocket(server.port(), "/" + docId + "/");
      id = (String) asMap(Json.parse(socket.readUntil(text -> text.contains("\"a\":\"init\"")))).get("id");
      socket.send(RecordingClient.message("s", docId));
      socket.readUntil(text -> text.startsWith("{\"a\":\"s\""));
      writer = new Thread(this::flood, "flooder-" + id);
    }

    void start() {
      writer.start();
    }

    private void flood() {
      try {
        for (int seq = 1; seq <= ops; seq++) {
          Map<String, Object> op = RecordingClient.message("op", docId);
          op.put("seq", seq);
          op.put("op", List.of(insertText("f")));
          socket.send(op);
        }
      } catch (IOException e) {
        failed = e;
      }
    }

    void awaitWritten() throws InterruptedException {
      writer.join(60_000);
      assertTrue(!writer.isAlive(), "the flood was not written within a minute");
      assertNull(failed, "writing the flood failed");
    }

    /** Reads until every op it sent is answered; returns the seqs acknowledged. */
    Set<Long> readAnswers() throws IOException {
      Set<Long> acked = new HashSet<>();
      socket.readUntil(text -> {
        Map<String, Object> m = asMap(Json.parse(text));
        // An error echoes the request, which named no src; an ack names this socket; broadcasts name others.
        if (m.containsKey("error")) {
          refused++;
          assertEquals("ERR_DOCUMENT_BUSY", asMap(m.get("error")).get("code"), "refused: " + text);
        } else if ("op".equals(m.get("a")) && id.equals(m.get("src")) && !m.containsKey("op")) {
          acked.add(((Number) m.get("seq")).longValue());
        }
        return acked.size() + refused == ops;
      });
      return acked;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
      return (Map<String, Object>) value;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}

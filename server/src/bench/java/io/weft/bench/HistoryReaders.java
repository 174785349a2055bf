package io.weft.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Readers of a long history: each asks for the whole op log from version 0 with {@code getOps}, again
 * and again, following the server's paging if it pages. A socket the server closes is counted and
 * replaced; a read that fails or times out is counted and the reader goes on.
 */
final class HistoryReaders {
  private static final long READ_TIMEOUT_SECS = 60;

  private final Connector connector;
  private final String url;
  private final String docId;
  private final long head;
  private final Thread[] threads;
  private final AtomicLong reads = new AtomicLong();
  private final AtomicLong opsRead = new AtomicLong();
  private final Map<String, Long> failures = new TreeMap<>();
  private final LatencyRecorder readMillis = new LatencyRecorder();
  private volatile boolean stopping;

  /** @param head the document's version: ops {@code [0, head)} are its history */
  HistoryReaders(Connector connector, String url, String docId, long head, int count) {
    this.connector = connector;
    this.url = url;
    this.docId = docId;
    this.head = head;
    this.threads = new Thread[count];
    for (int i = 0; i < count; i++) {
      threads[i] = new Thread(this::readLoop, "soak-history-" + i);
      threads[i].setDaemon(true);
    }
  }

  void start() {
    for (Thread t : threads) {
      t.start();
    }
  }

  private void readLoop() {
    LoadClient client = null;
    while (!stopping) {
      try {
        if (client == null || client.isClosed()) {
          if (client != null) {
            fail("socket closed " + (client.closeCode() < 0 ? "without a code" : "with " + client.closeCode()));
          }
          client = Connector.await(connector.connect(url, docId, 0, 1), 30);
        }
        long start = System.nanoTime();
        long n = OpLog.read(client, docId, 0, head, 0, READ_TIMEOUT_SECS, op -> { });
        readMillis.record((System.nanoTime() - start) / 1000);
        reads.incrementAndGet();
        opsRead.addAndGet(n);
      } catch (RuntimeException e) {
        fail(String.valueOf(e.getMessage()).replaceAll("\\d+", "N"));
        if (client != null && !client.isClosed()) {
          client.close(); // a reply may still be coming; start over on a fresh socket
        }
        client = null;
        LoadRun.sleep(500);
      }
    }
    if (client != null) {
      client.close();
    }
  }

  private void fail(String why) {
    synchronized (failures) {
      failures.merge(why.length() > 120 ? why.substring(0, 120) + "…" : why, 1L, Long::sum);
    }
  }

  /** Stops after the reads in flight (each bounded by its timeout). */
  void stop() {
    stopping = true;
    for (Thread t : threads) {
      try {
        t.join((READ_TIMEOUT_SECS + 35) * 1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  long reads() {
    return reads.get();
  }

  long opsRead() {
    return opsRead.get();
  }

  Map<String, Long> failures() {
    synchronized (failures) {
      return new TreeMap<>(failures);
    }
  }

  /** Whole-history read times in ms; call after {@link #stop}. */
  LatencySummary readLatency() {
    return readMillis.summarize();
  }
}

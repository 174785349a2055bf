package io.weft.bench;

import io.vertx.core.Promise;
import java.util.Map;
import java.util.function.Function;

/**
 * History: writes a document with a long op history ({@link PageOps}), then times subscribing to it
 * and fetching its middle version ({@code nf}). Weft is restarted on the same storage to time the
 * first subscribe after a restart, and runs with {@code documents.maxIdleLoaded=0} so that a document
 * nobody holds leaves memory within a second, which lets a warm server load it from storage again.
 */
final class HistoryBench {
  /** Long enough for Weft's once-a-second sweep to unload a document nobody holds. */
  private static final long UNLOAD_WAIT_MILLIS = 2500;
  private static final long NF_REQUEST_ID = 1;

  private HistoryBench() {
  }

  /**
   * @param startWeft starts Weft on the benchmark's data directory with extra settings
   * @param window submissions kept in flight while writing the history
   */
  static HistoryResult weft(Connector connector, Function<Map<String, String>, ServerProcess> startWeft, int ops,
      int window, int repeats, String docId) {
    double writeSecs;
    try (ServerProcess server = startWeft.apply(Map.of())) {
      writeSecs = write(connector, server.url(), docId, ops, window);
    }
    long head = ops + 1L;
    long middle = ops / 2;
    try (ServerProcess server = startWeft.apply(Map.of("documents.maxIdleLoaded", "0"))) {
      String url = server.url();
      double afterRestart = timeSubscribe(connector, url, docId, head);
      double fetchAfterRestart = timeFetch(connector, url, docId, middle);
      double[] fromStorage = new double[repeats];
      for (int i = 0; i < repeats; i++) {
        LoadRun.sleep(UNLOAD_WAIT_MILLIS);
        fromStorage[i] = timeSubscribe(connector, url, docId, head);
      }
      LoadClient holder = Connector.await(connector.connect(url, docId, 0, 0), 30);
      Connector.await(holder.subscribe(), 60);
      try {
        return new HistoryResult(server.name, ops, middle, window, round(writeSecs), round(ops / writeSecs),
            Timings.of(afterRestart), Timings.of(fetchAfterRestart), Timings.of(fromStorage),
            Timings.of(repeat(repeats * 2, () -> timeSubscribe(connector, url, docId, head))),
            Timings.of(repeat(repeats, () -> timeFetch(connector, url, docId, middle))),
            "restarted on the same embedded store; from storage = latest snapshot plus at most storage.snapshotEvery ops; "
                + "nf = nearest milestone plus at most storage.milestoneEvery ops");
      } finally {
        holder.close();
      }
    }
  }

  /** ShareDB keeps everything in memory: no restart, and nf replays the log from version 0. */
  static HistoryResult sharedb(Connector connector, ServerProcess server, int ops, int window, int repeats,
      String docId) {
    String url = server.url();
    double writeSecs = write(connector, url, docId, ops, window);
    long head = ops + 1L;
    long middle = ops / 2;
    return new HistoryResult(server.name, ops, middle, window, round(writeSecs), round(ops / writeSecs), null, null, null,
        Timings.of(repeat(repeats * 2, () -> timeSubscribe(connector, url, docId, head))),
        Timings.of(repeat(repeats, () -> timeFetch(connector, url, docId, middle))),
        "in-memory database: nothing survives a restart; the snapshot is always in memory; "
            + "with no milestone database nf rebuilds the version by applying every op from version 0");
  }

  /** Creates {@code docId} and submits {@code ops} edits with {@code v: null}, {@code window} in flight. */
  static double write(Connector connector, String url, String docId, int ops, int window) {
    LoadClient writer = Connector.await(connector.connect(url, docId, 0, 0), 30);
    Connector.await(writer.create(PageOps.NEW_PAGE), 30);
    Connector.await(writer.subscribe(), 30);
    PageOps edits = new PageOps();
    Promise<Void> done = Promise.promise();
    int[] sent = {0};
    int[] acked = {0};
    Runnable sendNext = () -> {
      sent[0]++;
      writer.send(WireMessages.op(docId, -1, writer.src(), writer.nextSeq(), edits.next()));
    };
    long start = System.nanoTime();
    writer.context.runOnContext(v -> {
      writer.divert(f -> {
        if (!"op".equals(f.a)) {
          return;
        }
        if (f.isError()) {
          done.tryFail("writing the history of " + docId + " failed after " + acked[0] + " ops: " + f.errorCode + " ("
              + f.errorMessage + ")");
        } else if (writer.src().equals(f.src) && ++acked[0] == ops) {
          done.tryComplete();
        } else if (sent[0] < ops) {
          sendNext.run();
        }
      });
      while (sent[0] < Math.min(window, ops)) {
        sendNext.run();
      }
    });
    Connector.await(done.future(), 1800);
    double secs = (System.nanoTime() - start) / 1e9;
    Connector.await(writer.close(), 30);
    System.err.printf("  wrote %,d ops to %s in %.1f s (%,.0f ops/s)%n", ops, docId, secs, ops / secs);
    return secs;
  }

  /** Time from sending {@code s} to the snapshot reply, on a socket opened beforehand. */
  static double timeSubscribe(Connector connector, String url, String docId, long expectedVersion) {
    LoadClient client = Connector.await(connector.connect(url, docId, 0, 0), 30);
    try {
      long start = System.nanoTime();
      WireFrame reply = Connector.await(client.request(WireMessages.subscribe(docId),
          f -> "s".equals(f.a) && docId.equals(f.d)), 120);
      double ms = Clock.millisSince(start);
      if (reply.isError() || reply.dataV != expectedVersion || !reply.hasData) {
        throw new IllegalStateException("subscribe to " + docId + " answered version " + reply.dataV + " (expected "
            + expectedVersion + "), error " + reply.errorCode);
      }
      return ms;
    } finally {
      Connector.await(client.close(), 30);
    }
  }

  /** Time from sending {@code nf} for {@code version} to the reply. */
  static double timeFetch(Connector connector, String url, String docId, long version) {
    LoadClient client = Connector.await(connector.connect(url, docId, 0, 0), 30);
    try {
      long start = System.nanoTime();
      WireFrame reply = Connector.await(client.request(WireMessages.snapshotAt(NF_REQUEST_ID, docId, version),
          f -> "nf".equals(f.a) && f.requestId == NF_REQUEST_ID), 300);
      double ms = Clock.millisSince(start);
      if (reply.isError() || !reply.hasData) {
        throw new IllegalStateException("nf " + version + " of " + docId + " failed: " + reply.errorCode);
      }
      return ms;
    } finally {
      Connector.await(client.close(), 30);
    }
  }

  private static double[] repeat(int n, java.util.function.DoubleSupplier timing) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = timing.getAsDouble();
    }
    return out;
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}

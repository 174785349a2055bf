package io.weft.bench;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The soak: every load at once on one Weft with a bounded heap, for a while, then a verdict. Well-behaved
 * editors (1 document × 10 clients, closed loop), slow readers on their document, an op flood from a few
 * sockets, a sign-up flood beside a person logging in every second, and readers of a long history. Each
 * part is bounded in count and time and stops by itself; every wait has a timeout, so a server that
 * falls over makes the soak report failure, not hang. {@link SoakVerdict} judges the result.
 */
final class SoakBench {
  static final Shape EDITORS = new Shape(1, 10);
  static final int SLOW_READERS = 100;
  static final int FLOOD_SOCKETS = 4;
  /** An attacker's flood of ~300k ops in 15 s took a 512 MB heap down; this is far past that. */
  static final long FLOOD_MAX_OPS_PER_SOCKET = 2_000_000;
  static final int SIGNUP_WORKERS = 4;
  static final long MAX_SIGNUPS = 200_000;
  static final int HISTORY_READERS = 2;
  /** The busy writer's ops at most: ten minutes at its pace. */
  static final long BUSY_MAX_OPS = 60_000;
  static final long PROGRESS_MILLIS = 5000;

  private final Connector connector;
  /** The flood's own client event loop, as if from another machine: its frames do not delay the others'. */
  private final Connector attacker;
  private final ServerProcess server;
  private final Path gcLog;
  private final int secs;
  private final UnaryOperator<String> prefix;

  private SoakBench(Connector connector, Connector attacker, ServerProcess server, Path gcLog, int secs,
      UnaryOperator<String> prefix) {
    this.connector = connector;
    this.attacker = attacker;
    this.server = server;
    this.gcLog = gcLog;
    this.secs = secs;
    this.prefix = prefix;
  }

  /**
   * @param server Weft, started with {@code -Xmx<heap>} and {@code -Xlog:gc:file=<gcLog>}
   * @param prefix makes a fresh document id (or account name prefix) from a name
   */
  static SoakResult run(Connector connector, ServerProcess server, Path gcLog, String heap, int secs, int historyOps,
      UnaryOperator<String> prefix) {
    Connector attacker = new Connector(1);
    try {
      return new SoakBench(connector, attacker, server, gcLog, secs, prefix).run(heap, historyOps);
    } finally {
      try {
        attacker.close();
      } catch (RuntimeException e) {
        System.err.println("  the flood's client did not stop cleanly: " + e.getMessage());
      }
    }
  }

  private SoakResult run(String heap, int historyOps) {
    String url = server.url();
    String historyDoc = prefix.apply("soak-history");
    HistoryBench.write(connector, url, historyDoc, historyOps, PageOps.INDEPENDENT_WINDOW);
    SoakEditors editors = SoakEditors.open(connector, url, EDITORS, prefix.apply("soak-edits"));
    BusyWriter busy = null;
    SlowReaders slow = null;
    OpFlood flood = null;
    SignupLoad signups = null;
    HistoryReaders history = null;
    try {
      String busyDoc = prefix.apply("soak-busy");
      busy = BusyWriter.open(connector, url, busyDoc, BUSY_MAX_OPS);
      slow = SlowReaders.open(connector, server, busyDoc, SLOW_READERS);
      flood = OpFlood.open(attacker, url, prefix.apply("soak-flood"), FLOOD_SOCKETS, FLOOD_MAX_OPS_PER_SOCKET);
      signups = new SignupLoad(server.port, prefix.apply("u"), SIGNUP_WORKERS, MAX_SIGNUPS);
      signups.createLoginAccount();
      history = new HistoryReaders(connector, url, historyDoc, historyOps + 1L, HISTORY_READERS);
      SoakVerdict verdict = new SoakVerdict(server, gcLog, heap, secs);
      verdict.liveHeapBefore = ProcessMemory.liveHeapBytes(server.pid());
      System.err.printf("  set up: %,d-op history, editors on %s, %d slow readers, %d flood sockets; live heap %s MiB%n",
          historyOps, editors.docId, slow.count(), FLOOD_SOCKETS, mib(verdict.liveHeapBefore));

      editors.start();
      busy.start(connector);
      flood.start();
      signups.start();
      history.start();
      long begin = System.nanoTime();
      long lastAcks = 0;
      double elapsed = 0;
      while (elapsed < secs && server.isAlive()) {
        LoadRun.sleep(Math.min(PROGRESS_MILLIS, Math.max(1, (long) ((secs - elapsed) * 1000))));
        elapsed = (System.nanoTime() - begin) / 1e9;
        slow.sample(elapsed);
        if (slow.closedByServer() == slow.count()) {
          busy.stop(connector); // nobody left to be busy for
        }
        long acks = editors.acks();
        verdict.editorInterval(acks - lastAcks);
        lastAcks = acks;
        progress(elapsed, editors, busy, flood, slow, signups, history);
      }
      verdict.loadSecs = elapsed;
      flood.stop();
      flood.close(); // now: left open and silent, the server would close it as idle while the rest stops
      editors.stop();
      verdict.editorsStopped(editors.acks());
      busy.stop(connector);
      signups.stop();
      history.stop();
      slow.sample(elapsed);
      verdict.slowReaderCodes = slow.finish(20_000);
      return verdict.judge(connector, editors, busy, slow, flood, signups, history);
    } finally {
      // Stopping twice is harmless: this is for a setup or a measurement that failed half-way.
      if (flood != null) {
        flood.stop();
        flood.close();
      }
      if (busy != null) {
        busy.stop(connector);
      }
      if (signups != null) {
        signups.stop();
      }
      if (history != null) {
        history.stop();
      }
      if (slow != null) {
        slow.finish(0);
      }
      editors.close();
    }
  }

  private void progress(double elapsed, SoakEditors editors, BusyWriter busy, OpFlood flood, SlowReaders slow,
      SignupLoad signups, HistoryReaders history) {
    GcLog gc = GcLog.read(gcLog);
    System.err.printf("  [%4.0f s] edits %,d acked · flood %,d sent, %,d acked · busy %,d acked, slow readers closed "
            + "%d/%d · sign-ups %s · logins %s · history reads %,d · RSS %s MiB · heap after GC %s MiB (%d full GCs)%n",
        elapsed, editors.acks(), flood.sent(), flood.acked(), busy.acked(), slow.closedByServer(), slow.count(),
        signups.signups(),
        signups.logins(), history.reads(), mib(ProcessMemory.rssBytes(server.pid())), mib(gc.lastAfterBytes()),
        gc.fullCollections());
  }

  static String mib(long bytes) {
    return bytes < 0 ? "–" : String.format("%,.0f", bytes / 1048576.0);
  }
}

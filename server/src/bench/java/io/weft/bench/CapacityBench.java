package io.weft.bench;

/**
 * Capacity: N sockets subscribed across N/10 documents on one server. Measures the server's memory
 * before and after connecting them (live heap after full GCs via jcmd for Weft; resident set for
 * both), then runs a steady open-loop edit rate spread over all sockets while they are held.
 */
final class CapacityBench {
  static final int CLIENTS_PER_DOC = 10;
  /** Browsers send a keep-alive every ~25 s (PROTOCOL.md §2). */
  private static final int KEEP_ALIVE_SECONDS = 25;
  /** Let the server finish the subscribe work (and its allocation) before weighing it. */
  private static final long SETTLE_MILLIS = 2000;

  private CapacityBench() {
  }

  static CapacityResult run(Connector connector, ServerProcess server, int sockets, double editsPerSec, int secs,
      String prefix) {
    Shape shape = new Shape(Math.max(1, sockets / CLIENTS_PER_DOC), CLIENTS_PER_DOC);
    long pid = server.pid();
    long heapBefore = server.isJvm() ? ProcessMemory.liveHeapBytes(pid) : -1;
    long rssBefore = ProcessMemory.rssBytes(pid);

    long start = System.nanoTime();
    Fleet fleet = Fleet.open(connector, server.url(), shape, prefix);
    double connectSecs = (System.nanoTime() - start) / 1e9;
    try {
      fleet.keepAlive(KEEP_ALIVE_SECONDS);
      LoadRun.sleep(SETTLE_MILLIS);
      long heapAfter = server.isJvm() ? ProcessMemory.liveHeapBytes(pid) : -1;
      long rssAfter = ProcessMemory.rssBytes(pid);
      int n = shape.sockets();
      System.err.printf("  %s: %d sockets on %d documents connected in %.1f s (%d requests resent); heap %s, RSS %s "
          + "per socket%n", server.name, n, shape.docs(), connectSecs, fleet.retries,
          server.isJvm() ? kib((heapAfter - heapBefore) / (double) n) : "n/a", kib((rssAfter - rssBefore) / (double) n));

      Workload edits = new Workload(shape, editsPerSec / n, secs, Workload.DEFAULT_WARM_MILLIS);
      LoadResult result = LoadRun.run(connector, fleet, edits, server.name);
      return new CapacityResult(server.name, n, shape.docs(), round(connectSecs), fleet.retries, heapBefore, heapAfter,
          server.isJvm() ? round((heapAfter - heapBefore) / (double) n) : Double.NaN, rssBefore, rssAfter,
          round((rssAfter - rssBefore) / (double) n), editsPerSec, result);
    } finally {
      fleet.close();
    }
  }

  private static String kib(double bytes) {
    return String.format("%.1f KiB", bytes / 1024);
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}

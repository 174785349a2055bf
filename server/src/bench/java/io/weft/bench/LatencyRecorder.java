package io.weft.bench;

import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every latency sample of a run, kept exactly (as load.js keeps them), one growable array per
 * event-loop thread so recording takes no lock. Summarize only once no thread records any more.
 */
final class LatencyRecorder {
  private final Queue<Samples> all = new ConcurrentLinkedQueue<>();
  private final ThreadLocal<Samples> local = ThreadLocal.withInitial(() -> {
    Samples s = new Samples();
    all.add(s);
    return s;
  });

  private static final class Samples {
    long[] micros = new long[4096];
    int size;

    void add(long value) {
      if (size == micros.length) {
        micros = Arrays.copyOf(micros, size * 2);
      }
      micros[size++] = value;
    }
  }

  void record(long micros) {
    local.get().add(micros);
  }

  /** Percentiles as load.js takes them: the sample at floor(p × n) of the sorted samples. */
  LatencySummary summarize() {
    int n = 0;
    for (Samples s : all) {
      n += s.size;
    }
    long[] merged = new long[n];
    int at = 0;
    for (Samples s : all) {
      System.arraycopy(s.micros, 0, merged, at, s.size);
      at += s.size;
    }
    Arrays.sort(merged);
    return new LatencySummary(n, quantile(merged, 0.5), quantile(merged, 0.9), quantile(merged, 0.99),
        quantile(merged, 1.0));
  }

  private static double quantile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.min(sorted.length - 1, Math.floor(p * sorted.length));
    return Math.round(sorted[i] / 10.0) / 100.0; // µs → ms, two decimals
  }
}

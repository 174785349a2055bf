package io.weft.bench;

import java.util.Arrays;

/** Repeated timings of one request, in milliseconds. */
record Timings(int n, double minMs, double medianMs, double maxMs) {
  static Timings of(double... millis) {
    double[] sorted = millis.clone();
    Arrays.sort(sorted);
    return new Timings(sorted.length, round(sorted[0]), round(sorted[sorted.length / 2]),
        round(sorted[sorted.length - 1]));
  }

  private static double round(double ms) {
    return Math.round(ms * 100) / 100.0;
  }
}

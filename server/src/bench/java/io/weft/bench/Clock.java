package io.weft.bench;

/**
 * The one clock of a run: microseconds since this JVM loaded the class. Senders stamp ops with it and
 * receivers subtract, so latency needs no clock sync (every client lives in this process, as in
 * load.js).
 */
final class Clock {
  private static final long ORIGIN = System.nanoTime();

  private Clock() {
  }

  static long micros() {
    return (System.nanoTime() - ORIGIN) / 1000;
  }

  static double millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }
}

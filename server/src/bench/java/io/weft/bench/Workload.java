package io.weft.bench;

/**
 * What one measured run does. Closed loop ({@code ratePerClient} 0): each client sends its next op
 * as soon as the previous one is acknowledged. Open loop: each client tries to send at a fixed rate and
 * skips a tick while its op is still in flight (one op in flight, as a ShareDB client). Nothing is
 * counted during the first {@code warmMillis}.
 */
record Workload(Shape shape, double ratePerClient, int secs, int warmMillis) {
  static final int DEFAULT_WARM_MILLIS = 1000;

  boolean closedLoop() {
    return ratePerClient <= 0;
  }

  String mode() {
    return closedLoop() ? "closed" : "open";
  }

  /** "closed" or e.g. "20/s" per client. */
  String pace() {
    if (closedLoop()) {
      return "closed";
    }
    return (ratePerClient == Math.rint(ratePerClient) ? String.valueOf((long) ratePerClient)
        : String.valueOf(ratePerClient)) + "/s";
  }

  double offeredPerSec() {
    return closedLoop() ? 0 : ratePerClient * shape.sockets();
  }
}

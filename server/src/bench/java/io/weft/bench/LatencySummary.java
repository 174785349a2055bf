package io.weft.bench;

/** Latency percentiles of a run in milliseconds; NaN when nothing was measured. */
record LatencySummary(long samples, double p50Ms, double p90Ms, double p99Ms, double maxMs) {
}

package io.weft.bench;

/** One JMH benchmark's score (average time per call) and its 99.9% error. */
record MicroResult(String benchmark, double score, double error, String unit) {
}

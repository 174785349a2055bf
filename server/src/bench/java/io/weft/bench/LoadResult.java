package io.weft.bench;

/**
 * One measured run against one server. Commits are acknowledged ops; deliveries are ops that reached
 * another client of their document; latency is from submit to each such arrival.
 *
 * @param offeredPerSec ops/s the open loop tried to send (0 for closed loop)
 * @param skipped open-loop ticks that sent nothing because the client's op was still in flight
 */
record LoadResult(String server, String shape, int docs, int clientsPerDoc, String mode, double ratePerClient,
    double secs, double offeredPerSec, double commitsPerSec, double deliveriesPerSec, LatencySummary latency,
    long errors, long skipped) {
}

package io.weft.bench;

/**
 * How a server serves a document with a long history. Timings are from sending the request to
 * receiving its reply on an already open socket; null where the server has no such case.
 *
 * @param writeWindow submissions in flight on the one socket that wrote the history ({@code v:null})
 * @param writeOpsPerSec how fast the history was written
 * @param subscribeAfterRestart first subscribe after restarting the server on the same storage
 * @param fetchAfterRestart first {@code nf} of the middle version after that
 * @param subscribeFromStorage subscribes while the document is not in memory but the server is warm
 * @param subscribeInMemory subscribes while another socket holds the document open
 * @param fetchMiddle {@code nf} of the middle version, server warm
 */
record HistoryResult(String server, int ops, long middleVersion, int writeWindow, double writeSecs,
    double writeOpsPerSec,
    Timings subscribeAfterRestart, Timings fetchAfterRestart, Timings subscribeFromStorage,
    Timings subscribeInMemory, Timings fetchMiddle, String note) {
}

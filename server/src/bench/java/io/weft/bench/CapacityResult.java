package io.weft.bench;

/**
 * Many idle subscribed sockets on one server, and the edit latency while they are held.
 *
 * @param heapPerSocketBytes live heap growth (after full GCs) divided by sockets; NaN when not a JVM
 * @param rssPerSocketBytes resident set growth divided by sockets
 * @param setupRetries creates and subscribes resent after ERR_UNKNOWN_ERROR while connecting
 * @param edits the open-loop edits run while the sockets are held
 */
record CapacityResult(String server, int sockets, int docs, double connectSecs, int setupRetries, long heapBeforeBytes,
    long heapAfterBytes, double heapPerSocketBytes, long rssBeforeBytes, long rssAfterBytes, double rssPerSocketBytes,
    double editsPerSec, LoadResult edits) {
}

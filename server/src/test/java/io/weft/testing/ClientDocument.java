package io.weft.testing;

import io.weft.ot.Component;
import io.weft.ot.Json0;
import io.weft.ot.OtException;
import io.weft.ot.Side;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A client's copy of a document and its unacknowledged edits, as ShareDB's client keeps them: one
 * submission in flight, the edits made since pending (composed into one, or queued), and every
 * incoming op transformed past them (transformX: own op LEFT, remote op RIGHT) before it is applied.
 * Pure bookkeeping, no I/O: {@link OtClient} feeds it what the socket says. Not thread-safe.
 */
final class ClientDocument {
  /** One submission: sent with a fixed src and seq; its op is transformed while it waits for the ack. */
  static final class Submission {
    final String src;
    final long seq;
    List<Component> op;
    /** The version the op was last sent at; an ack at a later version means the server transformed it. */
    long sentVersion = -1;

    Submission(String src, long seq, List<Component> op) {
      this.src = src;
      this.seq = seq;
      this.op = op;
    }

    boolean is(String otherSrc, long otherSeq) {
      return src.equals(otherSrc) && seq == otherSeq;
    }

    @Override
    public String toString() {
      return src + "/" + seq + " " + op;
    }
  }

  /** What an incoming op frame turned out to be. */
  enum Incoming {
    /** The in-flight submission was acknowledged. */
    ACK,
    /** The in-flight submission arrived as an op while catching up: committed before a reconnect. */
    ACK_BY_CATCH_UP,
    /** A second ack of a submission already acknowledged (a resend of an op that had been committed). */
    REPEATED_ACK,
    /** Someone else's op, transformed and applied. */
    REMOTE
  }

  private final boolean composePending;
  private Object data;
  /** -1 until the first snapshot. */
  private long version = -1;
  private long seq;
  private Submission inflight;
  private final ArrayDeque<List<Component>> pending = new ArrayDeque<>();
  /** src + " " + seq of every acknowledged submission. */
  private final Set<String> acked = new HashSet<>();
  private Submission lastAcked;

  ClientDocument(boolean composePending) {
    this.composePending = composePending;
  }

  boolean hasSnapshot() {
    return version >= 0;
  }

  void snapshot(Object snapshotData, long snapshotVersion) {
    if (hasSnapshot()) {
      throw new IllegalStateException("a snapshot arrived for a client already at version " + version);
    }
    data = snapshotData;
    version = snapshotVersion;
  }

  Object data() {
    return data;
  }

  long version() {
    return version;
  }

  Submission inflight() {
    return inflight;
  }

  int pendingCount() {
    return pending.size();
  }

  /**
   * Applies a local edit at once and queues it. Returns whether it became a new pending submission
   * (false when it was composed into the last one).
   */
  boolean edit(List<?> json) {
    List<Component> op;
    try {
      // The caller may hand out parts of the document (an ld value); the op must not share them.
      op = Json0.parse(Json0.deepCopy(json));
      data = Json0.apply(data, op);
    } catch (OtException e) {
      throw new IllegalStateException("the edit does not apply locally: " + json + ": " + e.getMessage(), e);
    }
    if (composePending && !pending.isEmpty()) {
      try {
        pending.addLast(Json0.compose(pending.pollLast(), op));
      } catch (OtException e) {
        throw new IllegalStateException("compose failed: " + e.getMessage(), e);
      }
      return false;
    }
    pending.addLast(op);
    return true;
  }

  /** Takes the next pending edit as the in-flight submission, if none is in flight; else null. */
  Submission nextSubmission(String src) {
    if (inflight != null || pending.isEmpty()) {
      return null;
    }
    inflight = new Submission(src, ++seq, pending.pollFirst());
    return inflight;
  }

  /**
   * Takes in an op frame's fields: {@code opJson} null for an ack. Throws IllegalStateException when the
   * frame makes no sense for this client (a version gap, an ack for nothing it sent).
   */
  Incoming receive(long v, String src, long opSeq, Object opJson) {
    boolean own = inflight != null && inflight.is(src, opSeq);
    if (opJson == null) {
      if (own) {
        acknowledge(v);
        return Incoming.ACK;
      }
      if (acked.contains(src + " " + opSeq)) {
        return Incoming.REPEATED_ACK;
      }
      throw new IllegalStateException("ack for a submission this client is not waiting for: " + src + "/" + opSeq);
    }
    if (v != version) {
      throw new IllegalStateException("op at version " + v + " while the client is at " + version);
    }
    if (own) {
      acknowledge(v);
      return Incoming.ACK_BY_CATCH_UP;
    }
    try {
      List<Component> remote = Json0.parse(opJson);
      if (inflight != null) {
        List<Component> mine = inflight.op;
        inflight.op = Json0.transform(mine, remote, Side.LEFT);
        remote = Json0.transform(remote, mine, Side.RIGHT);
      }
      int n = pending.size();
      for (int i = 0; i < n; i++) {
        List<Component> mine = pending.pollFirst();
        pending.addLast(Json0.transform(mine, remote, Side.LEFT));
        remote = Json0.transform(remote, mine, Side.RIGHT);
      }
      data = Json0.apply(data, remote);
    } catch (OtException e) {
      throw new IllegalStateException("cannot transform or apply remote op " + opJson + ": " + e.getMessage(), e);
    }
    version++;
    return Incoming.REMOTE;
  }

  /** The submission the last ACK or ACK_BY_CATCH_UP from {@link #receive} acknowledged. */
  Submission lastAcked() {
    return lastAcked;
  }

  private void acknowledge(long v) {
    if (v != version) {
      throw new IllegalStateException("ack at version " + v + " while the client is at " + version);
    }
    lastAcked = inflight;
    inflight = null;
    acked.add(lastAcked.src + " " + lastAcked.seq);
    version++;
  }
}

package io.weft.doc;

import io.weft.protocol.ErrorCode;
import io.weft.protocol.ProtocolException;
import io.weft.store.StoredOp;

/**
 * What became of one submission once its batch was prepared: exactly one of these, replied in batch
 * order by {@link CommitPipeline}. A batch that loses the storage race has no results: its submissions
 * are prepared again from their original messages.
 */
public sealed interface SubmitResult {
  /** Nothing to change: a server edit that found the document already as it wanted it. */
  SubmitResult UNCHANGED = new Unchanged();

  /** Written as {@code op} (transformed to the head, with its final version), durable once published. */
  record Committed(StoredOp op) implements SubmitResult {
    public long version() {
      return op.version();
    }
  }

  /** A resend of a submission (same src and seq) already committed at {@code version}: acknowledged again, never applied twice. */
  record Duplicate(long version) implements SubmitResult {
  }

  /** Refused; nothing of it was applied. The refusal's code goes on the wire, its message is for people. */
  record Rejected(ProtocolException refusal) implements SubmitResult {
    public ErrorCode code() {
      return refusal.code();
    }
  }

  /** See {@link #UNCHANGED}. */
  record Unchanged() implements SubmitResult {
  }
}

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

  /**
   * Written as {@code op} (transformed to the head, with its final version), durable once published.
   * {@code permissions} is set only when the op changed the page's permission list: the batch's later
   * ops may go only to those who can still read under it.
   */
  record Committed(StoredOp op, ListChange permissions) implements SubmitResult {
    public long version() {
      return op.version();
    }
  }

  /** An op changed the page's permission list: the list's text after it (null: the page has none now). */
  record ListChange(String source) {
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

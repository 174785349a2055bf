package io.weft.doc;

import io.weft.access.PermissionList;
import io.weft.access.Rights;
import io.weft.auth.Caller;
import io.weft.store.DocKey;

/** A socket as documents see it: somewhere to send frames, on behalf of someone. Called from any thread. */
public interface Subscriber {
  /** The id the server gave this connection; ops it submits without a src carry it. */
  String connectionId();

  /** Who opened the socket: every read and write it makes is checked against this caller's rights. */
  Caller caller();

  /**
   * Who this socket acts as on document {@code docId}: every read and write on that document is checked
   * against this caller's rights. A socket opened by a page on its own origin acts as its visitor on that
   * page only, and as anonymous on every other (see docs/security.md).
   */
  default Caller callerFor(String docId) {
    return caller();
  }

  boolean isOpen();

  /** Queues one text frame; a subscriber that cannot keep up closes itself. */
  void send(String frame);

  /** The document failed and was dropped from memory; the subscriber must resynchronise. */
  void documentLost(DocKey key, String reason);

  /**
   * The document's permission list changed; {@code rights} are this subscriber's now. Without {@code r}
   * it has already been unsubscribed.
   */
  void permissionsChanged(DocKey key, Rights rights, PermissionList list);

  /**
   * A submission of this subscriber's that a document queued has been answered (ack or error), so it
   * is no longer in flight. Called once per submission, on the document's context.
   */
  default void answered() {
  }

  /** A document's submission queue is filling: stop reading this subscriber's messages until {@link #release}. */
  default void hold() {
  }

  /** The document that called {@link #hold} has drained; called once per hold. */
  default void release() {
  }
}

package io.weft.doc;

import io.vertx.core.Promise;
import io.weft.protocol.ClientMessage;
import io.weft.protocol.ProtocolException;
import io.weft.protocol.ServerMessages;
import io.weft.store.StoredOp;
import java.util.ArrayList;
import java.util.List;

/**
 * One submitted op on its way through the {@link CommitPipeline}: prepare (transform, apply, check)
 * → commit → publish → reply. Prepare sets at most one outcome: {@code committed}, {@code duplicateOf}
 * or {@code rejection} (none: a server edit that changed nothing). A request that loses a storage race
 * is reset and prepared again from its original message. A client's request ({@code origin},
 * {@code message}) is answered with frames; a {@link ServerEdit} completes {@code outcome} instead.
 */
final class SubmitRequest {
  /** The same submission may lose the race for a version this often before giving up. */
  static final int MAX_ATTEMPTS = 1000;

  /** The submitting socket and its message; null for a server edit. */
  final Subscriber origin;
  final ClientMessage.Submit message;
  /** For a server edit: the edit, and the version it was committed at (-1: it changed nothing). */
  final ServerEdit serverEdit;
  final Promise<Long> outcome;
  final String src;
  /** Size of the frame it came in, to keep commit records small. */
  final int frameBytes;
  int attempts;

  /** The op as committed (transformed, with its final version), once prepared. */
  StoredOp committed;
  /** When this submission was already committed earlier (a resend after reconnect): at that version. */
  long duplicateOf = -1;
  ProtocolException rejection;
  /** Undoes the in-memory application, newest last. */
  final List<Undo> undo = new ArrayList<>(2);

  /** Restores the document root (components may replace it) after running the component's revert. */
  record Undo(Runnable revert, Object rootBefore, String typeBefore) {
  }

  SubmitRequest(Subscriber origin, ClientMessage.Submit message, int frameBytes) {
    this.origin = origin;
    this.message = message;
    this.frameBytes = frameBytes;
    this.src = message.src() != null ? message.src() : origin.connectionId();
    this.serverEdit = null;
    this.outcome = null;
  }

  SubmitRequest(ServerEdit edit) {
    this.origin = null;
    this.message = null;
    this.frameBytes = 0;
    this.src = ServerEdit.SRC;
    this.serverEdit = edit;
    this.outcome = Promise.promise();
  }

  boolean isServerEdit() {
    return serverEdit != null;
  }

  /** Fails the request: an error frame to its socket, or its outcome failed with {@code refusal} itself. */
  void fail(LiveDocument doc, ProtocolException refusal) {
    if (isServerEdit()) {
      outcome.tryFail(refusal);
    } else {
      doc.deliver(origin, ServerMessages.error(message.raw(), refusal.code(), refusal.getMessage()));
    }
  }

  void reset() {
    committed = null;
    duplicateOf = -1;
    rejection = null;
    undo.clear();
  }
}

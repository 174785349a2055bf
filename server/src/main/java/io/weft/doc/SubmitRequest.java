package io.weft.doc;

import io.vertx.core.Promise;
import io.weft.protocol.ClientMessage;
import io.weft.protocol.ProtocolException;
import io.weft.protocol.ServerMessages;

/**
 * One submitted op on its way through the {@link CommitPipeline}: read older ops → prepare (transform,
 * apply, check) → commit → publish, ending in one {@link SubmitResult}. A request whose batch loses the
 * storage race is prepared again from its original message. A client's request ({@code origin},
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
  /** Times its batch lost the race for a version. */
  int attempts;

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

  /** Tells the submitter its op is at {@code version}: an ack frame, or the server edit's outcome. */
  void acknowledge(LiveDocument doc, long version) {
    if (isServerEdit()) {
      outcome.complete(version);
    } else {
      doc.deliver(origin, ServerMessages.ack(doc.key().collection(), doc.key().id(), version, src, message.seq()));
      origin.answered();
    }
  }

  /** Refuses the request: an error frame to its socket, or its outcome failed with {@code refusal} itself. */
  void refuse(LiveDocument doc, ProtocolException refusal) {
    if (isServerEdit()) {
      outcome.tryFail(refusal);
    } else {
      doc.deliver(origin, ServerMessages.error(message.raw(), refusal.code(), refusal.getMessage()));
      origin.answered();
    }
  }

  /** Nothing was changed (only a server edit finds nothing to do). */
  void unchanged() {
    if (isServerEdit()) {
      outcome.complete(-1L);
    }
  }
}

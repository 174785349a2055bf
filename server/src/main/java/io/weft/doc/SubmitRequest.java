package io.weft.doc;

import io.vertx.core.Promise;
import io.weft.protocol.ClientMessage;
import io.weft.protocol.ProtocolException;
import io.weft.protocol.ServerMessages;

/**
 * One submitted op on its way through the {@link CommitPipeline}: read older ops → prepare (transform,
 * apply, check) → commit → publish, ending in one {@link SubmitResult}. A request whose batch loses the
 * storage race is prepared again from its original message. A client's request ({@code origin},
 * {@code message}) is answered with frames; a {@link ServerEdit} or a server create completes
 * {@code outcome} instead.
 */
final class SubmitRequest {
  /** The same submission may lose the race for a version this often before giving up. */
  static final int MAX_ATTEMPTS = 1000;

  /** The submitting socket and its message; null for a server edit. */
  final Subscriber origin;
  final ClientMessage.Submit message;
  /** For a server edit: the edit, and the version it was committed at (-1: it changed nothing). */
  final ServerEdit serverEdit;
  /** For a server create: the page it writes as version 1 if the document does not exist yet. */
  final Object serverCreate;
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
    this.serverCreate = null;
    this.outcome = null;
  }

  private SubmitRequest(ServerEdit edit, Object create) {
    this.origin = null;
    this.message = null;
    this.frameBytes = 0;
    this.src = ServerEdit.SRC;
    this.serverEdit = edit;
    this.serverCreate = create;
    this.outcome = Promise.promise();
  }

  SubmitRequest(ServerEdit edit) {
    this(edit, null);
  }

  /** The server creating the document with {@code page} unless it exists: never refused for being busy. */
  static SubmitRequest serverCreate(Object page) {
    return new SubmitRequest(null, page);
  }

  /** Made by the server itself (an edit or a create): completes {@link #outcome}, never answers a socket. */
  boolean isFromServer() {
    return outcome != null;
  }

  /** Tells the submitter its op is at {@code version}: an ack frame, or the server edit's outcome. */
  void acknowledge(LiveDocument doc, long version) {
    if (isFromServer()) {
      outcome.complete(version);
    } else {
      doc.deliver(origin, ServerMessages.ack(doc.key().collection(), doc.key().id(), version, src, message.seq()));
      origin.answered();
    }
  }

  /** Refuses the request: an error frame to its socket, or its outcome failed with {@code refusal} itself. */
  void refuse(LiveDocument doc, ProtocolException refusal) {
    if (isFromServer()) {
      outcome.tryFail(refusal);
    } else {
      doc.deliver(origin, ServerMessages.error(message.raw(), refusal.code(), refusal.getMessage()));
      origin.answered();
    }
  }

  /** Nothing was changed (only the server's own requests find nothing to do). */
  void unchanged() {
    if (isFromServer()) {
      outcome.complete(-1L);
    }
  }
}

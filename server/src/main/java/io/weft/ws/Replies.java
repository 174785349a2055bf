package io.weft.ws;

import io.vertx.core.Future;
import io.weft.doc.Subscriber;
import io.weft.json.Json;
import io.weft.protocol.ErrorCode;
import io.weft.protocol.ProtocolException;
import io.weft.protocol.WebstratesMessages;
import io.weft.protocol.WebstratesRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a Webstrates request once its work is done: the result as the reply, a refusal as an error
 * with its code, anything else logged and answered with {@code ERR_UNKNOWN_ERROR}, so a request never
 * hangs.
 */
final class Replies {
  private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

  private Replies() {
  }

  /** Replies with the result as JSON (a String is taken as JSON already encoded). */
  static void answer(Subscriber socket, WebstratesRequest request, Future<?> result) {
    result.onComplete(ar -> {
      if (ar.succeeded()) {
        Object value = ar.result();
        socket.send(WebstratesMessages.reply(request.token(), value instanceof String json ? json : Json.encode(value)));
      } else {
        refuse(socket, request, ar.cause());
      }
    });
  }

  /** Replies {@code null}, but only if the request asked for a reply (carries a token), as Webstrates does. */
  static void acknowledge(Subscriber socket, WebstratesRequest request, Future<Void> result) {
    result.onComplete(ar -> {
      if (ar.failed()) {
        refuse(socket, request, ar.cause());
      } else if (request.token() != null) {
        socket.send(WebstratesMessages.reply(request.token(), "null"));
      }
    });
  }

  private static void refuse(Subscriber socket, WebstratesRequest request, Throwable cause) {
    if (cause instanceof ProtocolException refused) {
      socket.send(WebstratesMessages.error(request.token(), refused.code(), refused.getMessage()));
    } else {
      LOG.error("socket {}: {} on {} failed", socket.connectionId(), request.action(), request.docId(), cause);
      socket.send(WebstratesMessages.error(request.token(), ErrorCode.ERR_UNKNOWN_ERROR, "The request failed; try again"));
    }
  }
}

package io.weft.ws;

import io.vertx.core.Future;
import io.weft.doc.Subscriber;
import io.weft.invite.InviteRefusedException;
import io.weft.json.Json;
import io.weft.protocol.ClientMessage;
import io.weft.protocol.ProtocolException;
import io.weft.protocol.WebstratesMessages;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a Webstrates request once its work is done: the result as the reply, a refusal as an error
 * (with a code where it has one), anything else logged and answered with a generic error, so a
 * request never hangs.
 */
final class Replies {
  private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

  private Replies() {
  }

  /** Runs {@code work} (which may also throw a refusal at once) and replies with its result as JSON. */
  static void answer(Subscriber socket, ClientMessage.WebstratesRequest request, Supplier<Future<?>> work) {
    Future<?> result;
    try {
      result = work.get();
    } catch (ProtocolException refused) {
      result = Future.failedFuture(refused);
    }
    result.onComplete(ar -> {
      Object token = request.token();
      if (ar.succeeded()) {
        Object value = ar.result();
        socket.send(WebstratesMessages.reply(token, value instanceof String json ? json : Json.encode(value)));
      } else if (ar.cause() instanceof InviteRefusedException invite) {
        socket.send(WebstratesMessages.error(token, invite.getMessage(), invite.problem().code()));
      } else if (ar.cause() instanceof ProtocolException refused) {
        socket.send(WebstratesMessages.error(token, refused.getMessage()));
      } else {
        LOG.error("socket {}: {} on {} failed", socket.connectionId(), request.action(), request.docId(), ar.cause());
        socket.send(WebstratesMessages.error(token, "The request failed; try again"));
      }
    });
  }
}

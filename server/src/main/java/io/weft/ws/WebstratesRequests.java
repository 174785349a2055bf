package io.weft.ws;

import io.vertx.core.Future;
import io.weft.access.PermissionList;
import io.weft.config.WeftConfig;
import io.weft.user.User;
import io.weft.doc.DocumentRegistry;
import io.weft.doc.OpHistory;
import io.weft.doc.Subscriber;
import io.weft.protocol.ErrorCode;
import io.weft.protocol.MessageDecoder;
import io.weft.protocol.ProtocolException;
import io.weft.protocol.WebstratesMessages;
import io.weft.protocol.WebstratesRequest;
import io.weft.store.DocKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Webstrates' {@code wa} requests and the presence messages around a subscription:
 * <ul>
 *   <li>{@code {"wa":"ready","d"}}: the client has loaded; everyone on the page gets clientJoin.</li>
 *   <li>{@code {"wa":"subscribe"|"unsubscribe","d","id"}}: signals on a node's {@code __wid} or "document".</li>
 *   <li>{@code {"wa":"publish","d","id","m"[,"recipients":[ids]]}}: a signal to the listeners of {@code id}.</li>
 *   <li>{@code {"wa":"getOps","d","from","to","token"}}: committed ops, {@code from} inclusive, {@code to}
 *       exclusive (absent: to the head), one page of them ({@link OpHistory}); the reader continues at
 *       the last op's {@code v + 1}. History reads are bounded by {@link HistoryReads}.</li>
 * </ul>
 * Requests arrive decoded ({@link WebstratesRequest}); a refused one gets
 * {@code {"wa":"reply","token":t,"error":"...","code":"..."}}, never silence. A request that succeeds and
 * carries a token is answered with a reply (null where Webstrates sends none).
 */
final class WebstratesRequests {
  private final Presence presence;
  private final DocumentRegistry registry;
  private final List<Map<String, Object>> defaultPermissions;
  private final TokenRequests tokens;
  private final InviteRequests invites;
  private final EmailInviteRequests emailInvites;
  private final InteractiveInviteRequests interactiveInvites;
  private final WeftConfig.History history;
  private final HistoryReads historyReads;

  WebstratesRequests(Presence presence, DocumentRegistry registry, PermissionList defaultPermissions,
      TokenRequests tokens, InviteRequests invites, EmailInviteRequests emailInvites,
      InteractiveInviteRequests interactiveInvites, WeftConfig.History history) {
    this.presence = presence;
    this.registry = registry;
    this.defaultPermissions = defaultPermissions.toJsonValue();
    this.tokens = tokens;
    this.invites = invites;
    this.emailInvites = emailInvites;
    this.interactiveInvites = interactiveInvites;
    this.history = history;
    this.historyReads = new HistoryReads(history.maxConcurrentReads());
  }

  /**
   * A socket has subscribed to a page as {@code user}: it is on the page now and gets {@code hello}; an
   * observer (the share dialog's socket) is never announced to the others.
   */
  void subscribed(Subscriber socket, String docId, User user, boolean observer) {
    presence.enter(docId, socket, user.toHello(), defaultPermissions, !observer);
  }

  /** A socket unsubscribed from a page or closed: the others get clientPart. */
  void left(Subscriber socket, String docId) {
    presence.leave(docId, socket);
  }

  void handle(Session socket, WebstratesRequest request) {
    if (request instanceof WebstratesRequest.Ready ready) {
      Replies.acknowledge(socket, ready, onPage(ready, presence.ready(ready.docId(), socket)));
    } else if (request instanceof WebstratesRequest.Listen listen) {
      Replies.acknowledge(socket, listen, listening(socket, listen));
    } else if (request instanceof WebstratesRequest.Publish publish) {
      Replies.acknowledge(socket, publish, onPage(publish, presence.publish(publish.docId(), socket,
          publish.nodeId(), publish.message(), publish.recipients())));
    } else if (request instanceof WebstratesRequest.GetOps getOps) {
      Replies.answer(socket, getOps, historyReads.run(socket.connectionId(), () -> opsPage(socket, getOps)));
    } else if (request instanceof WebstratesRequest.TokenRequest token) {
      tokens.handle(socket, token);
    } else if (request instanceof WebstratesRequest.InviteRequest invite) {
      invites.handle(socket, invite);
    } else if (request instanceof WebstratesRequest.EmailInviteRequest emailInvite) {
      emailInvites.handle(socket, emailInvite);
    } else if (request instanceof WebstratesRequest.InteractiveRequest interactive) {
      interactiveInvites.handle(socket, interactive);
    }
  }

  /** One page of ops; the envelope around it counts against history.maxReplyBytes too. */
  private Future<String> opsPage(Session socket, WebstratesRequest.GetOps getOps) {
    long envelope = WebstratesMessages.reply(getOps.token(), "").getBytes(StandardCharsets.UTF_8).length;
    return registry.withDocument(new DocKey(MessageDecoder.PAGES, getOps.docId()),
        doc -> doc.require(socket.callerFor(getOps.docId()), 'r', "reading the ops of").compose(v -> OpHistory.page(doc,
            getOps.from(), getOps.to(), history.maxOpsPerReply(), history.maxReplyBytes() - envelope)));
  }

  /** Presence and signals need the socket on the page. */
  /** Starts or stops a signal listener; past ws.maxSignalListeners the refusal comes back as a failed Future. */
  private Future<Void> listening(Session socket, WebstratesRequest.Listen listen) {
    try {
      return onPage(listen, presence.listen(listen.docId(), socket, listen.nodeId(), listen.on()));
    } catch (ProtocolException e) {
      return Future.failedFuture(e);
    }
  }

  private static Future<Void> onPage(WebstratesRequest request, boolean onPage) {
    return onPage ? Future.succeededFuture() : Future.failedFuture(new ProtocolException(ErrorCode.ERR_NOT_SUBSCRIBED,
        "Subscribe to " + request.docId() + " before sending '" + request.action() + "'"));
  }
}

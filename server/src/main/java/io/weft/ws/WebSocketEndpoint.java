package io.weft.ws;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.weft.auth.Caller;
import io.weft.auth.ConnectionIds;
import io.weft.auth.Identity;
import io.weft.auth.VisitorCookie;
import io.weft.config.WeftConfig;
import io.weft.doc.DocumentRegistry;
import io.weft.isolation.PageCallers;
import io.weft.invite.InviteDesk;
import io.weft.invite.email.EmailInvites;
import io.weft.invite.interactive.InteractiveDesk;
import io.weft.protocol.DocIds;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts WebSockets at a document's path, {@code /<id>/} (query allowed), as the caller the handshake
 * authenticates (session cookie or Bearer JWT, {@code ?token=} access token; {@code ?observe}: as an
 * observer, see {@link #OBSERVE_PARAM}); starts a {@link Session}
 * for each, and closes sockets that have gone quiet or whose login or access token ended.
 */
public final class WebSocketEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketEndpoint.class);
  /**
   * {@code /<id>/?observe}: a socket that follows its pages without being one of their clients (the share
   * dialog's): no clientJoin or clientPart for it, and it is in nobody's client list.
   */
  static final String OBSERVE_PARAM = "observe";

  private final Vertx vertx;
  private final DocumentRegistry registry;
  private final WeftConfig.Ws config;
  private final Identity identity;
  private final PageCallers callers;
  private final WebstratesRequests webstrates;
  private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
  private final SendQueues sendQueues;
  private final long idleTimer;

  public WebSocketEndpoint(Vertx vertx, DocumentRegistry registry, WeftConfig config, Identity identity,
      PageCallers callers, InviteDesk invites, EmailInvites emailInvites, InteractiveDesk interactiveInvites) {
    this.vertx = vertx;
    this.registry = registry;
    this.config = config.ws();
    this.identity = identity;
    this.callers = callers;
    this.sendQueues = new SendQueues(this.config.sendQueueBytes(), this.config.totalSendQueueBytes());
    this.webstrates = new WebstratesRequests(new Presence(vertx, this.config.maxSignalListeners()), registry, config.permissions().defaults(),
        new TokenRequests(registry, identity.tokens(), config.auth()), new InviteRequests(invites),
        new EmailInviteRequests(emailInvites),
        new InteractiveInviteRequests(interactiveInvites, emailInvites.sending()), config.history());
    this.idleTimer = vertx.setPeriodic(Math.min(5000, this.config.idleTimeoutSeconds() * 500L), id -> closeIdle());
    identity.sessions().onEnded(this::closeSession);
    identity.tokens().onEnded(this::closeToken);
    InvitationNews.listen(vertx, sessions, registry);
  }

  /**
   * Rejects handshakes whose path is not a document path (400) or that come from a page they may not
   * act for (403: another site's, or, on a page's own origin, another page's); otherwise authenticates
   * the caller and accepts.
   */
  public void handshake(ServerWebSocketHandshake handshake) {
    String docId = documentId(handshake.path());
    if (docId == null) {
      handshake.reject(400);
      return;
    }
    String crossSiteProblem = callers.socketProblem(handshake.headers(), handshake.authority(), docId);
    if (crossSiteProblem != null) {
      LOG.debug("refused a WebSocket to {}: {}", docId, crossSiteProblem);
      handshake.reject(403);
      return;
    }
    callers.socket(handshake.headers(), handshake.authority(), queryParam(handshake.query(), "token"), docId)
        .onFailure(e -> {
          LOG.error("authenticating a WebSocket to {} failed", docId, e);
          handshake.reject(500);
        })
        .onSuccess(authority -> {
          String visitor = VisitorCookie.value(handshake.headers());
          ConnectionIds.Owner owner = identity.connectionIds().owner(authority.caller().user(), visitor);
          boolean observer = queryParam(handshake.query(), OBSERVE_PARAM) != null;
          handshake.accept().onSuccess(socket -> start(socket, authority, owner, observer));
        });
  }

  private void start(ServerWebSocket socket, PageCallers.SocketAuthority authority, ConnectionIds.Owner owner,
      boolean observer) {
    Caller caller = authority.caller();
    Session session = new Session(socket, caller, authority.scope(), observer, owner, registry, webstrates,
        vertx.getOrCreateContext(), sendQueues, config);
    sessions.add(session);
    long expiry = caller.token() == null ? -1 : expiryTimer(session, caller.token().expiresAtMillis());
    session.start(() -> {
      sessions.remove(session);
      if (expiry >= 0) {
        vertx.cancelTimer(expiry);
      }
    });
  }

  /**
   * One timer per socket opened with an access token closes it when the token expires, to the
   * millisecond: a periodic sweep would leave it working (as the token's minter) until the next pass.
   */
  private long expiryTimer(Session session, long expiresAtMillis) {
    long delay = Math.max(1, expiresAtMillis - System.currentTimeMillis());
    return vertx.setTimer(delay, id -> session.close(CloseCodes.TOKEN_ENDED, "Access token expired"));
  }

  /** The document id of a path {@code /<id>} or {@code /<id>/}, or null. */
  static String documentId(String path) {
    if (path == null || path.length() < 2 || !path.startsWith("/")) {
      return null;
    }
    String id = path.endsWith("/") ? path.substring(1, path.length() - 1) : path.substring(1);
    return DocIds.isValid(id) ? id : null;
  }

  /** The first value of a query parameter, decoded, or null. */
  static String queryParam(String query, String name) {
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (key.equals(name)) {
        try {
          return eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
          return null;
        }
      }
    }
    return null;
  }

  private void closeSession(String sessionId) {
    for (Session s : sessions) {
      if (sessionId.equals(s.caller().sessionId())) {
        s.close(CloseCodes.SESSION_ENDED, "Logged out");
      }
    }
  }

  /** Closes every socket of this process opened with the access token {@code tokenId} (it was removed). */
  private void closeToken(String tokenId) {
    for (Session s : sessions) {
      if (s.caller().token() != null && tokenId.equals(s.caller().token().id())) {
        s.close(CloseCodes.TOKEN_ENDED, "Access token removed");
      }
    }
  }

  private void closeIdle() {
    long cutoff = System.currentTimeMillis() - config.idleTimeoutSeconds() * 1000L;
    for (Session s : sessions) {
      if (!s.isOpen()) {
        sessions.remove(s);
      } else if (s.lastReceivedMillis < cutoff) {
        s.close(CloseCodes.IDLE, "No message for " + config.idleTimeoutSeconds() + " s");
      }
    }
  }

  public void close() {
    vertx.cancelTimer(idleTimer);
  }
}

package io.weft.ws;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.weft.config.WeftConfig;
import io.weft.doc.DocumentRegistry;
import io.weft.protocol.DocIds;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Accepts WebSockets at a document's path, {@code /<id>/} (query allowed), starts a {@link Session}
 * for each, and closes sockets that have gone quiet.
 */
public final class WebSocketEndpoint {
  private final Vertx vertx;
  private final DocumentRegistry registry;
  private final WeftConfig.Ws config;
  private final WebstratesRequests webstrates;
  private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
  private final long idleTimer;

  public WebSocketEndpoint(Vertx vertx, DocumentRegistry registry, WeftConfig.Ws config) {
    this.vertx = vertx;
    this.registry = registry;
    this.config = config;
    this.webstrates = new WebstratesRequests(new Presence(vertx), registry);
    this.idleTimer = vertx.setPeriodic(Math.min(5000, config.idleTimeoutSeconds() * 500L), id -> closeIdle());
  }

  /** Rejects handshakes whose path is not a valid document path with 400. */
  public void handshake(ServerWebSocketHandshake handshake) {
    if (documentId(handshake.path()) == null) {
      handshake.reject(400);
    } else {
      handshake.accept();
    }
  }

  public void connected(ServerWebSocket socket) {
    Session session = new Session(socket, registry, webstrates, vertx.getOrCreateContext(), config.sendQueueBytes());
    sessions.add(session);
    session.start(() -> sessions.remove(session));
  }

  /** The document id of a path {@code /<id>} or {@code /<id>/}, or null. */
  static String documentId(String path) {
    if (path == null || path.length() < 2 || !path.startsWith("/")) {
      return null;
    }
    String id = path.endsWith("/") ? path.substring(1, path.length() - 1) : path.substring(1);
    return DocIds.isValid(id) ? id : null;
  }

  public int openSockets() {
    return sessions.size();
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

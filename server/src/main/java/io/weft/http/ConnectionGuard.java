package io.weft.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.weft.config.WeftConfig;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds what HTTP connections can hold: a new connection must send its request's line and headers
 * within {@code http.headerTimeoutSeconds}, the request's body within {@code http.bodyTimeoutSeconds}
 * of its headers (a body trickled a byte at a time would otherwise hold the connection for ever), a
 * kept-alive one its next request within
 * {@code http.idleTimeoutSeconds}, and at most {@code http.maxConnections} are open at once (WebSockets
 * included; once upgraded they are {@code ws.idleTimeoutSeconds}' business). Vert.x's own idle timeout
 * would also close quiet WebSockets, which have their own rule and close code, hence this.
 *
 * <p>One per listener, used on its event loop only; the count of open connections is shared by all.
 */
final class ConnectionGuard {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

  private final Vertx vertx;
  private final AtomicInteger open;
  private final int maxConnections;
  private final long headerMillis;
  private final long idleMillis;
  private final long bodyMillis;
  /** Connections not (yet) WebSockets, by the peer's address and port. */
  private final Map<String, Watched> watched = new HashMap<>();
  private long sweeper = -1;
  private long lastRefusalLog;

  ConnectionGuard(Vertx vertx, WeftConfig.Http config, AtomicInteger open) {
    this.vertx = vertx;
    this.open = open;
    this.maxConnections = config.maxConnections();
    this.headerMillis = config.headerTimeoutSeconds() * 1000L;
    this.idleMillis = config.idleTimeoutSeconds() * 1000L;
    this.bodyMillis = config.bodyTimeoutSeconds() * 1000L;
  }

  /** Starts checking the deadlines, on the caller's event loop. */
  void start() {
    sweeper = vertx.setPeriodic(Math.max(100, Math.min(Math.min(headerMillis, idleMillis), bodyMillis) / 4), id -> sweep());
  }

  void stop() {
    vertx.cancelTimer(sweeper);
  }

  void opened(HttpConnection connection) {
    if (open.incrementAndGet() > maxConnections) {
      open.decrementAndGet();
      long now = System.currentTimeMillis();
      if (now - lastRefusalLog > 10_000) {
        lastRefusalLog = now;
        LOG.warn("closed a connection from {}: {} connections are open (http.maxConnections)",
            connection.remoteAddress(), maxConnections);
      }
      connection.close();
      return;
    }
    String key = key(connection.remoteAddress());
    Watched w = new Watched(connection);
    w.limitMillis = headerMillis;
    watched.put(key, w);
    connection.closeHandler(v -> {
      open.decrementAndGet();
      watched.remove(key, w);
    });
  }

  /** A request's line and headers arrived: no deadline until it is answered. */
  void requestArrived(HttpServerRequest request) {
    Watched w = watched.get(key(request.remoteAddress()));
    if (w != null) {
      w.request = request;
      w.waitingSince = System.currentTimeMillis();
    }
  }

  /** A WebSocket handshake arrived: it is being decided, and the connection's next request may follow a refusal. */
  void handshakeArrived(SocketAddress remote) {
    Watched w = watched.get(key(remote));
    if (w != null) {
      w.request = null;
      w.waitingSince = System.currentTimeMillis();
      w.limitMillis = idleMillis;
    }
  }

  /** The connection is a WebSocket now: its session watches it. */
  void upgraded(SocketAddress remote) {
    watched.remove(key(remote));
  }

  private void sweep() {
    long now = System.currentTimeMillis();
    for (Iterator<Watched> it = watched.values().iterator(); it.hasNext(); ) {
      Watched w = it.next();
      if (w.request != null) {
        if (!w.request.response().ended()) {
          if (!w.request.isEnded() && now - w.waitingSince > bodyMillis) {
            it.remove();
            refuseSlowBody(w);
          }
          continue;
        }
        w.request = null;
        w.waitingSince = now;
        w.limitMillis = idleMillis;
      }
      if (now - w.waitingSince > w.limitMillis) {
        it.remove();
        w.connection.close();
      }
    }
  }

  /** 408 if nothing of the answer has gone out yet, then the connection closes either way. */
  private static void refuseSlowBody(Watched w) {
    LOG.debug("closed a connection from {}: its request body took over http.bodyTimeoutSeconds",
        w.connection.remoteAddress());
    if (!w.request.response().headWritten()) {
      w.request.response().setStatusCode(408).putHeader("Connection", "close")
          .putHeader("Content-Type", "text/plain; charset=utf-8")
          .end("The request body took too long (http.bodyTimeoutSeconds)\n")
          .onComplete(ar -> w.connection.close());
    } else {
      w.connection.close();
    }
  }

  private static String key(SocketAddress remote) {
    return remote == null ? "" : remote.host() + " " + remote.port();
  }

  /**
   * A connection and the request it is serving (since when its headers came), or since when it has
   * waited for one and how long it may.
   */
  private static final class Watched {
    final HttpConnection connection;
    HttpServerRequest request;
    long waitingSince = System.currentTimeMillis();
    long limitMillis;

    Watched(HttpConnection connection) {
      this.connection = connection;
    }
  }
}

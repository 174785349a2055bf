package io.weft.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.ext.web.Router;
import io.weft.config.WeftConfig;
import io.weft.origin.AllowedHosts;
import io.weft.ws.WebSocketEndpoint;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One HTTP + WebSocket listener on one event loop; Weft deploys one per core on the same port. */
public final class HttpVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);
  /** 421 Misdirected Request: the request names a host this server does not answer to. */
  static final int WRONG_HOST = 421;

  private final WeftConfig config;
  private final int port;
  private final PageRoutes pages;
  private final WebSocketEndpoint sockets;
  private final AllowedHosts hosts;
  private final AtomicInteger openConnections;
  private ConnectionGuard guard;
  private HttpServer server;

  /** @param openConnections shared by every listener, so {@code http.maxConnections} bounds them together */
  public HttpVerticle(WeftConfig config, int port, PageRoutes pages, WebSocketEndpoint sockets, AllowedHosts hosts,
      AtomicInteger openConnections) {
    this.config = config;
    this.port = port;
    this.pages = pages;
    this.sockets = sockets;
    this.hosts = hosts;
    this.openConnections = openConnections;
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.http().host())
        .setPort(port)
        .setMaxWebSocketFrameSize(config.ws().maxFrameBytes())
        .setMaxWebSocketMessageSize(config.ws().maxFrameBytes())
        .setPerMessageWebSocketCompressionSupported(false)
        .setTcpNoDelay(true)
        // Without clear-text HTTP/2 a connection is HTTP/1 from its first byte, so the guard sees it at once.
        .setHttp2ClearTextEnabled(false);
    guard = new ConnectionGuard(vertx, config.http(), openConnections);
    guard.start();
    Router router = pages.router(vertx);
    server = vertx.createHttpServer(options)
        .connectionHandler(guard::opened)
        .requestHandler(request -> {
          guard.requestArrived(request);
          if (rightHost(request)) {
            router.handle(request);
          }
        })
        .webSocketHandshakeHandler(this::handshake)
        // Sessions start from the handshake's accept(), once the caller is authenticated.
        .webSocketHandler(socket -> guard.upgraded(socket.remoteAddress()));
    return server.listen();
  }

  /** Refuses (421) a request naming another host before anything of it is read or routed. */
  private boolean rightHost(HttpServerRequest request) {
    String problem = hosts.problem(request.authority());
    if (problem == null) {
      return true;
    }
    LOG.debug("refused {} {}: {}", request.method(), request.path(), problem);
    request.response().setStatusCode(WRONG_HOST)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(problem + "\n");
    return false;
  }

  private void handshake(ServerWebSocketHandshake handshake) {
    guard.handshakeArrived(handshake.remoteAddress());
    String problem = hosts.problem(handshake.authority());
    if (problem != null) {
      LOG.debug("refused a WebSocket to {}: {}", handshake.path(), problem);
      handshake.reject(WRONG_HOST);
      return;
    }
    sockets.handshake(handshake);
  }

  @Override
  public Future<?> stop() {
    guard.stop();
    return Future.succeededFuture();
  }

  public int actualPort() {
    return server.actualPort();
  }
}

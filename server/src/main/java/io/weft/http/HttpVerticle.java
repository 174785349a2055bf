package io.weft.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.weft.config.WeftConfig;
import io.weft.ws.WebSocketEndpoint;

/** One HTTP + WebSocket listener on one event loop; Weft deploys one per core on the same port. */
public final class HttpVerticle extends VerticleBase {
  private final WeftConfig config;
  private final int port;
  private final PageRoutes pages;
  private final WebSocketEndpoint sockets;
  private HttpServer server;

  public HttpVerticle(WeftConfig config, int port, PageRoutes pages, WebSocketEndpoint sockets) {
    this.config = config;
    this.port = port;
    this.pages = pages;
    this.sockets = sockets;
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.http().host())
        .setPort(port)
        .setMaxWebSocketFrameSize(config.ws().maxFrameBytes())
        .setMaxWebSocketMessageSize(config.ws().maxFrameBytes())
        .setPerMessageWebSocketCompressionSupported(false)
        .setTcpNoDelay(true);
    server = vertx.createHttpServer(options)
        .requestHandler(pages.router(vertx))
        .webSocketHandshakeHandler(sockets::handshake)
        // Sessions start from the handshake's accept(), once the caller is authenticated.
        .webSocketHandler(socket -> { });
    return server.listen();
  }

  public int actualPort() {
    return server.actualPort();
  }
}

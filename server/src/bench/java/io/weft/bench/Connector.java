package io.weft.bench;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The client side of every run: one Vert.x with a few event loops and one WebSocket client, able to
 * hold tens of thousands of sockets. A document's clients all live on one event loop, so its traffic
 * is handled without locks; documents are spread over the loops.
 */
final class Connector implements AutoCloseable {
  /** Vert.x caps WebSockets per server at 50 by default; the capacity run holds 10,000 and more. */
  private static final int MAX_SOCKETS = 100_000;
  private static final int MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
  /** Receive buffer of sockets that stop reading: small, so what they leave unread waits in the server. */
  private static final int SMALL_RECEIVE_BUFFER = 16 * 1024;

  final Vertx vertx;
  private final WebSocketClient client;
  private final WebSocketClient smallBuffers;
  private final List<Context> loops = new CopyOnWriteArrayList<>();

  Connector(int threads) {
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(threads));
    this.client = vertx.createWebSocketClient(clientOptions());
    this.smallBuffers = vertx.createWebSocketClient(clientOptions().setReceiveBufferSize(SMALL_RECEIVE_BUFFER));
    // One verticle per event loop, only to get hold of each loop's context.
    await(vertx.deployVerticle(() -> new AbstractVerticle() {
      @Override
      public void start() {
        loops.add(context);
      }
    }, new DeploymentOptions().setInstances(threads)), 30);
  }

  Context loop(int i) {
    return loops.get(Math.floorMod(i, loops.size()));
  }

  List<Context> loops() {
    return loops;
  }

  private static WebSocketClientOptions clientOptions() {
    return new WebSocketClientOptions()
        .setMaxConnections(MAX_SOCKETS)
        .setMaxFrameSize(MAX_MESSAGE_BYTES)
        .setMaxMessageSize(MAX_MESSAGE_BYTES)
        .setConnectTimeout(30_000);
  }

  /** Opens {@code <url>/<docId>/} on event loop {@code loop} and completes after the handshake. */
  Future<LoadClient> connect(String url, String docId, int index, int loop) {
    return connect(client, url, docId, index, loop);
  }

  /** As {@link #connect}, with a small receive buffer: for a client that will stop reading. */
  Future<LoadClient> connectSmallBuffer(String url, String docId, int index, int loop) {
    return connect(smallBuffers, url, docId, index, loop);
  }

  private Future<LoadClient> connect(WebSocketClient client, String url, String docId, int index, int loop) {
    URI base = URI.create(url);
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost(base.getHost())
        .setPort(base.getPort() > 0 ? base.getPort() : 80)
        .setURI(stripSlash(base.getPath()) + "/" + docId + "/");
    Context context = loop(loop);
    Promise<LoadClient> promise = Promise.promise();
    // Connecting from the loop's context binds the socket (and its handlers) to that loop.
    context.runOnContext(v -> client.connect(options)
        .compose(ws -> LoadClient.start(ws, context, docId, index))
        .onComplete(promise));
    return promise.future();
  }

  /** Waits for every loop to run everything queued so far: no handler of earlier frames is still running. */
  void barrier() {
    List<Future<Void>> all = loops.stream().map(c -> {
      Promise<Void> p = Promise.promise();
      c.runOnContext(v -> p.complete());
      return p.future();
    }).toList();
    await(Future.all(all), 30);
  }

  private static String stripSlash(String path) {
    if (path == null || path.isEmpty()) {
      return "";
    }
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  static <T> T await(Future<T> future, long seconds) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("timed out after " + seconds + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    await(vertx.close(), 30);
  }
}

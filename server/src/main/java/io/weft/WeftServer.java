package io.weft;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.weft.config.WeftConfig;
import io.weft.doc.DocumentRegistry;
import io.weft.http.HttpVerticle;
import io.weft.http.PageRoutes;
import io.weft.store.DocumentStore;
import io.weft.store.mongo.MongoStores;
import io.weft.ws.WebSocketEndpoint;

/** A running Weft: storage, the live documents and the listeners, started and stopped together. */
public final class WeftServer {
  private final Vertx vertx;
  private final DocumentStore store;
  private final DocumentRegistry registry;
  private final WebSocketEndpoint sockets;
  private final int port;

  private WeftServer(Vertx vertx, DocumentStore store, DocumentRegistry registry, WebSocketEndpoint sockets, int port) {
    this.vertx = vertx;
    this.store = store;
    this.registry = registry;
    this.sockets = sockets;
    this.port = port;
  }

  public static Future<WeftServer> start(Vertx vertx, WeftConfig config) {
    return MongoStores.open(vertx, config).compose(store -> {
      DocumentRegistry registry = new DocumentRegistry(vertx, store, config);
      WebSocketEndpoint sockets = new WebSocketEndpoint(vertx, registry, config.ws());
      PageRoutes pages = new PageRoutes(registry);
      // The first listener settles the port (port 0 picks one); the others share it, one per core.
      HttpVerticle first = new HttpVerticle(config, config.http().port(), pages, sockets);
      return vertx.deployVerticle(first).compose(id -> {
        int port = first.actualPort();
        int more = Math.max(0, Runtime.getRuntime().availableProcessors() - 1);
        Future<String> rest = more == 0 ? Future.succeededFuture()
            : vertx.deployVerticle(() -> new HttpVerticle(config, port, pages, sockets),
                new DeploymentOptions().setInstances(more));
        return rest.map(v -> new WeftServer(vertx, store, registry, sockets, port));
      });
    });
  }

  public int port() {
    return port;
  }

  public DocumentRegistry registry() {
    return registry;
  }

  /** Stops listening, writes snapshots of changed documents and closes storage. */
  public Future<Void> stop() {
    sockets.close();
    Future<Void> undeployed = Future.all(vertx.deploymentIDs().stream().map(vertx::undeploy).toList()).mapEmpty();
    return undeployed.compose(v -> registry.close()).compose(v -> store.close());
  }
}

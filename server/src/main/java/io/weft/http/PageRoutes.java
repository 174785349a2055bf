package io.weft.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.weft.doc.DocumentRegistry;
import io.weft.doc.SnapshotView;
import io.weft.protocol.DocIds;
import io.weft.protocol.MessageDecoder;
import io.weft.store.DocKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of documents: {@code /<id>} redirects to {@code /<id>/}, which serves the page shell,
 * or with {@code ?json} the page's JsonML and with {@code ?v} its version. The browser client's files
 * are under {@code /~/}, a prefix no document id can take.
 */
public final class PageRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(PageRoutes.class);
  static final String CLIENT_PREFIX = "/~/";

  private final DocumentRegistry registry;
  private final String shell;

  public PageRoutes(DocumentRegistry registry) {
    this.registry = registry;
    this.shell = readShell();
  }

  public Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    router.get("/").handler(ctx -> redirect(ctx, "/frontpage/"));
    // Browsers ask for it on every page whose own head names no icon; it is no document id.
    router.get("/favicon.ico").handler(ctx -> ctx.response().setStatusCode(204).end());
    router.get(CLIENT_PREFIX + "*").handler(new ClientFiles(Path.of("static")));
    router.getWithRegex("^/([^/]*)$").handler(this::addSlash);
    router.getWithRegex("^/([^/]*)/$").handler(this::page);
    router.route().last().handler(ctx -> text(ctx.response(), 404, "Not found"));
    return router;
  }

  private void addSlash(RoutingContext ctx) {
    String id = ctx.pathParam("param0");
    if (!DocIds.isValid(id)) {
      invalidId(ctx);
      return;
    }
    String query = ctx.request().query();
    redirect(ctx, "/" + id + "/" + (query == null ? "" : "?" + query));
  }

  private void page(RoutingContext ctx) {
    String id = ctx.pathParam("param0");
    if (!DocIds.isValid(id)) {
      invalidId(ctx);
      return;
    }
    boolean json = ctx.queryParams().contains("json");
    boolean version = ctx.queryParams().contains("v");
    if (!json && !version) {
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
          .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
          .putHeader("X-Content-Type-Options", "nosniff")
          .end(shell);
      return;
    }
    DocKey key = new DocKey(MessageDecoder.PAGES, id);
    registry.withDocument(key, doc -> doc.committed()).onComplete(ar -> {
      if (ar.failed()) {
        LOG.error("GET {}: reading the document failed", key, ar.cause());
        text(ctx.response(), 500, "The document could not be read");
        return;
      }
      SnapshotView view = ar.result();
      if (!view.exists()) {
        text(ctx.response(), 404, "No document '" + id + "'");
      } else if (json) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(view.json());
      } else {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .end("{\"version\":" + view.version() + "}");
      }
    });
  }

  private static void invalidId(RoutingContext ctx) {
    text(ctx.response(), 400, "Invalid document id: ids are 1 to 64 characters of A-Z, a-z, 0-9, '_' and '-'");
  }

  private static void redirect(RoutingContext ctx, String location) {
    ctx.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, location).end();
  }

  static void text(HttpServerResponse response, int status, String message) {
    response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8").end(message + "\n");
  }

  private static String readShell() {
    try (InputStream in = PageRoutes.class.getClassLoader().getResourceAsStream("static/index.html")) {
      if (in == null) {
        throw new IllegalStateException("static/index.html is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

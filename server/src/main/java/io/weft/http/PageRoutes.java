package io.weft.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.weft.auth.Caller;
import io.weft.auth.VisitorCookie;
import io.weft.doc.DocumentRegistry;
import io.weft.doc.PageAccess;
import io.weft.doc.SnapshotView;
import io.weft.isolation.PageCallers;
import io.weft.protocol.DocIds;
import io.weft.protocol.MessageDecoder;
import io.weft.store.DocKey;
import io.weft.text.HtmlText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of documents: {@code /<id>} redirects to {@code /<id>/}, which serves the page shell,
 * or with {@code ?json} the page's JsonML, with {@code ?v} its version and with {@code ?share} its share dialog. The browser client's files
 * are under {@code /~/}, a prefix no document id can take.
 */
public final class PageRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(PageRoutes.class);
  static final String CLIENT_PREFIX = "/~/";

  private final DocumentRegistry registry;
  private final PageCallers callers;
  /** Where each request belongs when pages have origins of their own; null in shared-origin mode. */
  private final PageHosts pageHosts;
  private final AuthRoutes authRoutes;
  private final InviteLinks inviteLinks;
  private final EmailInvitationLinks emailLinks;
  private final String shell;
  private final RedeemPage redeemPage;
  private final ShareDialog shareDialog;
  private final FrontPage frontPage;

  /** @param authRoutes the login providers' pages, served under {@code /auth/} */
  public PageRoutes(DocumentRegistry registry, PageCallers callers, PageHosts pageHosts, AuthRoutes authRoutes,
      InviteLinks inviteLinks, EmailInvitationLinks emailLinks, FrontPage frontPage) {
    this.registry = registry;
    this.callers = callers;
    this.pageHosts = pageHosts;
    this.authRoutes = authRoutes;
    this.inviteLinks = inviteLinks;
    this.emailLinks = emailLinks;
    this.shell = readShell();
    this.redeemPage = new RedeemPage(callers, authRoutes);
    this.shareDialog = new ShareDialog(callers.origins(), pageHosts != null, authRoutes);
    this.frontPage = frontPage;
  }

  public Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    // HEAD answers as GET does; Vert.x leaves the body out of a HEAD response itself.
    router.route().method(HttpMethod.HEAD).order(-1).handler(ctx -> ctx.reroute(HttpMethod.GET, ctx.request().uri()));
    if (pageHosts != null) {
      router.route().handler(pageHosts::route);
    }
    router.get("/").handler(ctx -> redirect(ctx, "/frontpage/"));
    // Browsers ask for it on every page whose own head names no icon; it is no document id.
    router.get("/favicon.ico").handler(ctx -> ctx.response().setStatusCode(204).end());
    router.get(CLIENT_PREFIX + "*").handler(new ClientFiles(Path.of("static")));
    router.route("/auth/*").subRouter(authRoutes.router(vertx));
    // Before the page routes: on the main origin (PageHosts keeps it off page origins) /invite is no page.
    router.get(RedeemPage.PATH).handler(redeemPage::get);
    frontPage.mount(router);
    router.getWithRegex("^/([^/]*)$").handler(this::addSlash);
    router.getWithRegex("^/([^/]*)/$").handler(this::page);
    router.postWithRegex("^/([^/]*)/$").handler(this::confirmInvite);
    router.route().last().handler(ctx -> Html.problem(ctx, 404, "There is nothing at this address."));
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
    if (InviteLinks.concerns(ctx)) {
      withSessionCaller(ctx, id, caller -> inviteLinks.get(ctx, id, caller));
      return;
    }
    if (EmailInvitationLinks.concerns(ctx)) {
      withSessionCaller(ctx, id, caller -> emailLinks.get(ctx, id, caller));
      return;
    }
    if (ShareDialog.concerns(ctx)) {
      withSessionCaller(ctx, id, caller -> shareDialog.get(ctx, id, caller));
      return;
    }
    boolean json = ctx.queryParams().contains("json");
    boolean version = ctx.queryParams().contains("v");
    DocKey key = new DocKey(MessageDecoder.PAGES, id);
    Future<Void> ready = id.equals(FrontPage.ID) ? frontPage.ensureExists() : Future.succeededFuture();
    ready.compose(v -> callers.caller(ctx.request().headers(), ctx.request().authority(), ctx.queryParams().get("token"), id))
        .compose(caller -> registry.withDocument(key, doc -> doc.committed(caller)).map(access -> {
          respond(ctx, id, json, version, caller, access);
          return null;
        }))
        .onFailure(e -> {
          LOG.error("GET {}: reading the document failed", key, e);
          text(ctx.response(), 500, "The document could not be read");
        });
  }

  /** {@code POST /<id>/?pendingInvite}: accepting the invite waiting in this browser. */
  private void confirmInvite(RoutingContext ctx) {
    String id = ctx.pathParam("param0");
    if (DocIds.isValid(id) && EmailInvitationLinks.concerns(ctx)) {
      withSessionCaller(ctx, id, caller -> emailLinks.post(ctx, id, caller));
      return;
    }
    if (!DocIds.isValid(id) || !ctx.queryParams().contains(InviteLinks.PENDING_PARAM)) {
      text(ctx.response(), 404, "Not found");
      return;
    }
    withSessionCaller(ctx, id, caller -> inviteLinks.post(ctx, id, caller));
  }

  /** Runs {@code then} as the request's logged-in caller; invites are about people, so no access token counts. */
  private void withSessionCaller(RoutingContext ctx, String id, java.util.function.Consumer<Caller> then) {
    callers.caller(ctx.request().headers(), ctx.request().authority(), null, id).onComplete(ar -> {
      if (ar.failed()) {
        LOG.error("{} {}: reading the session failed", ctx.request().method(), id, ar.cause());
        text(ctx.response(), 500, "The session could not be read");
      } else {
        then.accept(ar.result());
      }
    });
  }

  /**
   * The page (or its JSON, or its version) if the caller may read it; a missing page's shell only to
   * those who may also create it, since opening it creates it.
   */
  private void respond(RoutingContext ctx, String id, boolean json, boolean version, Caller caller, PageAccess access) {
    SnapshotView view = access.view();
    // Whoever may not read the page gets one answer, whether it exists or not (on a missing page the
    // defaults decide), so nobody learns which pages they may not read exist.
    if (!access.rights().canRead()) {
      forbidden(ctx, id, caller, json || version, "You need read permission to open '" + id + "'.");
      return;
    }
    if (!json && !version) {
      if (!view.exists() && !access.rights().canWrite()) {
        forbidden(ctx, id, caller, false, "There is no document '" + id + "', and you may not create it.");
        return;
      }
      VisitorCookie.setIfAbsent(ctx.request(), ctx.response(), authRoutes.secureCookies());
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
          .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
          .putHeader("X-Content-Type-Options", "nosniff")
          .end(shell);
      return;
    }
    // Data is for the page's own origin: no other page may embed it as a script or image.
    ctx.response().putHeader("Cross-Origin-Resource-Policy", "same-origin").putHeader("X-Content-Type-Options", "nosniff");
    if (!view.exists()) {
      text(ctx.response(), 404, "No document '" + id + "'");
    } else if (json) {
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(view.json());
    } else {
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
          .end("{\"version\":" + view.version() + "}");
    }
  }

  /** 403: as text for data requests, as a page offering a login to anonymous visitors. */
  private void forbidden(RoutingContext ctx, String id, Caller caller, boolean data, String message) {
    if (data) {
      text(ctx.response(), 403, message);
      return;
    }
    String body = "<p>" + HtmlText.escape(message) + "</p>" + (caller.isLoggedIn()
        ? "<p>You are logged in as " + HtmlText.escape(caller.user().username()) + ".</p>"
        : "<p>" + authRoutes.loginLinks("/" + id + "/") + " to continue.</p>");
    Html.send(ctx.response(), 403, "Forbidden", body);
  }

  private static void invalidId(RoutingContext ctx) {
    Html.problem(ctx, 400, "Invalid document id: ids are 1 to 64 characters of A-Z, a-z, 0-9, '_' and '-'");
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

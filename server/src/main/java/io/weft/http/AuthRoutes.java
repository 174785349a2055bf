package io.weft.http;

import io.weft.origin.CrossSite;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.weft.auth.Identity;
import io.weft.text.HtmlText;
import io.weft.user.User;
import io.weft.user.Usernames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login providers under {@code /auth/}: {@code test} (anyone by name, for automated tests, only
 * when {@code auth.test.enabled}), the local accounts of {@link LocalLoginRoutes}, and logout. Every
 * POST checks where it comes from ({@link CrossSite}); GETs only show forms.
 */
public final class AuthRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(AuthRoutes.class);
  /** Form posts are a few short fields. */
  static final long MAX_FORM_BYTES = 16 * 1024;
  public static final String TEST_PROVIDER = "test";

  private final Identity identity;
  private final CrossSite crossSite;
  private final LocalLoginRoutes local;

  public AuthRoutes(Identity identity, CrossSite crossSite, LocalLoginRoutes local) {
    this.identity = identity;
    this.crossSite = crossSite;
    this.local = local;
  }

  public Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    router.post().handler(BodyHandler.create(false).setBodyLimit(MAX_FORM_BYTES));
    router.post().handler(this::refuseCrossSite);
    if (identity.config().testEnabled()) {
      router.get("/test").handler(this::testForm);
      router.post("/test").handler(this::testLogin);
    }
    if (identity.config().localEnabled()) {
      local.mount(router, this);
    }
    router.get("/logout").handler(this::logoutForm);
    router.post("/logout").handler(this::logout);
    router.get("/me").handler(this::me);
    return router;
  }

  /** Where to send someone who must log in first, to come back to {@code back} (a local path) afterwards. */
  public String loginPath(String back) {
    boolean local = identity.config().localEnabled() || !identity.config().testEnabled();
    return (local ? "/auth/local" : "/auth/test") + returnQuery(back);
  }

  /** The sign-up page coming back to {@code back}, or null where people cannot sign up here. */
  public String signupPath(String back) {
    return identity.config().localEnabled() && identity.config().localSignup() ? "/auth/local/signup" + returnQuery(back)
        : null;
  }

  /** "Log in or sign up" links for a page of the server's own, coming back to {@code back}. */
  String loginLinks(String back) {
    return loginLinks(back, false);
  }

  /** As {@link #loginLinks(String)}; from a frame, the links open in the whole window (the login pages refuse frames). */
  String loginLinks(String back, boolean fromFrame) {
    String signup = signupPath(back);
    String target = fromFrame ? " target=\"_top\"" : "";
    return "<a" + target + " href=\"" + HtmlText.escape(loginPath(back)) + "\">Log in</a>"
        + (signup == null ? "" : " or <a" + target + " href=\"" + HtmlText.escape(signup) + "\">sign up</a>");
  }

  private static String returnQuery(String back) {
    return "?return=" + java.net.URLEncoder.encode(ReturnPaths.safe(back), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Whether cookies set for the browser must be Secure (the server is served over HTTPS). */
  boolean secureCookies() {
    return identity.config().secureCookies();
  }

  private void refuseCrossSite(RoutingContext ctx) {
    String problem = crossSite.problem(ctx.request().headers(), ctx.request().authority());
    if (problem != null) {
      Html.problem(ctx, 403, problem);
    } else {
      ctx.next();
    }
  }

  private void testForm(RoutingContext ctx) {
    String back = ReturnPaths.safe(ctx.queryParams().get("return"));
    Html.send(ctx.response(), 200, "Test login", "<form action=\"/auth/test\" method=\"post\">"
        + "<input type=\"hidden\" name=\"return\" value=\"" + HtmlText.escape(back) + "\">"
        + "<label for=\"username\">Username</label><input id=\"username\" name=\"username\" autofocus>"
        + "<button type=\"submit\">Log in</button></form>");
  }

  /** Logs in as {@code <username>:test} (Webstrates' test provider): no password, tests only. */
  private void testLogin(RoutingContext ctx) {
    String username = ctx.request().getFormAttribute("username");
    String problem = Usernames.problem(username);
    if (problem != null) {
      PageRoutes.text(ctx.response(), 400, problem);
      return;
    }
    loggedIn(ctx, new User(username, TEST_PROVIDER, username), ctx.request().getFormAttribute("return"));
  }

  /** Starts a session for {@code user}, sets its cookie and sends the browser on (303). */
  Future<Void> loggedIn(RoutingContext ctx, User user, String returnPath) {
    return identity.sessions().begin(user).onSuccess(token -> {
      ctx.response().addCookie(identity.sessions().cookie(token));
      ctx.response().setStatusCode(303).putHeader(HttpHeaders.LOCATION, ReturnPaths.safe(returnPath)).end();
    }).onFailure(e -> {
      LOG.error("starting a session for {} failed", user.userId(), e);
      PageRoutes.text(ctx.response(), 500, "Could not log in; try again");
    }).mapEmpty();
  }

  private void logoutForm(RoutingContext ctx) {
    Html.send(ctx.response(), 200, "Log out", "<form action=\"/auth/logout\" method=\"post\">"
        + "<p>End your session on this server?</p><button type=\"submit\">Log out</button></form>");
  }

  private void logout(RoutingContext ctx) {
    identity.authenticator().caller(ctx.request().headers(), null, null)
        .compose(caller -> caller.sessionId() == null ? Future.succeededFuture()
            : identity.sessions().end(caller.sessionId()))
        .onComplete(ar -> {
          if (ar.failed()) {
            LOG.error("ending a session failed", ar.cause());
            PageRoutes.text(ctx.response(), 500, "Could not log out; try again");
            return;
          }
          ctx.response().addCookie(identity.sessions().expiredCookie());
          ctx.response().setStatusCode(303).putHeader(HttpHeaders.LOCATION,
              ReturnPaths.safe(ctx.request().getFormAttribute("return"))).end();
        });
  }

  /** Who the request's session says the caller is, as JSON (scripts check their Bearer token with it). */
  private void me(RoutingContext ctx) {
    identity.authenticator().caller(ctx.request().headers(), null, null).onComplete(ar -> {
      if (ar.failed()) {
        PageRoutes.text(ctx.response(), 500, "Could not read the session");
        return;
      }
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
          .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
          .end(io.weft.json.Json.encode(ar.result().user().toHello()));
    });
  }
}

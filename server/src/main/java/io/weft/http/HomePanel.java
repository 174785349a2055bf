package io.weft.http;

import io.vertx.ext.web.RoutingContext;
import io.weft.auth.Caller;
import io.weft.isolation.PageCallers;
import io.weft.text.HtmlText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /~home}: the visitor's account panel, a page of the main origin that the front page shows
 * in a frame. Everything on it acts with the visitor's whole login (who is logged in, log out, New page,
 * the invitations sent to their address with accept and decline), so it runs on the main origin, where
 * the front page's own scripts cannot reach it, and only the front page's origin may frame it. The
 * invitations are read and answered by {@code /~/home.js} over a socket of the main origin.
 */
final class HomePanel {
  private static final Logger LOG = LoggerFactory.getLogger(HomePanel.class);
  static final String PATH = "/~home";
  /** Where logging in or out from the panel comes back to. */
  private static final String BACK = "/" + FrontPage.ID + "/";

  private final PageCallers callers;
  private final AuthRoutes auth;

  HomePanel(PageCallers callers, AuthRoutes auth) {
    this.callers = callers;
    this.auth = auth;
  }

  void get(RoutingContext ctx) {
    callers.caller(ctx.request().headers(), ctx.request().authority(), null, null).onComplete(ar -> {
      if (ar.failed()) {
        LOG.error("GET {}: reading the session failed", PATH, ar.cause());
        send(ctx, 500, "<p class=\"error\">Your session could not be read; reload the page.</p>");
        return;
      }
      Caller caller = ar.result();
      send(ctx, 200, caller.isLoggedIn() ? loggedIn(caller) : loggedOut() + NEW_PAGE);
    });
  }

  private String loggedOut() {
    String signup = auth.signupPath(BACK);
    return "<p>You are not logged in.</p>\n<p class=\"actions\"><a id=\"login\" class=\"button\" target=\"_top\" href=\""
        + HtmlText.escape(auth.loginPath(BACK)) + "\">Log in</a>" + (signup == null ? ""
        : " <a id=\"signup\" class=\"button secondary\" target=\"_top\" href=\"" + HtmlText.escape(signup)
        + "\">Sign up</a>") + "</p>\n";
  }

  private static String loggedIn(Caller caller) {
    return "<form class=\"who\" method=\"post\" action=\"/auth/logout\" target=\"_top\">"
        + "<p>Logged in as <strong id=\"me\">" + HtmlText.escape(caller.user().username()) + "</strong>.</p>"
        + "<input type=\"hidden\" name=\"return\" value=\"" + BACK + "\">"
        + "<button id=\"logout\" class=\"secondary\" type=\"submit\">Log out</button></form>\n" + NEW_PAGE
        + "<section aria-labelledby=\"invitations-title\">"
        + "<h2 id=\"invitations-title\">Invitations to you</h2>"
        + "<p id=\"status\" role=\"status\" aria-live=\"polite\"></p>"
        + "<p id=\"problem\" class=\"error\" role=\"alert\" aria-live=\"assertive\"></p>"
        + "<div id=\"verify-step\" hidden><p id=\"verify-text\"></p>"
        + "<button id=\"verify\" type=\"button\">Send me a link to confirm it</button></div>"
        + "<ul id=\"invitations\" class=\"invitations\"></ul>"
        + "<p id=\"none\" class=\"muted\" hidden>No invitations are waiting for you.</p></section>\n";
  }

  /** A POST, never a link: making a page changes the server, and only this origin's own forms may ask. */
  private static final String NEW_PAGE = "<form id=\"new-page\" method=\"post\" action=\"" + NewPages.PATH
      + "\" target=\"_top\"><button id=\"new\" type=\"submit\">New page</button></form>\n";

  private void send(RoutingContext ctx, int status, String body) {
    // Only the front page may show the panel: a frame of it in any other page could be used to trick
    // a click (clickjacking) on its buttons.
    String framedBy = callers.isolated() ? callers.origins().page(FrontPage.ID, ctx.request().authority()) : "'self'";
    Html.sendScripted(ctx.response(), status, framedBy, "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Your account · Weft</title>"
        + "<link rel=\"stylesheet\" href=\"" + PageRoutes.CLIENT_PREFIX + "weft.css\"></head>"
        + "<body class=\"panel\">\n" + body
        + "<script type=\"module\" src=\"" + PageRoutes.CLIENT_PREFIX + "home.js\"></script>\n</body></html>\n");
  }
}

package io.weft.http;

import io.vertx.ext.web.RoutingContext;
import io.weft.auth.Caller;
import io.weft.isolation.PageOrigins;
import io.weft.text.HtmlText;

/**
 * {@code GET /<id>/?share}: the share dialog of page {@code id}. It creates invites and changes rights,
 * so it is served on the main origin only ({@link PageHosts} sends page origins' navigations here) and
 * may be framed by that one page's origin and nothing else: the page shows it over itself
 * ({@code webstrate.share()}) and its scripts can neither read nor drive it, being of another origin.
 * The page is a frame of empty sections that {@code /~/share.js} fills; that module speaks the console
 * API's messages over a socket of the main origin, where the socket acts with the visitor's whole login.
 */
final class ShareDialog {
  static final String PARAM = "share";
  /** Set when the dialog is shown in a frame over its page: it offers Close, which the page hears. */
  static final String FRAMED_PARAM = "framed";

  private final PageOrigins origins;
  private final boolean isolated;
  private final AuthRoutes auth;

  ShareDialog(PageOrigins origins, boolean isolated, AuthRoutes auth) {
    this.origins = origins;
    this.isolated = isolated;
    this.auth = auth;
  }

  static boolean concerns(RoutingContext ctx) {
    return ctx.queryParams().contains(PARAM);
  }

  void get(RoutingContext ctx, String id, Caller caller) {
    String title = "Share " + id;
    boolean framed = ctx.queryParams().contains(FRAMED_PARAM);
    // From the frame, the login comes back to the page itself, where Share can be pressed again.
    String back = "/" + id + "/" + (framed ? "" : "?" + PARAM);
    String body = caller.isLoggedIn() ? dialog(id, caller, framed)
        : "<p>Only people who are logged in can share a page. <span class=\"login-links\">" + auth.loginLinks(back, framed)
            + "</span>, then come back here.</p>" + (framed ? closeButton() + script() : "");
    Html.sendScripted(ctx.response(), 200, frameAncestors(id, ctx), Html.page(title, body));
  }

  /** Framed only by the page it shares (and by the main origin's own pages): no other page can lay it under its buttons. */
  private String frameAncestors(String id, RoutingContext ctx) {
    return "'self'" + (isolated ? " " + origins.page(id, ctx.request().authority()) : "");
  }


  /** Empty sections, each filled by its module; only admins see the four ways to share. */
  private static String dialog(String id, Caller caller, boolean framed) {
    return "<div id=\"share\" data-doc=\"" + HtmlText.escape(id) + "\">"
        + "<p class=\"muted\">Logged in as <span id=\"me\">" + HtmlText.escape(caller.user().username()) + "</span>.</p>\n"
        + "<p id=\"status\" role=\"status\" aria-live=\"polite\"></p>\n"
        + "<p id=\"problem\" class=\"error\" role=\"alert\" aria-live=\"assertive\"></p>\n"
        + "<p id=\"own-rights\" aria-live=\"polite\">Connecting…</p>\n"
        + section("people", "People with access")
        + section("links", "Invite by link")
        + section("emails", "Invite by email")
        + section("in-person", "Invite in person")
        + (framed ? closeButton() : "")
        + "</div>\n" + script();
  }

  private static String section(String name, String heading) {
    return "<section id=\"" + name + "\" class=\"share-section\" aria-labelledby=\"" + name + "-title\" hidden>"
        + "<h2 id=\"" + name + "-title\">" + heading + "</h2></section>\n";
  }

  private static String closeButton() {
    return "<p><button id=\"close\" type=\"button\" class=\"secondary\">Close</button></p>\n";
  }

  private static String script() {
    return "<script type=\"module\" src=\"" + PageRoutes.CLIENT_PREFIX + "share.js\"></script>";
  }
}

package io.weft.http;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import io.weft.auth.Caller;
import io.weft.auth.Sessions;
import io.weft.isolation.HandshakeCodes;
import io.weft.isolation.PageCallers;
import io.weft.isolation.PageLabels;
import io.weft.isolation.PageOrigins;
import io.weft.isolation.RequestAuthority;
import io.weft.protocol.DocIds;
import io.weft.text.HtmlText;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each request to the origin it belongs on when every page has an origin of its own
 * (docs/security.md), before any other route sees it:
 * <ul>
 *   <li>A page's host serves its own page, the client files and {@value #EXCHANGE}; a navigation to
 *       another page goes to that page's origin, one to {@code /auth/}, an invitation or a share dialog to the main
 *       origin, as does one to the redeem page {@value RedeemPage#PATH}; anything else is {@code 404}.
 *       Opening its page without a page session goes to the main origin for one.</li>
 *   <li>The main origin answers a navigation to a page with a handshake code, redirecting to the page's
 *       origin's {@value #EXCHANGE}, which trades it for that page's session cookie.</li>
 *   <li>Any other host name sends browser navigations to the main origin; other requests (non-browser
 *       clients) are served where they arrive.</li>
 * </ul>
 */
public final class PageHosts {
  private static final Logger LOG = LoggerFactory.getLogger(PageHosts.class);
  static final String EXCHANGE = "/~page-session";
  private static final Pattern PAGE_PATH = Pattern.compile("^/([^/]*)(/?)$");

  private final PageCallers callers;
  private final PageOrigins origins;
  private final HandshakeCodes codes;
  private final Sessions sessions;
  private final boolean secureCookies;

  public PageHosts(PageCallers callers, HandshakeCodes codes, Sessions sessions, boolean secureCookies) {
    this.callers = callers;
    this.origins = callers.origins();
    this.codes = codes;
    this.sessions = sessions;
    this.secureCookies = secureCookies;
  }

  void route(RoutingContext ctx) {
    PageOrigins.Host host = origins.classify(ctx.request().authority());
    switch (host.kind()) {
      case PAGE -> onPageHost(ctx, host.label());
      case MAIN -> onMainHost(ctx);
      case OTHER -> {
        if (opensAsDocument(ctx) && !ctx.normalizedPath().startsWith(PageRoutes.CLIENT_PREFIX)) {
          redirect(ctx, origins.main(ctx.request().authority()) + ctx.request().uri());
        } else {
          ctx.next();
        }
      }
    }
  }

  private void onMainHost(RoutingContext ctx) {
    String id = pageId(ctx.normalizedPath());
    if (id == null || !opensAsDocument(ctx) || belongsOnMain(ctx) || !ctx.normalizedPath().endsWith("/")) {
      ctx.next();
      return;
    }
    callers.caller(ctx.request().headers(), ctx.request().authority(), null, null).onComplete(ar -> {
      if (ar.failed()) {
        LOG.error("GET {}: reading the session failed", id, ar.cause());
        PageRoutes.text(ctx.response(), 500, "The session could not be read");
        return;
      }
      String code = codes.mint(ar.result(), id);
      if (code == null) {
        PageRoutes.text(ctx.response(), 503, "Too many pages are being opened; try again in a minute");
        return;
      }
      HostAndPort authority = ctx.request().authority();
      String location = origins.page(id, authority) + EXCHANGE + "?code=" + code + "&to="
          + URLEncoder.encode(ctx.request().uri(), StandardCharsets.UTF_8);
      if (!"same-origin".equals(ctx.request().getHeader("Sec-Fetch-Site"))) {
        redirect(ctx, location);
        return;
      }
      // Coming from the main origin's own pages, maybe a form's redirect chain (a login returning
      // here), which may not leave the main origin (form-action 'self'): a page that moves on instead.
      ctx.response().putHeader("Referrer-Policy", "no-referrer").putHeader("Refresh", "0;url=" + location)
          .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8").putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
          .putHeader("X-Content-Type-Options", "nosniff").putHeader("Content-Security-Policy", "default-src 'none'; style-src 'self'")
          .end(Html.page("Opening " + id, "<p><a href=\"" + HtmlText.escape(location) + "\">Open " + HtmlText.escape(id)
              + "</a></p>"));
    });
  }

  private void onPageHost(RoutingContext ctx, String label) {
    String path = ctx.normalizedPath();
    if (path.startsWith(PageRoutes.CLIENT_PREFIX) || path.equals("/favicon.ico")) {
      ctx.next();
      return;
    }
    if (path.equals(EXCHANGE) && ctx.request().method() == HttpMethod.GET) {
      exchange(ctx, label);
      return;
    }
    boolean navigation = isNavigation(ctx);
    if (path.equals(RedeemPage.PATH)) {
      // Redeeming a code acts with the visitor's whole login: only ever on the main origin.
      if (navigation) {
        redirect(ctx, origins.main(ctx.request().authority()) + ctx.request().uri());
      } else {
        PageRoutes.text(ctx.response(), 404, "Not found on a page's origin");
      }
      return;
    }
    String id = pageId(path);
    if (id == null || !PageLabels.of(id).equals(label)) {
      if (!navigation) {
        PageRoutes.text(ctx.response(), 404, "Not found: a page's origin serves that page only");
      } else if (id != null) {
        redirect(ctx, origins.page(id, ctx.request().authority()) + ctx.request().uri());
      } else {
        redirect(ctx, origins.main(ctx.request().authority()) + ctx.request().uri());
      }
      return;
    }
    if (ctx.request().method() != HttpMethod.GET || belongsOnMain(ctx)) {
      // Invitations are about people, handled where their login is; a page's host takes no POST.
      if (navigation) {
        redirect(ctx, origins.main(ctx.request().authority()) + ctx.request().uri());
      } else {
        PageRoutes.text(ctx.response(), 404, "Not found on a page's origin");
      }
      return;
    }
    if (!navigation) {
      ctx.next();
      return;
    }
    callers.pageSession(ctx.request().headers(), id).onComplete(ar -> {
      if (ar.succeeded() && ar.result() != null) {
        ctx.next();
      } else {
        // No page session yet, or its login ended: the main origin knows who the visitor is.
        redirect(ctx, origins.main(ctx.request().authority()) + "/" + id + "/" + query(ctx));
      }
    });
  }

  /** {@code GET /~page-session?code=&to=}: a handshake code for this page becomes its page session. */
  private void exchange(RoutingContext ctx, String label) {
    HandshakeCodes.Grant grant = codes.redeem(ctx.queryParams().get("code"));
    String to = ctx.queryParams().get("to");
    if (grant == null || !PageLabels.of(grant.docId()).equals(label) || to == null
        || !(to.equals("/" + grant.docId() + "/") || to.startsWith("/" + grant.docId() + "/?"))) {
      Html.send(ctx.response(), 400, "Open the page again",
          "<p>This link to a page's session is used, expired or not for this page (ERR_PAGE_SESSION_INVALID)."
          + " Open the page again.</p>");
      return;
    }
    Caller caller = grant.caller();
    ctx.response()
        .addCookie(Cookie.cookie(PageCallers.PAGE_COOKIE, sessions.pageToken(caller, grant.docId())).setPath("/")
            .setHttpOnly(true).setSameSite(CookieSameSite.LAX).setSecure(secureCookies))
        // A page cookie set for the whole domain by some page's script (cookie tossing) is deleted.
        .addCookie(Cookie.cookie(PageCallers.PAGE_COOKIE, "").setPath("/").setDomain(origins.domain())
            .setMaxAge(0).setSecure(secureCookies))
        .putHeader("Referrer-Policy", "no-referrer");
    redirect(ctx, to);
  }

  /**
   * Whether the answer would be shown as a document: a navigation, or an {@code <object>} or {@code <embed>}
   * (whose Sec-Fetch-Dest says so). A page's shell must never be one on the main origin or another name,
   * or its scripts would run there.
   */
  private static boolean opensAsDocument(RoutingContext ctx) {
    String dest = ctx.request().getHeader("Sec-Fetch-Dest");
    return isNavigation(ctx) || (ctx.request().method() == HttpMethod.GET && dest != null && !dest.equals("empty"));
  }

  private static boolean isNavigation(RoutingContext ctx) {
    return ctx.request().method() == HttpMethod.GET && RequestAuthority.isNavigation(ctx.request().headers());
  }

  /** The valid document id a path {@code /<id>} or {@code /<id>/} names, or null. */
  private static String pageId(String path) {
    Matcher m = PAGE_PATH.matcher(path);
    return m.matches() && DocIds.isValid(m.group(1)) ? m.group(1) : null;
  }

  /** Invite-key and email-invitation links and their pages: about people, so handled on the main origin. */
  /** Invitations and the share dialog act with the visitor's whole login: the main origin's business. */
  private static boolean belongsOnMain(RoutingContext ctx) {
    return InviteLinks.concerns(ctx) || EmailInvitationLinks.concerns(ctx) || ShareDialog.concerns(ctx);
  }

  private static String query(RoutingContext ctx) {
    String query = ctx.request().query();
    return query == null ? "" : "?" + query;
  }

  private static void redirect(RoutingContext ctx, String location) {
    ctx.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, location)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end();
  }
}

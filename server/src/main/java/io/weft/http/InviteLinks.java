package io.weft.http;

import io.weft.origin.CrossSite;
import io.vertx.core.MultiMap;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.weft.auth.Caller;
import io.weft.invite.InviteDesk;
import io.weft.invite.InviteProblem;
import io.weft.protocol.ErrorCode;
import io.weft.protocol.ProtocolException;
import io.weft.text.HtmlText;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invitation links, {@code /<id>/?acceptInvite=<key>}. The key leaves the URL at once: it is kept in a
 * short-lived cookie for that page only, and every answer is a redirect or a page of the server's own
 * with {@code Referrer-Policy: no-referrer}, so the key never reaches the page's scripts, the history or
 * a Referer.
 * <ul>
 *   <li>Only a top-level navigation counts: a subresource or frame loading the link accepts nothing.</li>
 *   <li>Logged in, opened directly or from this server's pages: accepted, then {@code 303} to the page.</li>
 *   <li>Logged out: {@code 303} to log in (or sign up), which comes back to {@code ?pendingInvite} to finish.</li>
 *   <li>Followed from another site: a page saying what the invite grants, with a button that accepts (a
 *       POST), since no GET from another site may change anything.</li>
 *   <li>Invalid: a page saying why, {@code 410} (expired, used up, cancelled, inviter no longer admin,
 *       accepted before by a user who lost its rights since) or
 *       {@code 404} (unknown).</li>
 * </ul>
 */
public final class InviteLinks {
  private static final Logger LOG = LoggerFactory.getLogger(InviteLinks.class);
  static final String KEY_PARAM = "acceptInvite";
  static final String PENDING_PARAM = "pendingInvite";
  static final String COOKIE = "weft_invite";
  /** Long enough to log in or sign up on the way. */
  private static final long PENDING_SECONDS = 3600;
  /** Keys are base64url; anything else is no key (and must not reach a cookie). */
  private static final Pattern KEY_SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  private final InviteDesk desk;
  private final CrossSite crossSite;
  private final AuthRoutes auth;

  public InviteLinks(InviteDesk desk, CrossSite crossSite, AuthRoutes auth) {
    this.desk = desk;
    this.crossSite = crossSite;
    this.auth = auth;
  }

  /** Whether a GET of a page is about an invite rather than the page itself. */
  static boolean concerns(RoutingContext ctx) {
    return ctx.queryParams().contains(KEY_PARAM) || ctx.queryParams().contains(PENDING_PARAM);
  }

  /** {@code GET /<id>/?acceptInvite=<key>} or {@code ?pendingInvite}, as {@code caller}. */
  void get(RoutingContext ctx, String docId, Caller caller) {
    ctx.response().putHeader("Referrer-Policy", "no-referrer").putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    if (!isTopLevelNavigation(ctx.request().headers())) {
      page(ctx, 403, "Open the invitation yourself",
          "<p>Invitations are accepted only when their link is opened as a page, not from inside another page.</p>");
      return;
    }
    String key = ctx.queryParams().contains(KEY_PARAM) ? ctx.queryParams().get(KEY_PARAM) : pendingKey(ctx);
    if (key == null) {
      page(ctx, 404, "No invitation here", "<p>No invitation to this page is waiting to be accepted. Open the "
          + "invitation link again.</p>");
      return;
    }
    if (!KEY_SHAPE.matcher(key).matches()) {
      refused(ctx, docId, InviteProblem.UNKNOWN.refusal());
      return;
    }
    String pending = "/" + docId + "/?" + PENDING_PARAM;
    boolean fromHere = crossSite.problem(ctx.request().headers(), ctx.request().authority()) == null;
    boolean inAddress = ctx.queryParams().contains(KEY_PARAM);
    if (inAddress) {
      ctx.response().addCookie(pendingCookie(docId, key, PENDING_SECONDS));
    }
    if (!caller.isLoggedIn()) {
      redirect(ctx, auth.loginPath(pending));
    } else if (fromHere) {
      accept(ctx, docId, caller, key);
    } else if (inAddress) {
      // Asking happens on a page whose address holds no key, so the key stays out of the history.
      redirect(ctx, pending);
    } else {
      confirmationPage(ctx, docId, caller, key, pending);
    }
  }

  /** {@code POST /<id>/?pendingInvite}: the button of the confirmation page. */
  void post(RoutingContext ctx, String docId, Caller caller) {
    ctx.response().putHeader("Referrer-Policy", "no-referrer").putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    String problem = crossSite.problem(ctx.request().headers(), ctx.request().authority());
    String key = pendingKey(ctx);
    if (problem != null || !caller.isLoggedIn() || key == null || !KEY_SHAPE.matcher(key).matches()) {
      page(ctx, 403, "Not accepted", "<p>" + HtmlText.escape(problem != null ? problem : !caller.isLoggedIn()
          ? "Log in to accept an invitation." : "No invitation to this page is waiting to be accepted.") + "</p>");
      return;
    }
    accept(ctx, docId, caller, key);
  }

  private void accept(RoutingContext ctx, String docId, Caller caller, String key) {
    desk.accept(caller, LocalLoginRoutes.remoteAddress(ctx), docId, key).onComplete(ar -> {
      ctx.response().addCookie(pendingCookie(docId, "", 0));
      if (ar.succeeded()) {
        redirect(ctx, "/" + docId + "/");
      } else {
        refused(ctx, docId, ar.cause());
      }
    });
  }

  private void confirmationPage(RoutingContext ctx, String docId, Caller caller, String key, String pending) {
    desk.check(caller, LocalLoginRoutes.remoteAddress(ctx), docId, key).onComplete(ar -> {
      if (ar.failed()) {
        ctx.response().addCookie(pendingCookie(docId, "", 0));
        refused(ctx, docId, ar.cause());
        return;
      }
      Map<String, Object> invite = ar.result();
      page(ctx, 200, "Accept the invitation?", "<p>" + HtmlText.escape(String.valueOf(invite.get("inviter")))
          + " invites you to <strong>" + HtmlText.escape(docId) + "</strong> with the permissions <strong>"
          + HtmlText.escape(String.valueOf(invite.get("permissions"))) + "</strong> (" + rightsInWords(invite)
          + "). You are logged in as " + HtmlText.escape(caller.user().username()) + ".</p>"
          + "<form action=\"" + HtmlText.escape(pending) + "\" method=\"post\"><button type=\"submit\">Accept</button></form>");
    });
  }

  private static String rightsInWords(Map<String, Object> invite) {
    String letters = String.valueOf(invite.get("permissions"));
    StringBuilder out = new StringBuilder();
    for (char c : letters.toCharArray()) {
      out.append(out.length() == 0 ? "" : ", ").append(io.weft.access.Rights.nameOf(c));
    }
    return out.toString();
  }

  private void refused(RoutingContext ctx, String docId, Throwable cause) {
    if (cause instanceof ProtocolException invite && inviteStatus(invite.code()) > 0) {
      page(ctx, inviteStatus(invite.code()), "Invitation not accepted", "<p>" + HtmlText.escape(invite.getMessage())
          + ".</p><p><a href=\"/" + HtmlText.escape(docId) + "/\">Open " + HtmlText.escape(docId) + "</a></p>");
    } else if (cause instanceof ProtocolException refusal) {
      page(ctx, 403, "Invitation not accepted", "<p>" + HtmlText.escape(refusal.getMessage()) + "</p>");
    } else {
      LOG.error("accepting an invite to {} failed", docId, cause);
      page(ctx, 500, "Invitation not accepted", "<p>The invitation could not be accepted just now; try the link again.</p>");
    }
  }

  /** The status of a page saying why a key does not work, as the README's invite table lists; 0: not about the key. */
  private static int inviteStatus(ErrorCode code) {
    return switch (code) {
      case INVITE_UNKNOWN -> 404;
      case INVITE_EXPIRED, INVITE_REMOVED, INVITE_USED_UP, INVITER_NOT_ADMIN, INVITER_LACKS_RIGHTS,
          INVITE_ALREADY_ACCEPTED -> 410;
      case INVITE_RATE_LIMITED -> 429;
      case INVITE_IN_PROGRESS -> 409;
      default -> 0;
    };
  }

  /**
   * Fetch metadata tells a page opened by the user from a subresource or a frame; browsers that send
   * none (and scripts) are taken at their word.
   */
  private static boolean isTopLevelNavigation(MultiMap headers) {
    String dest = headers.get("Sec-Fetch-Dest");
    String mode = headers.get("Sec-Fetch-Mode");
    return (dest == null || dest.equals("document")) && (mode == null || mode.equals("navigate"));
  }

  private static String pendingKey(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(COOKIE);
    return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
  }

  /** The key waiting for a login, for this page only; HttpOnly, so no script reads it. */
  private Cookie pendingCookie(String docId, String key, long maxAgeSeconds) {
    return Cookie.cookie(COOKIE, key).setPath("/" + docId + "/").setHttpOnly(true).setSameSite(CookieSameSite.LAX)
        .setSecure(auth.secureCookies()).setMaxAge(maxAgeSeconds);
  }

  private static void redirect(RoutingContext ctx, String location) {
    ctx.response().setStatusCode(303).putHeader(HttpHeaders.LOCATION, location).end();
  }

  private static void page(RoutingContext ctx, int status, String title, String body) {
    Html.send(ctx.response(), status, title, body);
  }
}

package io.weft.http;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.weft.auth.Caller;
import io.weft.invite.InviteProblem;
import io.weft.invite.email.AddressVerification;
import io.weft.invite.email.InvitationAnswers;
import io.weft.origin.CrossSite;
import io.weft.protocol.ProtocolException;
import io.weft.text.HtmlText;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mailed invitation links, {@code /<id>/?invitation=<token>}. A GET never changes anything (mail
 * scanners open links before people do): the token moves at once from the address into a cookie for
 * that page only, as invite keys do, and the page {@code /<id>/?emailInvitation} says who invites whom
 * to what, with Accept and Decline buttons. Both are same-origin POSTs; accepting needs a login (the
 * page offers log-in and sign-up with the invited address filled in, coming back here), declining does
 * not. Every answer carries {@code Referrer-Policy: no-referrer}. Dead links say why, with 410 or 404.
 * Links proving an address, {@code /<id>/?verifyEmail=<token>}, take the same path to a Verify button.
 */
public final class EmailInvitationLinks {
  private static final Logger LOG = LoggerFactory.getLogger(EmailInvitationLinks.class);
  static final String TOKEN_PARAM = "invitation";
  static final String PAGE_PARAM = "emailInvitation";
  static final String COOKIE = "weft_invitation";
  static final String VERIFY_PARAM = "verifyEmail";
  static final String VERIFY_COOKIE = "weft_verify";
  private static final long COOKIE_SECONDS = 3600;
  private static final Pattern TOKEN_SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  private final InvitationAnswers answers;
  private final AddressVerification verification;
  private final CrossSite crossSite;
  private final AuthRoutes auth;
  private final boolean requireMatchingAddress;

  public EmailInvitationLinks(InvitationAnswers answers, AddressVerification verification, CrossSite crossSite,
      AuthRoutes auth, boolean requireMatchingAddress) {
    this.answers = answers;
    this.verification = verification;
    this.crossSite = crossSite;
    this.auth = auth;
    this.requireMatchingAddress = requireMatchingAddress;
  }

  /** Whether a GET or POST of a page is about an email invitation rather than the page itself. */
  static boolean concerns(RoutingContext ctx) {
    return ctx.queryParams().contains(TOKEN_PARAM) || ctx.queryParams().contains(PAGE_PARAM)
        || ctx.queryParams().contains(VERIFY_PARAM);
  }

  void get(RoutingContext ctx, String docId, Caller caller) {
    noTraces(ctx);
    if (ctx.queryParams().contains(VERIFY_PARAM)) {
      verifyPage(ctx, docId);
      return;
    }
    if (ctx.queryParams().contains(TOKEN_PARAM)) {
      String token = ctx.queryParams().get(TOKEN_PARAM);
      if (!TOKEN_SHAPE.matcher(token).matches()) {
        InvitationPages.dead(ctx, docId, InviteProblem.UNKNOWN.refusal());
        return;
      }
      ctx.response().addCookie(cookie(COOKIE, docId, token, COOKIE_SECONDS));
      redirect(ctx, pagePath(docId));
      return;
    }
    String token = token(ctx);
    if (token == null) {
      InvitationPages.noneWaiting(ctx);
      return;
    }
    answers.view(caller, docId, token).onComplete(ar -> {
      if (ar.failed()) {
        failed(ctx, docId, ar.cause());
      } else if (ar.result() == null) {
        InvitationPages.dead(ctx, docId, InviteProblem.UNKNOWN.refusal());
      } else {
        InvitationPages.invitation(ctx, ar.result(), caller, pagePath(docId), requireMatchingAddress, auth);
      }
    });
  }

  /** {@code POST /<id>/?emailInvitation=accept|decline}: the page's buttons. */
  void post(RoutingContext ctx, String docId, Caller caller) {
    noTraces(ctx);
    String problem = crossSite.problem(ctx.request().headers(), ctx.request().authority());
    if (problem != null) {
      Html.send(ctx.response(), 403, "Not answered", "<p>" + HtmlText.escape(problem) + "</p>");
      return;
    }
    if (ctx.queryParams().contains(VERIFY_PARAM)) {
      confirmAddress(ctx, docId);
      return;
    }
    String token = token(ctx);
    if (token == null) {
      InvitationPages.noneWaiting(ctx);
      return;
    }
    String answer = ctx.queryParams().get(PAGE_PARAM);
    if ("decline".equals(answer)) {
      answers.declineByToken(docId, token).onComplete(ar -> {
        if (ar.failed()) {
          failed(ctx, docId, ar.cause());
        } else {
          ctx.response().addCookie(cookie(COOKIE, docId, "", 0));
          InvitationPages.declined(ctx, ar.result());
        }
      });
    } else if ("accept".equals(answer)) {
      if (!caller.isLoggedIn()) {
        Html.send(ctx.response(), 403, "Log in to accept", "<p>" + auth.loginLinks(pagePath(docId)) + " to accept.</p>");
        return;
      }
      answers.acceptByToken(caller, docId, token).onComplete(ar -> {
        if (ar.failed()) {
          failed(ctx, docId, ar.cause());
        } else {
          ctx.response().addCookie(cookie(COOKIE, docId, "", 0));
          redirect(ctx, "/" + docId + "/");
        }
      });
    } else {
      Html.send(ctx.response(), 400, "Not answered", "<p>Answer with accept or decline.</p>");
    }
  }

  /**
   * {@code GET /<id>/?verifyEmail=<token>}: the token moves into a cookie; {@code ?verifyEmail} then asks
   * to confirm (a GET proves nothing: a mail scanner may have sent it).
   */
  private void verifyPage(RoutingContext ctx, String docId) {
    String token = ctx.queryParams().get(VERIFY_PARAM);
    if (!token.isEmpty()) {
      if (TOKEN_SHAPE.matcher(token).matches()) {
        ctx.response().addCookie(cookie(VERIFY_COOKIE, docId, token, COOKIE_SECONDS));
      }
      redirect(ctx, "/" + docId + "/?" + VERIFY_PARAM);
      return;
    }
    Html.send(ctx.response(), 200, "Verify your address", "<form action=\"/" + HtmlText.escape(docId) + "/?" + VERIFY_PARAM
        + "=confirm\" method=\"post\"><button type=\"submit\" id=\"confirm\">Verify my address</button></form>");
  }

  /** {@code POST /<id>/?verifyEmail=confirm}: the address the waiting token was mailed to is verified. */
  private void confirmAddress(RoutingContext ctx, String docId) {
    Cookie cookie = ctx.request().getCookie(VERIFY_COOKIE);
    String token = cookie == null ? null : cookie.getValue();
    verification.confirm(token).onComplete(ar -> {
      ctx.response().addCookie(cookie(VERIFY_COOKIE, docId, "", 0));
      if (ar.failed()) {
        LOG.error("verifying an address failed", ar.cause());
        Html.send(ctx.response(), 500, "Not verified", "<p>The address could not be verified just now; try again.</p>");
      } else if (ar.result() == null) {
        Html.send(ctx.response(), 410, "Not verified", "<p>This link does not work (any more). Ask for a new one.</p>");
      } else {
        Html.send(ctx.response(), 200, "Address verified", "<p>" + HtmlText.escape(ar.result()) + " is verified.</p>");
      }
    });
  }

  private void failed(RoutingContext ctx, String docId, Throwable cause) {
    if (cause instanceof ProtocolException refused) {
      InvitationPages.dead(ctx, docId, refused);
    } else {
      LOG.error("answering an email invitation to {} failed", docId, cause);
      Html.send(ctx.response(), 500, "Invitation", "<p>The invitation could not be handled just now; try again.</p>");
    }
  }

  static String pagePath(String docId) {
    return "/" + docId + "/?" + PAGE_PARAM;
  }

  private static void noTraces(RoutingContext ctx) {
    ctx.response().putHeader("Referrer-Policy", "no-referrer").putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
  }

  private static String token(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(COOKIE);
    return cookie == null || !TOKEN_SHAPE.matcher(cookie.getValue()).matches() ? null : cookie.getValue();
  }

  /** The token waiting for an answer, for this page only; HttpOnly, so no script of the page reads it. */
  private Cookie cookie(String name, String docId, String token, long maxAgeSeconds) {
    return Cookie.cookie(name, token).setPath("/" + docId + "/").setHttpOnly(true).setSameSite(CookieSameSite.LAX)
        .setSecure(auth.secureCookies()).setMaxAge(maxAgeSeconds);
  }

  private static void redirect(RoutingContext ctx, String location) {
    ctx.response().setStatusCode(303).putHeader(HttpHeaders.LOCATION, location).end();
  }
}

package io.weft.http;

import io.vertx.ext.web.RoutingContext;
import io.weft.isolation.PageCallers;
import io.weft.text.HtmlText;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /invite} and {@code /invite?code=…}: where a guest redeems an interactive invitation's code
 * and enters its PIN in the browser. The page is a form and one module ({@code /~/redeem.js}) that
 * speaks the console API's invitation messages over a socket of the main origin, where it acts with the
 * visitor's full authority; page origins never serve it ({@link PageHosts} sends them here). Logged out,
 * it offers login and sign-up links that come back to the same code.
 */
final class RedeemPage {
  private static final Logger LOG = LoggerFactory.getLogger(RedeemPage.class);
  static final String PATH = "/invite";
  private static final int MAX_CODE_LENGTH = 64;

  private final PageCallers callers;
  private final AuthRoutes auth;

  RedeemPage(PageCallers callers, AuthRoutes auth) {
    this.callers = callers;
    this.auth = auth;
  }

  void get(RoutingContext ctx) {
    String code = ctx.queryParams().get("code");
    String shown = code == null || code.length() > MAX_CODE_LENGTH ? "" : code.trim();
    String back = PATH + (shown.isEmpty() ? "" : "?code=" + URLEncoder.encode(shown, StandardCharsets.UTF_8));
    callers.caller(ctx.request().headers(), ctx.request().authority(), null, null).onComplete(ar -> {
      if (ar.failed()) {
        LOG.error("GET {}: reading the session failed", PATH, ar.cause());
        Html.send(ctx.response(), 500, "Redeem a code", "<p>The session could not be read; try again.</p>");
        return;
      }
      if (!ar.result().isLoggedIn()) {
        String signup = auth.signupPath(back);
        Html.send(ctx.response(), 200, "Redeem a code", "<p>To redeem an invitation's code, <a id=\"login\" href=\""
            + HtmlText.escape(auth.loginPath(back)) + "\">log in</a>" + (signup == null ? ""
            : " or <a id=\"signup\" href=\"" + HtmlText.escape(signup) + "\">sign up</a>")
            + " first. You come back here afterwards.</p>");
        return;
      }
      send(ctx, form(ar.result().user().username(), shown));
    });
  }

  /** The three steps, all in the page; the module shows one at a time and moves focus along. */
  private static String form(String username, String code) {
    return "<p class=\"muted\">Logged in as <span id=\"me\">" + HtmlText.escape(username) + "</span>.</p>\n"
        + "<p id=\"status\" role=\"status\" aria-live=\"polite\"></p>\n"
        + "<p id=\"problem\" class=\"error\" role=\"alert\" aria-live=\"assertive\"></p>\n"
        + "<form id=\"code-step\" class=\"step\" autocomplete=\"off\">"
        + "<label for=\"code\">Invitation code</label>"
        + "<input id=\"code\" name=\"code\" autocomplete=\"off\" autocapitalize=\"characters\" spellcheck=\"false\""
        + " maxlength=\"" + MAX_CODE_LENGTH + "\" placeholder=\"7K2M-Q9XD-4WHC-0TBE\" required value=\"" + HtmlText.escape(code) + "\">"
        + "<button id=\"redeem\" type=\"submit\" disabled>Continue</button></form>\n"
        + "<form id=\"pin-step\" class=\"step\" hidden autocomplete=\"off\">"
        + "<p id=\"offer\"></p>"
        + "<p>Check that the person who invites you sees the same words:</p>"
        + "<p id=\"phrase\" class=\"phrase\"></p>"
        + "<label for=\"pin\">The 6-digit PIN they tell you</label>"
        + "<input id=\"pin\" name=\"pin\" inputmode=\"numeric\" autocomplete=\"off\" maxlength=\"6\" pattern=\"[0-9]{6}\""
        + " required aria-describedby=\"attempts time-left\">"
        + "<p id=\"attempts\" class=\"muted\"></p>"
        + "<p id=\"time-left\" class=\"muted countdown\"></p>"
        + "<button id=\"join\" type=\"submit\">Join</button></form>\n"
        + "<div id=\"done-step\" class=\"step\" hidden><p id=\"welcome\" tabindex=\"-1\"></p>"
        + "<p><a id=\"open\" class=\"button\" href=\"/\">Open the page</a></p></div>\n"
        + "<p><button id=\"again\" type=\"button\" hidden>Redeem the code again</button></p>\n"
        + "<script type=\"module\" src=\"" + PageRoutes.CLIENT_PREFIX + "redeem.js\"></script>";
  }

  private static void send(RoutingContext ctx, String body) {
    // Never framed: the PIN is typed here.
    Html.sendScripted(ctx.response(), 200, "'none'", Html.page("Redeem a code", body));
  }

}

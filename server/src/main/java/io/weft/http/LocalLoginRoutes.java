package io.weft.http;

import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.weft.auth.LocalAccounts;
import io.weft.auth.AttemptThrottle;
import io.weft.auth.AddressWindows;
import io.weft.text.HtmlText;
import io.weft.user.User;
import io.weft.config.WeftConfig;
import io.weft.store.AccountStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Username + email + password accounts under {@code /auth/local}: the login page and its form post,
 * and (when {@code auth.local.signup}) the sign-up page and its form post. A failed post shows the form
 * again with what was typed, except the password. Login failures never say whether the account exists.
 */
public final class LocalLoginRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(LocalLoginRoutes.class);
  static final String WRONG = "Wrong username or password";

  private final LocalAccounts accounts;
  private final AttemptThrottle throttle;
  private final AddressWindows signups;
  private final boolean signupOpen;

  LocalLoginRoutes(LocalAccounts accounts, AttemptThrottle throttle, AddressWindows signups, boolean signupOpen) {
    this.accounts = accounts;
    this.throttle = throttle;
    this.signups = signups;
    this.signupOpen = signupOpen;
  }

  /** The local provider over the accounts in {@code accounts}, limited and opened as {@code config} says. */
  public static LocalLoginRoutes create(Vertx vertx, AccountStore accounts, WeftConfig.Auth config) {
    return new LocalLoginRoutes(LocalAccounts.open(vertx, accounts), AttemptThrottle.forLogins(config),
        AddressWindows.forSignups(config), config.localSignup());
  }

  /** Adds the local provider's routes to the {@code /auth/} router; {@code auth} starts the sessions. */
  void mount(Router router, AuthRoutes auth) {
    router.get("/local").handler(ctx -> loginPage(ctx, 200, "", returnPath(ctx.queryParams().get("return")), null));
    router.post("/local").handler(ctx -> logIn(ctx, auth));
    // An invitation link's sign-up comes with the invited address filled in.
    router.get("/local/signup").handler(ctx -> signupPage(ctx, 200, "", prefilled(ctx.queryParams().get("email")),
        returnPath(ctx.queryParams().get("return")), null));
    router.post("/local/signup").handler(ctx -> signUp(ctx, auth));
  }

  private void logIn(RoutingContext ctx, AuthRoutes auth) {
    String login = field(ctx, "login");
    String password = field(ctx, "password");
    String back = returnPath(field(ctx, "return"));
    if (login.isBlank() || password.isEmpty()) {
      loginPage(ctx, 400, login, back, "Enter your username or email and your password");
      return;
    }
    String account = LocalAccounts.key(login);
    String address = remoteAddress(ctx);
    throttle.attempt(account, address).onSuccess(attempt -> {
      if (attempt.refusedSeconds() > 0) {
        LOG.info("login from {} refused: too many failed logins for that name or address", address);
        ctx.response().putHeader("Retry-After", Long.toString(attempt.refusedSeconds()));
        loginPage(ctx, 429, login, back, "Too many failed logins. Try again in "
            + duration(attempt.refusedSeconds()) + ".");
        return;
      }
      accounts.logIn(login, password).onComplete(ar -> {
        if (ar.failed()) {
          attempt.undecided();
          LOG.error("checking a local login from {} failed", address, ar.cause());
          loginPage(ctx, 500, login, back, "Could not log in; try again");
          return;
        }
        User user = ar.result();
        if (user == null) {
          attempt.wrong();
          loginPage(ctx, 401, login, back, WRONG);
          return;
        }
        attempt.right();
        auth.loggedIn(ctx, user, back);
      });
    });
  }

  private void signUp(RoutingContext ctx, AuthRoutes auth) {
    if (!signupOpen) {
      signupClosed(ctx);
      return;
    }
    String username = field(ctx, "username");
    String email = field(ctx, "email");
    String back = returnPath(field(ctx, "return"));
    String address = remoteAddress(ctx);
    long waitSeconds = signups.take(address);
    if (waitSeconds > 0) {
      LOG.info("sign-up from {} refused: auth.signupsPerAddress reached", address);
      ctx.response().putHeader("Retry-After", Long.toString(waitSeconds));
      signupPage(ctx, 429, username, email, back, "Too many new accounts from your address. Try again in "
          + duration(waitSeconds) + ".");
      return;
    }
    accounts.signUp(username, email, field(ctx, "password")).onComplete(ar -> {
      if (ar.failed() || !ar.result().succeeded()) {
        signups.giveBack(address);
      }
      if (ar.failed()) {
        LOG.error("creating local account {} failed", username, ar.cause());
        signupPage(ctx, 500, username, email, back, "Could not create the account; try again");
        return;
      }
      LocalAccounts.SignUp result = ar.result();
      if (!result.succeeded()) {
        signupPage(ctx, result.taken() ? 409 : 400, username, email, back, result.problem());
        return;
      }
      auth.loggedIn(ctx, result.user(), back);
    });
  }

  private void loginPage(RoutingContext ctx, int status, String login, String back, String error) {
    String signupLink = !signupOpen ? "" : "<p>No account yet? <a href=\"/auth/local/signup?return="
        + HtmlText.escape(urlEncoded(back)) + "\">Sign up</a></p>";
    Html.send(ctx.response(), status, "Log in", errorHtml(error)
        + "<form action=\"/auth/local\" method=\"post\">" + hiddenReturn(back)
        + "<label for=\"login\">Username or email</label><input id=\"login\" name=\"login\" value=\""
        + HtmlText.escape(login) + "\" autocomplete=\"username\" required autofocus>"
        + "<label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\""
        + " autocomplete=\"current-password\" required>"
        + "<button type=\"submit\">Log in</button></form>" + signupLink);
  }

  private void signupPage(RoutingContext ctx, int status, String username, String email, String back, String error) {
    if (!signupOpen) {
      signupClosed(ctx);
      return;
    }
    Html.send(ctx.response(), status, "Sign up", errorHtml(error)
        + "<form action=\"/auth/local/signup\" method=\"post\">" + hiddenReturn(back)
        + "<label for=\"username\">Username</label><input id=\"username\" name=\"username\" value=\""
        + HtmlText.escape(username) + "\" autocomplete=\"username\" required autofocus>"
        + "<label for=\"email\">Email</label><input id=\"email\" name=\"email\" type=\"email\" value=\""
        + HtmlText.escape(email) + "\" autocomplete=\"email\" required>"
        + "<label for=\"password\">Password (at least " + LocalAccounts.MIN_PASSWORD_LENGTH + " characters)</label>"
        + "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"new-password\" required>"
        + "<button type=\"submit\">Sign up</button></form>"
        + "<p>Have an account? <a href=\"/auth/local?return=" + HtmlText.escape(urlEncoded(back)) + "\">Log in</a></p>");
  }

  private static String prefilled(String email) {
    return email == null || email.length() > LocalAccounts.MAX_EMAIL_LENGTH ? "" : email;
  }

  private static void signupClosed(RoutingContext ctx) {
    Html.send(ctx.response(), 404, "Sign-up closed", "<p>This server does not let people create accounts."
        + " Ask its administrator for one.</p><p><a href=\"/auth/local\">Log in</a></p>");
  }

  private static String errorHtml(String error) {
    return error == null ? "" : "<p class=\"error\" role=\"alert\">" + HtmlText.escape(error) + "</p>";
  }

  private static String hiddenReturn(String back) {
    return "<input type=\"hidden\" name=\"return\" value=\"" + HtmlText.escape(back) + "\">";
  }

  private static String returnPath(String requested) {
    return ReturnPaths.safe(requested);
  }

  private static String field(RoutingContext ctx, String name) {
    String value = ctx.request().getFormAttribute(name);
    return value == null ? "" : value;
  }

  /** The client's address, as the rate limits count it. */
  static String remoteAddress(RoutingContext ctx) {
    SocketAddress remote = ctx.request().remoteAddress();
    return remote == null ? "" : remote.hostAddress() != null ? remote.hostAddress() : remote.host();
  }

  private static String urlEncoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** "3 minutes", "40 seconds": how long to wait, for people. */
  private static String duration(long seconds) {
    if (seconds < 60) {
      return seconds + (seconds == 1 ? " second" : " seconds");
    }
    long minutes = (seconds + 59) / 60;
    return minutes + (minutes == 1 ? " minute" : " minutes");
  }
}

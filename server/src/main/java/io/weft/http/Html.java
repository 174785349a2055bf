package io.weft.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.weft.isolation.RequestAuthority;
import io.weft.text.HtmlText;

/** The server's own small HTML pages (login, sign-up, errors): one plain layout, every value escaped. */
public final class Html {
  private Html() {
  }


  /** A whole page around {@code bodyHtml} (already escaped where it holds user input), styled by {@code /~/weft.css}. */
  public static String page(String title, String bodyHtml) {
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>" + HtmlText.escape(title) + " · Weft</title>"
        + "<link rel=\"stylesheet\" href=\"" + PageRoutes.CLIENT_PREFIX + "weft.css\">"
        + "</head><body><main><p class=\"brand\"><a href=\"/\">Weft</a></p><h1>" + HtmlText.escape(title) + "</h1>\n" + bodyHtml
        + "\n</main></body></html>\n";
  }

  /**
   * A refusal a person may land on: to a browser's navigation a page in the server's own look, with a
   * way to the front page; to anything else (scripts, clients, tests) the plain text, as before.
   */
  static void problem(RoutingContext ctx, int status, String message) {
    if (!RequestAuthority.isNavigation(ctx.request().headers())) {
      PageRoutes.text(ctx.response(), status, message);
      return;
    }
    String title = switch (status) {
      case 400 -> "Not a page address";
      case 403 -> "Not allowed";
      case 404 -> "Not found";
      default -> "Something went wrong";
    };
    send(ctx.response(), status, title, "<p>" + HtmlText.escape(message) + "</p><p><a href=\"/\">Go to the front page</a></p>");
  }

  /**
   * Sends one of the main origin's scripted pages (the redeem page, a share dialog, the account panel):
   * its own module and stylesheet only, nothing inline, nothing from elsewhere, kept out of caches, and
   * framed by {@code frameAncestors} alone ({@code 'none'}: by nothing).
   */
  static void sendScripted(HttpServerResponse response, int status, String frameAncestors, String html) {
    response.setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self';"
            + " img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors " + frameAncestors);
    if (frameAncestors.equals("'none'")) {
      response.putHeader("X-Frame-Options", "DENY");
    }
    response.end(html);
  }

  /** Sends a page with headers that keep it out of caches and frames. */
  public static void send(HttpServerResponse response, int status, String title, String bodyHtml) {
    response.setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'")
        .end(page(title, bodyHtml));
  }
}

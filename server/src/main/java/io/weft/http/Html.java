package io.weft.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
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

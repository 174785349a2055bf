package io.weft.auth;

import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.vertx.core.MultiMap;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.regex.Pattern;

/**
 * The anonymous visitor id: a random value in an HttpOnly, SameSite=Lax cookie, set when a page is
 * served. It grants nothing: no right, no identity (the visitor is still {@code anonymous:} in hello and
 * permission lists). It only owns connection ids (see {@link ConnectionIds#owner}): an anonymous
 * browser's new socket may resend under the src of its earlier one, and nobody else's may, since the
 * value never leaves the browser's cookie jar. It lasts as long as the browser session, as the op a
 * tab has in flight lives no longer.
 */
public final class VisitorCookie {
  public static final String NAME = "weft_visitor";
  /** What a client may choose for itself: enough base64url characters to be unguessable if random. */
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{22,128}");

  private VisitorCookie() {
  }

  /** The visitor id a request or handshake carries, or null if none (or none well formed). */
  public static String value(MultiMap headers) {
    for (String header : headers.getAll(HttpHeaders.COOKIE)) {
      try {
        for (io.netty.handler.codec.http.cookie.Cookie cookie : ServerCookieDecoder.LAX.decode(header)) {
          if (cookie.name().equals(NAME) && VALID.matcher(cookie.value()).matches()) {
            return cookie.value();
          }
        }
      } catch (IllegalArgumentException malformed) {
        // A mangled cookie header is as good as none.
      }
    }
    return null;
  }

  /** Gives the browser a visitor id with {@code response}, unless {@code request} carries one. */
  public static void setIfAbsent(HttpServerRequest request, HttpServerResponse response, boolean secure) {
    if (value(request.headers()) == null) {
      response.addCookie(Cookie.cookie(NAME, Secrets.random(128)).setPath("/").setHttpOnly(true)
          .setSameSite(CookieSameSite.LAX).setSecure(secure));
    }
  }
}

package io.weft.isolation;

import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.HostAndPort;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the cookies a request carries may act for the visitor. Page origins share one site, so a page's
 * script can send requests to another page's origin (or the main origin) that carry the visitor's
 * cookies; the browser tells where a request comes from, and only the host's own origin, the main origin,
 * or a navigation (a link, a transcluding iframe: its response stays with the page navigated to) count.
 */
public final class RequestAuthority {
  private RequestAuthority() {
  }

  /** Whether the request's cookies count on {@code authority}, as the headers say where it comes from. */
  public static boolean cookiesCount(MultiMap headers, HostAndPort authority, PageOrigins origins) {
    String origin = headers.get(HttpHeaders.ORIGIN);
    String site = headers.get("Sec-Fetch-Site");
    if (origin != null && !(origin.equals("null") && "same-origin".equals(site))) {
      // Origin: null with the browser's own same-origin is a form on this host's page sent without a referrer.
      return origins.isOwnOrMain(origin, authority);
    }
    if (site == null || site.equals("same-origin") || site.equals("none")) {
      return true;
    }
    return "navigate".equals(headers.get("Sec-Fetch-Mode"));
  }

  /**
   * Whether a GET is a browser navigation (a page being opened, top-level or in a frame). Browsers that
   * send no Sec-Fetch headers (plain HTTP to a non-local name) are recognised by asking for HTML.
   */
  public static boolean isNavigation(MultiMap headers) {
    String mode = headers.get("Sec-Fetch-Mode");
    if (mode != null) {
      return mode.equals("navigate");
    }
    String accept = headers.get(HttpHeaders.ACCEPT);
    return accept != null && accept.contains("text/html");
  }

  /** Every value the request's Cookie headers give the cookie {@code name}; more than one means a tossed cookie. */
  public static List<String> cookieValues(MultiMap headers, String name) {
    List<String> values = new ArrayList<>();
    for (String header : headers.getAll(HttpHeaders.COOKIE)) {
      try {
        for (Cookie cookie : ServerCookieDecoder.LAX.decodeAll(header)) {
          if (cookie.name().equals(name)) {
            values.add(cookie.value());
          }
        }
      } catch (IllegalArgumentException malformed) {
        // A mangled cookie header is as good as none.
      }
    }
    return values;
  }

  /** The headers without any cookie: the request then acts only with what it carries itself (Bearer, token). */
  public static MultiMap withoutCookies(MultiMap headers) {
    MultiMap copy = MultiMap.caseInsensitiveMultiMap().addAll(headers);
    copy.remove(HttpHeaders.COOKIE);
    return copy;
  }
}

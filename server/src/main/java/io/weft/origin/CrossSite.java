package io.weft.origin;

import io.vertx.core.MultiMap;
import io.vertx.core.net.HostAndPort;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Keeps other sites from acting with a visitor's cookies: a page elsewhere must not open a WebSocket
 * here as the visitor (cross-site WebSocket hijacking), nor post a form that changes state (CSRF).
 * Browsers say where a request comes from ({@code Origin}, {@code Sec-Fetch-Site}); a request from
 * this server's own pages or a configured origin passes. A request that names no origin at all does
 * not come from a browser page (browsers always send one on WebSockets and POSTs), so it passes too:
 * it carries no ambient cookies of a victim.
 */
public final class CrossSite {
  private final List<String> allowedOrigins;

  public CrossSite(List<String> allowedOrigins) {
    this.allowedOrigins = allowedOrigins;
  }

  /** Null if a request from where {@code headers} say may change state on {@code authority}, else why not. */
  public String problem(MultiMap headers, HostAndPort authority) {
    String origin = headers.get("Origin");
    String site = headers.get("Sec-Fetch-Site");
    if ("null".equals(origin) && "same-origin".equals(site)) {
      // A form on one of our own pages sent with Referrer-Policy: no-referrer (the invitation pages) posts
      // Origin: null; the browser's own Sec-Fetch-Site, which no page can set, says where it came from.
      return null;
    }
    if (origin != null) {
      return isSameOrigin(origin, authority) || allowedOrigins.contains(origin.toLowerCase(Locale.ROOT)) ? null
          : "Requests from " + abbreviate(origin) + " may not act on this server";
    }
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      return "Cross-site requests may not act on this server";
    }
    return null;
  }

  /** Whether {@code origin} ({@code scheme://host[:port]}) names the host and port the request was sent to. */
  static boolean isSameOrigin(String origin, HostAndPort authority) {
    if (authority == null) {
      return false;
    }
    try {
      URI uri = new URI(origin);
      if (uri.getHost() == null || uri.getScheme() == null) {
        return false;
      }
      int defaultPort = uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
      int originPort = uri.getPort() < 0 ? defaultPort : uri.getPort();
      int requestPort = authority.port() < 0 ? defaultPort : authority.port();
      return stripBrackets(uri.getHost()).equalsIgnoreCase(stripBrackets(authority.host())) && originPort == requestPort;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static String stripBrackets(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }
}

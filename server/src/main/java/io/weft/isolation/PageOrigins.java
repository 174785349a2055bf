package io.weft.isolation;

import io.vertx.core.net.HostAndPort;
import java.util.Locale;

/**
 * Which origin a request is on when every page has one of its own: the main origin
 * ({@code <pages.domain>}: login, accounts, invitations), a page's ({@code <label>.<pages.domain>}), or
 * another name the server answers to ({@code 127.0.0.1}), from which browsers are sent to the main one.
 * Ports are the request's own, so the origins are right behind a port mapping and with port 0.
 */
public final class PageOrigins {
  public enum Kind { MAIN, PAGE, OTHER }

  /** @param label the page label for a {@link Kind#PAGE} host, else null */
  public record Host(Kind kind, String label) {
  }

  private final String domain;
  private final String scheme;

  /** @param https whether browsers reach the server over HTTPS (auth.secureCookies) */
  public PageOrigins(String domain, boolean https) {
    this.domain = domain.toLowerCase(Locale.ROOT);
    this.scheme = https ? "https" : "http";
  }

  public String domain() {
    return domain;
  }

  public Host classify(HostAndPort authority) {
    if (authority == null || authority.host() == null) {
      return new Host(Kind.OTHER, null);
    }
    String host = authority.host().toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (host.equals(domain)) {
      return new Host(Kind.MAIN, null);
    }
    if (host.endsWith("." + domain)) {
      String label = host.substring(0, host.length() - domain.length() - 1);
      if (!label.isEmpty() && label.indexOf('.') < 0) {
        return new Host(Kind.PAGE, label);
      }
    }
    return new Host(Kind.OTHER, null);
  }

  /** The main origin, on the port the request came to. */
  public String main(HostAndPort authority) {
    return scheme + "://" + domain + port(authority);
  }

  /** The origin of page {@code id}, on the port the request came to. */
  public String page(String id, HostAndPort authority) {
    return scheme + "://" + PageLabels.of(id) + "." + domain + port(authority);
  }

  /** Whether {@code origin} (an {@code Origin} header) is the request's own host's origin or the main origin. */
  public boolean isOwnOrMain(String origin, HostAndPort authority) {
    if (origin == null || authority == null || authority.host() == null) {
      return false;
    }
    String o = origin.toLowerCase(Locale.ROOT);
    String own = scheme + "://" + authority.host().toLowerCase(Locale.ROOT) + port(authority);
    return o.equals(own) || o.equals(main(authority));
  }

  private String port(HostAndPort authority) {
    int port = authority == null ? -1 : authority.port();
    boolean isDefault = port < 0 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
    return isDefault ? "" : ":" + port;
  }
}

package io.weft.origin;

import io.vertx.core.net.HostAndPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keeps DNS rebinding out: a site whose name an attacker points at 127.0.0.1 makes the victim's browser
 * send requests here that the browser counts as same-origin to that site, so {@link CrossSite} passes
 * them. Such a request still names the attacker's host in {@code Host}; only requests naming a host this
 * server answers to ({@code http.allowedHosts} and the bind address) are served.
 */
public final class AllowedHosts {
  private final List<String> names;
  private final boolean any;

  /**
   * @param configured entries {@code name} (any port), {@code name:port}, {@code *.name} (any name under
   *     {@code name}, any port: the hosts of pages) or {@code *}, lower case
   */
  public AllowedHosts(List<String> configured, String bindAddress) {
    List<String> all = new ArrayList<>(configured);
    String bound = bindAddress.toLowerCase(Locale.ROOT);
    // A wildcard bind address is no name anyone sends; the configured names must say which are meant.
    if (!bound.equals("0.0.0.0") && !bound.equals("::") && !bound.equals("[::]")) {
      all.add(bound.indexOf(':') >= 0 && !bound.startsWith("[") ? "[" + bound + "]" : bound);
    }
    this.any = all.contains("*");
    this.names = List.copyOf(all);
  }

  /** Null if a request to {@code authority} (its {@code Host}) may be served, else why not, for people. */
  public String problem(HostAndPort authority) {
    if (any) {
      return null;
    }
    if (authority == null || authority.host() == null || authority.host().isEmpty()) {
      return "The request names no host (Host header)";
    }
    String host = authority.host().toLowerCase(Locale.ROOT);
    if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    String withPort = host + ":" + authority.port();
    for (String name : names) {
      if (name.equals(host) || (authority.port() >= 0 && name.equals(withPort))
          || (name.startsWith("*.") && host.endsWith(name.substring(1)))) {
        return null;
      }
    }
    String shown = host.length() <= 80 ? host : host.substring(0, 80) + "…";
    return "This server does not answer to the host name '" + shown + "' (see http.allowedHosts)";
  }
}

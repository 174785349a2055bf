package io.weft.isolation;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.net.HostAndPort;
import io.weft.auth.Authenticator;
import io.weft.auth.Caller;
import io.weft.auth.Sessions;
import io.weft.origin.CrossSite;
import java.util.List;

/**
 * Who a request or socket acts as, where it arrived. With pages isolated: on a page's origin, the page
 * session of that page only ({@value #PAGE_COOKIE}); on the main origin, the login; in both cases only
 * if the request comes from that origin or the main one ({@link RequestAuthority}), and never from a
 * cookie sent twice (one tossed by a page for the whole domain). In shared mode, as Webstrates: the
 * login, whatever page sent it.
 */
public final class PageCallers {
  public static final String PAGE_COOKIE = "weft_page";

  /** A socket's caller and the one document it acts on as that caller (null: every document). */
  public record SocketAuthority(Caller caller, String scope) {
  }

  private final boolean isolated;
  private final PageOrigins origins;
  private final Authenticator authenticator;
  private final Sessions sessions;
  private final CrossSite crossSite;

  public PageCallers(boolean isolated, PageOrigins origins, Authenticator authenticator, Sessions sessions,
      CrossSite crossSite) {
    this.isolated = isolated;
    this.origins = origins;
    this.authenticator = authenticator;
    this.sessions = sessions;
    this.crossSite = crossSite;
  }

  public boolean isolated() {
    return isolated;
  }

  public PageOrigins origins() {
    return origins;
  }

  /** The caller of a request about {@code docId} (null: about no document) with access token {@code token}. */
  public Future<Caller> caller(MultiMap headers, HostAndPort authority, String token, String docId) {
    if (!isolated) {
      return authenticator.caller(headers, token, docId);
    }
    boolean cookies = RequestAuthority.cookiesCount(headers, authority, origins);
    PageOrigins.Host host = origins.classify(authority);
    if (host.kind() != PageOrigins.Kind.PAGE) {
      boolean tossed = RequestAuthority.cookieValues(headers, Sessions.COOKIE).size() > 1;
      return authenticator.caller(cookies && !tossed ? headers : RequestAuthority.withoutCookies(headers), token, docId);
    }
    MultiMap bare = RequestAuthority.withoutCookies(headers);
    if (Authenticator.sessionToken(bare) != null || !cookies || docId == null
        || !host.label().equals(PageLabels.of(docId))) {
      return authenticator.caller(bare, token, docId);
    }
    return pageSession(headers, docId)
        .compose(caller -> authenticator.withToken(caller == null ? Caller.ANONYMOUS : caller, token, docId));
  }

  /** The page session a page origin's request carries for {@code docId}, or null if none is valid. */
  public Future<Caller> pageSession(MultiMap headers, String docId) {
    List<String> values = RequestAuthority.cookieValues(headers, PAGE_COOKIE);
    return values.size() == 1 ? sessions.verifyPage(values.get(0), docId) : Future.succeededFuture(null);
  }

  /** Why a WebSocket to {@code docId} arriving at {@code authority} is refused, or null if it is not. */
  public String socketProblem(MultiMap headers, HostAndPort authority, String docId) {
    if (!isolated) {
      return crossSite.problem(headers, authority);
    }
    PageOrigins.Host host = origins.classify(authority);
    if (host.kind() != PageOrigins.Kind.PAGE) {
      return crossSite.problem(headers, authority);
    }
    if (!host.label().equals(PageLabels.of(docId))) {
      return "A page's origin serves sockets for that page only";
    }
    String origin = headers.get("Origin");
    return origin == null || origins.isOwnOrMain(origin, authority) ? null
        : "Sockets to a page come from that page or the main origin only";
  }

  /**
   * A socket's authority: opened on a page's origin, it acts as the visitor on that page only (and as
   * anonymous on every other); elsewhere (the main origin, clients that are no browser page) on all.
   */
  public Future<SocketAuthority> socket(MultiMap headers, HostAndPort authority, String token, String docId) {
    String scope = isolated && origins.classify(authority).kind() == PageOrigins.Kind.PAGE ? docId : null;
    return caller(headers, authority, token, docId).map(caller -> new SocketAuthority(caller, scope));
  }
}

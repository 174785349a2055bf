package io.weft.auth;

import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.netty.handler.codec.http.cookie.Cookie;

/**
 * Finds the {@link Caller} of an HTTP request or WebSocket handshake: the session JWT from the cookie
 * or an {@code Authorization: Bearer} header, and an access token from {@code ?token=} for the
 * document the request is about. Anything that does not check out counts as not given: the caller
 * is then anonymous, and the permission checks that follow decide what that may do.
 */
public final class Authenticator {
  private static final String BEARER = "Bearer ";

  private final Sessions sessions;
  private final AccessTokens tokens;

  public Authenticator(Sessions sessions, AccessTokens tokens) {
    this.sessions = sessions;
    this.tokens = tokens;
  }

  /**
   * @param accessToken the {@code token} query parameter, or null
   * @param docId the document the request is about (the token must be for it), or null
   */
  public Future<Caller> caller(MultiMap headers, String accessToken, String docId) {
    Future<Caller> login = sessions.verify(sessionToken(headers)).map(c -> c == null ? Caller.ANONYMOUS : c);
    return login.compose(caller -> withToken(caller, accessToken, docId));
  }

  /** {@code caller}, acting with the access token {@code accessToken} on {@code docId} if it checks out. */
  public Future<Caller> withToken(Caller caller, String accessToken, String docId) {
    if (accessToken == null || docId == null) {
      return Future.succeededFuture(caller);
    }
    return tokens.resolve(accessToken, docId)
        .map(token -> token == null ? caller : new Caller(caller.user(), caller.sessionId(), token));
  }

  /** The session JWT a request carries: the Authorization header first (scripts), else the cookie. */
  public static String sessionToken(MultiMap headers) {
    String authorization = headers.get(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return authorization.substring(BEARER.length()).trim();
    }
    for (String header : headers.getAll(HttpHeaders.COOKIE)) {
      try {
        for (Cookie cookie : ServerCookieDecoder.LAX.decode(header)) {
          if (cookie.name().equals(Sessions.COOKIE) && !cookie.value().isEmpty()) {
            return cookie.value();
          }
        }
      } catch (IllegalArgumentException malformed) {
        // A mangled cookie header is as good as none.
      }
    }
    return null;
  }
}

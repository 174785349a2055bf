package io.weft.auth;

import io.weft.user.User;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.weft.config.WeftConfig;
import io.weft.store.SessionStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Login sessions. A session is a JWT (signed HS256 with the install's {@link SigningKey}) naming the
 * user and a session id, carried in an HttpOnly, SameSite=Lax cookie or as {@code Authorization:
 * Bearer}. The session id is also kept in storage until logout or expiry, so logging out ends the
 * session for every copy of the token, not just the browser's cookie.
 */
public final class Sessions {
  private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);
  public static final String COOKIE = "weft_session";
  /** The claim naming the page of a page session's JWT. */
  private static final String PAGE_CLAIM = "pg";
  private static final long SWEEP_MILLIS = 10 * 60 * 1000;

  private final SessionStore store;
  private final JWTAuth jwt;
  private final WeftConfig.Auth config;
  private final List<Consumer<String>> endListeners = new CopyOnWriteArrayList<>();

  private Sessions(SessionStore store, JWTAuth jwt, WeftConfig.Auth config) {
    this.store = store;
    this.jwt = jwt;
    this.config = config;
  }

  public static Sessions start(Vertx vertx, SessionStore store, WeftConfig.Auth config, String signingKey) {
    JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(signingKey)));
    Sessions sessions = new Sessions(store, jwt, config);
    vertx.setPeriodic(SWEEP_MILLIS, id -> sessions.sweep());
    return sessions;
  }

  /** Starts a session for {@code user}; completes with its JWT. */
  public Future<String> begin(User user) {
    String sessionId = Secrets.random(128);
    long now = System.currentTimeMillis();
    SessionStore.StoredSession session = new SessionStore.StoredSession(sessionId, user.username(), user.provider(),
        now, now + config.sessionHours() * 3_600_000L);
    JsonObject claims = new JsonObject()
        .put("sub", user.userId())
        .put("usr", user.username())
        .put("prv", user.provider())
        .put("dn", user.displayName())
        .put("sid", sessionId);
    String token = jwt.generateToken(claims, new JWTOptions().setAlgorithm("HS256")
        .setExpiresInSeconds(config.sessionHours() * 3600));
    // A random 128-bit id is never taken; if it were, the session would be someone else's.
    return store.insert(session).map(stored -> {
      if (!stored) {
        throw new IllegalStateException("session id taken");
      }
      return token;
    });
  }

  /** The caller a JWT stands for, or null if it is forged, expired or logged out. */
  public Future<Caller> verify(String token) {
    if (token == null || token.isEmpty() || token.length() > 4096) {
      return Future.succeededFuture(null);
    }
    return jwt.authenticate(new TokenCredentials(token)).compose(principal -> {
      JsonObject claims = principal.principal();
      String sessionId = claims.getString("sid");
      String username = claims.getString("usr");
      String provider = claims.getString("prv");
      // A page session's JWT is no login: it counts on its own page's origin only (verifyPage).
      if (claims.containsKey(PAGE_CLAIM) || sessionId == null || username == null || provider == null
          || provider.isEmpty()) {
        return Future.succeededFuture(null);
      }
      return store.findLive(sessionId, System.currentTimeMillis())
          .map(record -> record == null ? null : new Caller(
              new User(username, provider, claims.getString("dn", username)), sessionId, null));
    }, invalid -> Future.succeededFuture(null));
  }

  /**
   * The JWT of a page session: {@code caller} (its login, or anonymous) on page {@code docId} only,
   * for that page's own origin. It lives no longer than the login it came from (see {@link #verifyPage}).
   */
  public String pageToken(Caller caller, String docId) {
    JsonObject claims = new JsonObject().put(PAGE_CLAIM, docId);
    if (caller.isLoggedIn() && caller.sessionId() != null) {
      claims.put("sub", caller.user().userId()).put("usr", caller.user().username())
          .put("prv", caller.user().provider()).put("dn", caller.user().displayName()).put("sid", caller.sessionId());
    }
    return jwt.generateToken(claims, new JWTOptions().setAlgorithm("HS256")
        .setExpiresInSeconds(config.sessionHours() * 3600));
  }

  /**
   * The caller a page session's JWT stands for on page {@code docId}: anonymous for an anonymous page
   * session, null if the JWT is forged, expired, for another page, or its login has ended.
   */
  public Future<Caller> verifyPage(String token, String docId) {
    if (token == null || token.isEmpty() || token.length() > 4096) {
      return Future.succeededFuture(null);
    }
    return jwt.authenticate(new TokenCredentials(token)).compose(principal -> {
      JsonObject claims = principal.principal();
      if (!docId.equals(claims.getString(PAGE_CLAIM))) {
        return Future.succeededFuture(null);
      }
      String sessionId = claims.getString("sid");
      if (sessionId == null) {
        return Future.succeededFuture(Caller.ANONYMOUS);
      }
      String username = claims.getString("usr");
      String provider = claims.getString("prv");
      return store.findLive(sessionId, System.currentTimeMillis())
          .map(record -> record == null || username == null || provider == null ? null : new Caller(
              new User(username, provider, claims.getString("dn", username)), sessionId, null));
    }, invalid -> Future.succeededFuture(null));
  }

  /** Ends a session everywhere: its JWT stops working, and this process's sockets opened with it close. */
  public Future<Void> end(String sessionId) {
    return store.delete(sessionId).map(deleted -> {
      endListeners.forEach(l -> l.accept(sessionId));
      return null;
    });
  }

  /** {@code listener} gets the id of every session that ends in this process. */
  public void onEnded(Consumer<String> listener) {
    endListeners.add(listener);
  }

  /** The cookie carrying a new session's JWT. */
  public Cookie cookie(String token) {
    return baseCookie(token).setMaxAge(config.sessionHours() * 3600L);
  }

  /** The cookie that makes the browser forget its session. */
  public Cookie expiredCookie() {
    return baseCookie("").setMaxAge(0);
  }

  private Cookie baseCookie(String value) {
    return Cookie.cookie(COOKIE, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.LAX)
        .setSecure(config.secureCookies());
  }

  private void sweep() {
    store.deleteExpired(System.currentTimeMillis()).onFailure(e ->
        LOG.warn("removing expired sessions failed", e));
  }
}

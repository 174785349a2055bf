package io.weft.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.weft.config.WeftConfig;
import io.weft.store.AccessTokenStore;
import io.weft.store.SessionStore;

/**
 * Everything that says who a caller is: login sessions, access tokens, the authenticator over both,
 * and the socket ids that name their user.
 */
public record Identity(WeftConfig.Auth config, Sessions sessions, AccessTokens tokens, Authenticator authenticator,
    ConnectionIds connectionIds) {

  public static Future<Identity> start(Vertx vertx, SessionStore sessionStore, AccessTokenStore tokenStore,
      WeftConfig config) {
    return vertx.executeBlocking(() -> SigningKey.load(config.auth().secret(), config.data().dir())).map(key -> {
      Sessions sessions = Sessions.start(vertx, sessionStore, config.auth(), key);
      AccessTokens tokens = AccessTokens.start(vertx, tokenStore);
      return new Identity(config.auth(), sessions, tokens, new Authenticator(sessions, tokens), new ConnectionIds(key));
    });
  }
}

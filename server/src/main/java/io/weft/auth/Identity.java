package io.weft.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.weft.config.WeftConfig;
import io.weft.store.mongo.Records;

/**
 * Everything that says who a caller is: login sessions, access tokens, the authenticator over both,
 * and the socket ids that name their user.
 */
public record Identity(WeftConfig.Auth config, Sessions sessions, AccessTokens tokens, Authenticator authenticator,
    ConnectionIds connectionIds) {

  public static Future<Identity> start(Vertx vertx, Records records, WeftConfig config) {
    return vertx.executeBlocking(() -> SigningKey.load(config.auth().secret(), config.data().dir()))
        .compose(key -> Sessions.start(vertx, records, config.auth(), key)
            .compose(sessions -> AccessTokens.start(vertx, records)
                .map(tokens -> new Identity(config.auth(), sessions, tokens, new Authenticator(sessions, tokens),
                    new ConnectionIds(key)))));
  }
}

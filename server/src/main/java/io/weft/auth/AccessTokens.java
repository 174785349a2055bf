package io.weft.auth;

import io.weft.user.User;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.weft.store.mongo.Records;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-document access tokens (Webstrates' {@code ?token=}): a logged-in user mints one for a document,
 * and whoever holds it acts as that user there, over HTTP and WebSockets, until it expires or the
 * document's permission list changes. Only a hash of each token is stored.
 */
public final class AccessTokens {
  private static final Logger LOG = LoggerFactory.getLogger(AccessTokens.class);
  static final String COLLECTION = "accessTokens";
  private static final long SWEEP_MILLIS = 10 * 60 * 1000;
  /** Tokens are base64url of 256 bits: anything much longer is not one. */
  private static final int MAX_TOKEN_LENGTH = 128;

  private final Records records;

  private AccessTokens(Records records) {
    this.records = records;
  }

  public static Future<AccessTokens> start(Vertx vertx, Records records) {
    AccessTokens tokens = new AccessTokens(records);
    return records.createIndex(COLLECTION, Indexes.ascending("doc"), new IndexOptions()).map(v -> {
      vertx.setPeriodic(SWEEP_MILLIS, id -> tokens.sweep());
      return tokens;
    });
  }

  /** A new token and what it stands for; the token itself is shown once and never stored. */
  public record Minted(String token, AccessToken details) {
  }

  /** Mints a token acting as {@code user} on {@code docId} while its permission list has {@code fingerprint}. */
  public Future<Minted> mint(User user, String docId, String fingerprint, int seconds) {
    String token = Secrets.random(256);
    String id = Secrets.random(72);
    long now = System.currentTimeMillis();
    long expires = now + seconds * 1000L;
    Document record = new Document("_id", Secrets.hash(token))
        .append("tokenId", id)
        .append("doc", docId)
        .append("username", user.username())
        .append("provider", user.provider())
        .append("displayName", user.displayName())
        .append("fingerprint", fingerprint)
        .append("createdAt", new Date(now))
        .append("expiresAt", new Date(expires));
    return records.insert(COLLECTION, record).map(v -> new Minted(token, decode(record)));
  }

  /** The live token {@code token} for {@code docId}, or null (unknown, expired, or for another document). */
  public Future<AccessToken> resolve(String token, String docId) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH || docId == null) {
      return Future.succeededFuture(null);
    }
    return records.find(COLLECTION, Filters.and(Filters.eq("_id", Secrets.hash(token)), Filters.eq("doc", docId),
        Filters.gt("expiresAt", new Date()))).map(record -> record == null ? null : decode(record));
  }

  /** The unexpired tokens of a document whose permission list has {@code fingerprint}. */
  public Future<List<AccessToken>> list(String docId, String fingerprint) {
    return records.findAll(COLLECTION, Filters.and(Filters.eq("doc", docId), Filters.eq("fingerprint", fingerprint),
        Filters.gt("expiresAt", new Date()))).map(found -> found.stream().map(AccessTokens::decode).toList());
  }

  /**
   * Removes one token of a document by its public id, only if {@code mintedBy} minted it (null: whoever
   * did); completes with whether it existed.
   */
  public Future<Boolean> remove(String docId, String tokenId, User mintedBy) {
    Bson filter = Filters.and(Filters.eq("doc", docId), Filters.eq("tokenId", tokenId));
    if (mintedBy != null) {
      filter = Filters.and(filter, Filters.eq("username", mintedBy.username()),
          Filters.eq("provider", mintedBy.provider()));
    }
    return records.delete(COLLECTION, filter).map(n -> n > 0);
  }

  /** The document's permission list changed: its tokens minted under any other list are dead; delete them. */
  public Future<Long> removeStale(String docId, String fingerprint) {
    return records.delete(COLLECTION, Filters.and(Filters.eq("doc", docId), Filters.ne("fingerprint", fingerprint)));
  }

  private static AccessToken decode(Document record) {
    return new AccessToken(record.getString("tokenId"), record.getString("doc"),
        new User(record.getString("username"), record.getString("provider"), record.getString("displayName")),
        record.getString("fingerprint"), record.getDate("expiresAt").getTime());
  }

  private void sweep() {
    records.delete(COLLECTION, Filters.lt("expiresAt", new Date())).onFailure(e ->
        LOG.warn("removing expired access tokens failed", e));
  }
}

package io.weft.store.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.vertx.core.Future;
import io.weft.store.AccessTokenStore;
import io.weft.user.User;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Access tokens in the {@code accessTokens} collection, each record's id the hash of its token. */
public final class MongoAccessTokenStore implements AccessTokenStore {
  static final String COLLECTION = "accessTokens";

  private final Records records;

  MongoAccessTokenStore(Records records) {
    this.records = records;
  }

  Future<Void> createIndexes() {
    return records.createIndex(COLLECTION, Indexes.ascending("doc"), new IndexOptions());
  }

  @Override
  public Future<Boolean> insert(StoredAccessToken token) {
    return records.insert(COLLECTION, new Document("_id", token.hash())
        .append("tokenId", token.id())
        .append("doc", token.docId())
        .append("username", token.user().username())
        .append("provider", token.user().provider())
        .append("displayName", token.user().displayName())
        .append("fingerprint", token.fingerprint())
        .append("createdAt", new Date(token.createdAtMillis()))
        .append("expiresAt", new Date(token.expiresAtMillis())));
  }

  @Override
  public Future<StoredAccessToken> findLive(String hash, String docId, long nowMillis) {
    return records.find(COLLECTION, Filters.and(Filters.eq("_id", hash), Filters.eq("doc", docId),
        Filters.gt("expiresAt", new Date(nowMillis)))).map(r -> r == null ? null : decode(r));
  }

  @Override
  public Future<List<StoredAccessToken>> listLive(String docId, String fingerprint, long nowMillis) {
    return records.findAll(COLLECTION, Filters.and(Filters.eq("doc", docId), Filters.eq("fingerprint", fingerprint),
        Filters.gt("expiresAt", new Date(nowMillis)))).map(found -> found.stream().map(MongoAccessTokenStore::decode).toList());
  }

  @Override
  public Future<Boolean> delete(String docId, String id, User mintedBy) {
    Bson filter = Filters.and(Filters.eq("doc", docId), Filters.eq("tokenId", id));
    if (mintedBy != null) {
      filter = Filters.and(filter, Filters.eq("username", mintedBy.username()),
          Filters.eq("provider", mintedBy.provider()));
    }
    return records.delete(COLLECTION, filter).map(n -> n > 0);
  }

  @Override
  public Future<Long> deleteStale(String docId, String fingerprint) {
    return records.delete(COLLECTION, Filters.and(Filters.eq("doc", docId), Filters.ne("fingerprint", fingerprint)));
  }

  @Override
  public Future<Long> deleteExpired(long nowMillis) {
    return records.delete(COLLECTION, Filters.lt("expiresAt", new Date(nowMillis)));
  }

  private static StoredAccessToken decode(Document r) {
    return new StoredAccessToken(r.getString("_id"), r.getString("tokenId"), r.getString("doc"),
        new User(r.getString("username"), r.getString("provider"), r.getString("displayName")),
        r.getString("fingerprint"), r.getDate("createdAt").getTime(), r.getDate("expiresAt").getTime());
  }
}

package io.weft.store.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.vertx.core.Future;
import io.weft.store.SessionStore;
import java.util.Date;
import org.bson.Document;

/** Sessions in the {@code sessions} collection, one record per session id, with its expiry as a date. */
public final class MongoSessionStore implements SessionStore {
  static final String COLLECTION = "sessions";

  private final Records records;

  MongoSessionStore(Records records) {
    this.records = records;
  }

  Future<Void> createIndexes() {
    return records.createIndex(COLLECTION, Indexes.ascending("expiresAt"), new IndexOptions());
  }

  @Override
  public Future<Boolean> insert(StoredSession session) {
    return records.insert(COLLECTION, new Document("_id", session.id())
        .append("username", session.username())
        .append("provider", session.provider())
        .append("createdAt", new Date(session.createdAtMillis()))
        .append("expiresAt", new Date(session.expiresAtMillis())));
  }

  @Override
  public Future<StoredSession> findLive(String id, long nowMillis) {
    return records.find(COLLECTION, Filters.and(Filters.eq("_id", id), Filters.gt("expiresAt", new Date(nowMillis))))
        .map(r -> r == null ? null : new StoredSession(r.getString("_id"), r.getString("username"),
            r.getString("provider"), r.getDate("createdAt").getTime(), r.getDate("expiresAt").getTime()));
  }

  @Override
  public Future<Boolean> delete(String id) {
    return records.delete(COLLECTION, Filters.eq("_id", id)).map(n -> n > 0);
  }

  @Override
  public Future<Long> deleteExpired(long nowMillis) {
    return records.delete(COLLECTION, Filters.lt("expiresAt", new Date(nowMillis)));
  }
}

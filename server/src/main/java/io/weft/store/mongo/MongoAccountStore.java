package io.weft.store.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.vertx.core.Future;
import io.weft.store.AccountStore;
import java.util.Date;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts in the {@code users} collection: the record id is the username's key, and the email sits
 * under a unique index.
 */
public final class MongoAccountStore implements AccountStore {
  private static final Logger LOG = LoggerFactory.getLogger(MongoAccountStore.class);
  static final String COLLECTION = "users";

  private final Records records;
  /**
   * The unique email index: writes and look-ups of taken keys wait for it, so no two accounts ever share
   * an email. If it cannot be built (a database already holding two accounts with one email), the
   * server still starts and serves logins; sign-ups fail.
   */
  private volatile Future<Void> emailIndex = Future.failedFuture(new IllegalStateException("the accounts are not open yet"));

  MongoAccountStore(Records records) {
    this.records = records;
  }

  /** Starts building the unique email index; completes when it is built. */
  Future<Void> createIndexes() {
    emailIndex = records.createIndex(COLLECTION, Indexes.ascending("email"), new IndexOptions().unique(true))
        .onFailure(e -> LOG.error("creating the unique email index of {} failed; sign-ups will fail", COLLECTION, e));
    return emailIndex;
  }

  @Override
  public Future<Boolean> isTaken(String key, String email) {
    return emailIndex.compose(v -> records.count(COLLECTION,
        Filters.or(Filters.eq("_id", key), Filters.eq("email", email)))).map(n -> n > 0);
  }

  @Override
  public Future<Boolean> insert(StoredAccount account) {
    return emailIndex.compose(v -> records.insert(COLLECTION, new Document("_id", account.key())
        .append("username", account.username())
        .append("email", account.email())
        .append("passwordHash", account.passwordHash())
        .append("createdAt", new Date(account.createdAtMillis()))));
  }

  @Override
  public Future<StoredAccount> byKey(String key) {
    return records.find(COLLECTION, Filters.eq("_id", key)).map(MongoAccountStore::decode);
  }

  @Override
  public Future<StoredAccount> byEmail(String email) {
    return records.find(COLLECTION, Filters.eq("email", email)).map(MongoAccountStore::decode);
  }

  private static StoredAccount decode(Document r) {
    if (r == null) {
      return null;
    }
    Date created = r.getDate("createdAt");
    return new StoredAccount(r.getString("_id"), r.getString("username"), r.getString("email"),
        r.getString("passwordHash"), created == null ? 0 : created.getTime());
  }
}

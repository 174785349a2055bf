package io.weft.store.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import io.weft.store.Letter;
import io.weft.store.OutboxStore;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/** Queued mails in the {@code mailOutbox} collection; a lease is one conditional update. */
public final class MongoOutboxStore implements OutboxStore {
  static final String OUTBOX = "mailOutbox";

  private final Records records;

  MongoOutboxStore(Records records) {
    this.records = records;
  }

  Future<Void> createIndexes() {
    return records.createIndex(OUTBOX, Indexes.ascending("nextAttemptAt"), new IndexOptions());
  }

  @Override
  public Future<Boolean> insert(StoredMail mail) {
    return records.insert(OUTBOX, new Document("_id", mail.id())
        .append("tag", mail.tag())
        .append("to", mail.letter().to())
        .append("subject", mail.letter().subject())
        .append("text", mail.letter().text())
        .append("html", mail.letter().html())
        .append("attempts", mail.attempts())
        .append("nextAttemptAt", new Date(mail.nextAttemptAtMillis()))
        .append("leaseUntil", new Date(mail.leaseUntilMillis()))
        .append("createdAt", new Date(mail.createdAtMillis())));
  }

  @Override
  public Future<List<StoredMail>> due(long dueByMillis, long nowMillis, int limit) {
    return records.findAll(OUTBOX, Filters.and(Filters.lte("nextAttemptAt", new Date(dueByMillis)),
            Filters.lte("leaseUntil", new Date(nowMillis))))
        .map(found -> found.stream().map(MongoOutboxStore::mail)
            .sorted(Comparator.comparingLong(StoredMail::createdAtMillis)).limit(limit).toList());
  }

  @Override
  public Future<StoredMail> lease(String id, int attempts, long dueByMillis, long nowMillis, long untilMillis) {
    return records.update(OUTBOX, Filters.and(Filters.eq("_id", id), Filters.eq("attempts", attempts),
            Filters.lte("nextAttemptAt", new Date(dueByMillis)), Filters.lte("leaseUntil", new Date(nowMillis))),
        Updates.set("leaseUntil", new Date(untilMillis))).map(MongoOutboxStore::mail);
  }

  @Override
  public Future<Boolean> retryLater(String id, int attempts, long nextAttemptAtMillis) {
    return records.update(OUTBOX, Filters.eq("_id", id), Updates.combine(Updates.set("attempts", attempts),
            Updates.set("nextAttemptAt", new Date(nextAttemptAtMillis)), Updates.set("leaseUntil", new Date(0))))
        .map(r -> r != null);
  }

  @Override
  public Future<Boolean> delete(String id) {
    return records.delete(OUTBOX, Filters.eq("_id", id)).map(n -> n > 0);
  }

  @Override
  public Future<Long> deleteTagged(String tag) {
    return records.delete(OUTBOX, Filters.eq("tag", tag));
  }

  private static StoredMail mail(Document r) {
    if (r == null) {
      return null;
    }
    return new StoredMail(r.getString("_id"), r.getString("tag"), new Letter(r.getString("to"),
        r.getString("subject"), r.getString("text"), r.getString("html")), r.get("attempts", Number.class).intValue(),
        r.getDate("nextAttemptAt").getTime(), r.getDate("leaseUntil").getTime(), r.getDate("createdAt").getTime());
  }
}

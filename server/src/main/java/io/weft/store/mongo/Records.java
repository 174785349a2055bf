package io.weft.store.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The small collections beside the documents (accounts, sessions, access tokens, invites), with every
 * acknowledged write as durable as an op: on the embedded store each write is journaled before it
 * completes, as commits are, and put back at start-up if the store's file missed it.
 *
 * <p>Updated records carry a revision, {@code _rev}, raised by every update, so replaying the journal
 * never lets an older state of a record overwrite a newer one, whatever order concurrent updates were
 * journaled in. Deletes are journaled as their filter: callers use filters that stay true of the records
 * they meant (an id, or an expiry in the past).
 */
final class Records {
  static final String REVISION = "_rev";
  private static final String INSERT = "$insert";
  private static final String PUT = "$put";
  private static final String DELETE = "$delete";

  private final Reactive reactive;
  private final MongoDatabase database;
  private final Durability durability;
  private final WriteGate gate;
  private final boolean plainIndexes;

  /**
   * @param plainIndexes whether the database builds non-unique indexes (the embedded server does not:
   *     it scans instead, and warns on every start if asked)
   */
  Records(Reactive reactive, MongoDatabase database, Durability durability, WriteGate gate, boolean plainIndexes) {
    this.reactive = reactive;
    this.database = database;
    this.durability = durability;
    this.gate = gate;
    this.plainIndexes = plainIndexes;
  }

  private MongoCollection<Document> collection(String name) {
    return database.getCollection(name);
  }

  /** Creates an index; a non-unique one only where the database builds them (it is a speed-up, not a rule). */
  Future<Void> createIndex(String collection, Bson keys, IndexOptions options) {
    if (!options.isUnique() && !plainIndexes) {
      return Future.succeededFuture();
    }
    return reactive.first(collection(collection).createIndex(keys, options)).mapEmpty();
  }

  /** The first record matching {@code filter}, or null. */
  Future<Document> find(String collection, Bson filter) {
    return reactive.first(collection(collection).find(filter).first());
  }

  Future<List<Document>> findAll(String collection, Bson filter) {
    return reactive.all(collection(collection).find(filter));
  }

  Future<Long> count(String collection, Bson filter) {
    return reactive.first(collection(collection).countDocuments(filter));
  }

  /** Inserts a new record; completes with false, storing nothing, if its id or a unique key is taken. */
  Future<Boolean> insert(String collection, Document record) {
    record.putIfAbsent(REVISION, 0L);
    return gate.write(() -> reactive.first(collection(collection).insertOne(record)).map(true))
        .recover(e -> isDuplicateKey(e) ? Future.succeededFuture(false) : Future.failedFuture(e))
        .compose(inserted -> !inserted ? Future.succeededFuture(false)
            : durability.persist(new Document(INSERT, collection).append("record", record)).map(true));
  }

  /**
   * Updates the first record matching {@code filter} in one atomic step (the filter is its condition);
   * completes with the record as updated, or null if none matched.
   */
  Future<Document> update(String collection, Bson filter, Bson update) {
    FindOneAndUpdateOptions options = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);
    Bson revised = Updates.combine(update, Updates.inc(REVISION, 1L));
    return gate.write(() -> reactive.first(collection(collection).findOneAndUpdate(filter, revised, options)))
        .compose(after -> after == null ? Future.succeededFuture(null)
            : durability.persist(new Document(PUT, collection).append("record", after)).map(after));
  }

  /** Deletes every record matching {@code filter}; completes with how many went. */
  Future<Long> delete(String collection, Bson filter) {
    Document journaled = new Document(DELETE, collection).append("filter", filter.toBsonDocument());
    return gate.write(() -> reactive.first(collection(collection).deleteMany(filter)))
        .compose(result -> result.getDeletedCount() == 0 ? Future.succeededFuture(0L)
            : durability.persist(journaled).map(result.getDeletedCount()));
  }

  /**
   * Start-up recovery of one journal entry: a commit record of the op log, or a record write. Each is
   * idempotent: replaying a write the store kept changes nothing.
   */
  static void replay(MongoDatabase database, Document entry) {
    if (entry.containsKey(INSERT)) {
      insertIgnoringDuplicate(database.getCollection(entry.getString(INSERT)), entry.get("record", Document.class));
    } else if (entry.containsKey(PUT)) {
      Document record = entry.get("record", Document.class);
      MongoCollection<Document> collection = database.getCollection(entry.getString(PUT));
      long revision = record.get(REVISION, Number.class).longValue();
      var replaced = Reactive.await(collection.replaceOne(
          Filters.and(Filters.eq("_id", record.get("_id")), Filters.lt(REVISION, revision)), record,
          new ReplaceOptions()));
      if (replaced.getMatchedCount() == 0) {
        insertIgnoringDuplicate(collection, record);
      }
    } else if (entry.containsKey(DELETE)) {
      Reactive.await(database.getCollection(entry.getString(DELETE)).deleteMany(entry.get("filter", Document.class)));
    } else {
      insertIgnoringDuplicate(database.getCollection("ops"), entry);
    }
  }

  private static void insertIgnoringDuplicate(MongoCollection<Document> collection, Document record) {
    try {
      Reactive.await(collection.insertOne(record));
    } catch (CompletionException e) {
      if (!isDuplicateKey(e.getCause())) {
        throw e;
      }
    }
  }

  static boolean isDuplicateKey(Throwable e) {
    return e instanceof MongoWriteException w && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
  }
}

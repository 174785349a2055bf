package io.weft.store.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * Inserts the commit records of many documents together, and makes them durable: records that arrive
 * while an insert is running share the next one ({@link GroupCommit}), an unordered {@code insertMany},
 * so a busy server makes one round trip to the store for many documents' commits rather than one each. Each record
 * still succeeds or is refused as a duplicate on its own (a conflict for its document only). Stored
 * records go to the journal straight from the driver's thread, saving a turn of the event loop.
 */
final class GroupedInserts {
  /** Records per insertMany: bounds how long one group keeps the next waiting (the driver splits by size). */
  private static final int MAX_GROUP = 256;
  private static final InsertManyOptions UNORDERED = new InsertManyOptions().ordered(false);

  private final Vertx vertx;
  private final MongoCollection<Document> collection;
  private final WriteGate gate;
  private final Durability durability;
  private final GroupCommit<Pending> groups = new GroupCommit<>(MAX_GROUP);

  private record Pending(Document record, Context context, Promise<Boolean> inserted) {
  }

  GroupedInserts(Vertx vertx, MongoCollection<Document> collection, WriteGate gate, Durability durability) {
    this.vertx = vertx;
    this.collection = collection;
    this.gate = gate;
    this.durability = durability;
  }

  /** Completes with true once the record is stored and durable, false if its _id was taken already. */
  Future<Boolean> insert(Document record) {
    Context context = vertx.getOrCreateContext();
    Promise<Boolean> inserted = Promise.promise();
    if (groups.join(new Pending(record, context, inserted))) {
      insertNextGroup();
    }
    return inserted.future();
  }

  private void insertNextGroup() {
    List<Pending> group = groups.next();
    if (group == null) {
      return;
    }
    List<Document> records = new ArrayList<>(group.size());
    group.forEach(p -> records.add(p.record()));
    gate.write(() -> {
      Promise<Void> done = Promise.promise();
      collection.insertMany(records, UNORDERED).subscribe(Reactive.completing(done));
      return done.future();
    }).onComplete(ar -> {
      settle(group, ar.succeeded() ? null : ar.cause());
      insertNextGroup();
    });
  }

  private void settle(List<Pending> group, Throwable error) {
    Set<Integer> duplicates = new HashSet<>();
    if (error instanceof MongoBulkWriteException bulk && bulk.getWriteConcernError() == null) {
      for (BulkWriteError e : bulk.getWriteErrors()) {
        if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
          duplicates = null;
          break;
        }
        duplicates.add(e.getIndex());
      }
      if (duplicates != null) {
        error = null;
      }
    }
    for (int i = 0; i < group.size(); i++) {
      Pending p = group.get(i);
      if (error != null) {
        Throwable failed = error;
        p.context().runOnContext(v -> p.inserted().fail(failed));
      } else if (duplicates.contains(i)) {
        p.context().runOnContext(v -> p.inserted().complete(false));
      } else {
        // Back on the caller's context, as every store future is.
        durability.persist(p.record(), p.context()).onComplete(ar -> p.context().runOnContext(v -> {
          if (ar.succeeded()) {
            p.inserted().complete(true);
          } else {
            p.inserted().fail(ar.cause());
          }
        }));
      }
    }
  }
}

package io.weft.store.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.weft.store.CommitOutcome;
import io.weft.store.DocKey;
import io.weft.store.DocumentStore;
import io.weft.store.Snapshot;
import io.weft.store.StoredOp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * {@link DocumentStore} on MongoDB (or the embedded wire-compatible server). Three collections:
 * {@code ops} (the log, keyed by document and version), {@code snapshots} (one current snapshot per
 * document, replaced compare-and-set on its version) and {@code milestones} (insert-only history).
 * Every query is a primary-key lookup, which both MongoDB and the embedded server answer from an index.
 */
public final class MongoDocumentStore implements DocumentStore {
  /** Most ops in one commit record; bounds how far back the record holding a version can start. */
  public static final int MAX_BATCH_OPS = 1024;
  /** Record ids looked up per query when reading the log: first a few, more as a long chain goes on. */
  private static final int FIRST_QUERY_IDS = 32;
  private static final int RECORD_IDS_PER_QUERY = 1024;
  private static final int SNAPSHOT_CAS_ATTEMPTS = 5;

  private final Reactive reactive;
  private final MongoClient client;
  private final Durability durability;
  private final WriteGate gate;
  private final Runnable onClose;
  private final MongoCollection<Document> ops;
  private final GroupedInserts inserts;
  private final MongoCollection<Document> snapshots;
  private final MongoCollection<Document> milestones;

  MongoDocumentStore(Vertx vertx, Reactive reactive, MongoClient client, MongoDatabase database,
      Durability durability, WriteGate gate, Runnable onClose) {
    this.reactive = reactive;
    this.gate = gate;
    this.client = client;
    this.durability = durability;
    this.onClose = onClose;
    this.ops = database.getCollection("ops");
    this.inserts = new GroupedInserts(vertx, ops, gate, durability);
    this.snapshots = database.getCollection("snapshots");
    this.milestones = database.getCollection("milestones");
  }

  /** The compare-and-set of snapshot writes filters on _id and v together: index that pair. */
  Future<Void> createIndexes() {
    return reactive.first(snapshots.createIndex(Indexes.ascending("_id", "v"), new IndexOptions().unique(true)))
        .mapEmpty();
  }

  @Override
  public Future<Snapshot> latestSnapshot(DocKey key) {
    return reactive.first(snapshots.find(Filters.eq("_id", OpCodec.snapshotId(key))).first())
        .map(doc -> doc == null ? Snapshot.NONE : OpCodec.decodeSnapshot(doc));
  }

  @Override
  public Future<List<StoredOp>> ops(DocKey key, long from, long to) {
    List<StoredOp> result = new ArrayList<>();
    if (from >= to) {
      return Future.succeededFuture(result);
    }
    // Most reads start where a record starts (a snapshot, a milestone, a document's head): look there
    // first, in a small window, and search back for the record holding `from` only if none starts there.
    return readChain(key, from, from, to, FIRST_QUERY_IDS, result).compose(found -> found || from == 0
        ? Future.succeededFuture(result)
        : readChain(key, Math.max(0, from - MAX_BATCH_OPS + 1), from, to, MAX_BATCH_OPS + FIRST_QUERY_IDS, result)
            .map(v -> result));
  }

  @Override
  public Future<List<StoredOp>> opsAfterBoundary(DocKey key, long boundary) {
    List<StoredOp> result = new ArrayList<>();
    return readChain(key, boundary, boundary, Long.MAX_VALUE, FIRST_QUERY_IDS, result).map(found -> result);
  }

  /**
   * Reads the commit records whose first version lies in [lo, lo + width): one lookup of every id in
   * the range finds exactly the records starting there. Follows the chain from the record holding
   * {@code from}; a chain that leaves the range continues with a wider range. Completes with whether
   * the record holding {@code from} was found.
   */
  private Future<Boolean> readChain(DocKey key, long lo, long from, long to, int width, List<StoredOp> into) {
    long hi = lo + width;
    List<String> ids = new ArrayList<>(width);
    for (long v = lo; v < hi; v++) {
      ids.add(OpCodec.recordId(key, v));
    }
    return reactive.all(ops.find(Filters.in("_id", ids))).compose(records -> {
      Map<Long, Document> byStart = new HashMap<>();
      Document current = null;
      for (Document record : records) {
        byStart.put(OpCodec.start(record), record);
        if (OpCodec.start(record) <= from && OpCodec.end(record) > from) {
          current = record;
        }
      }
      if (current == null) {
        return Future.succeededFuture(false);
      }
      long next = from;
      while (current != null && next < to) {
        for (StoredOp op : OpCodec.decodeRecord(current)) {
          if (op.version() >= next && op.version() < to) {
            into.add(op);
          }
        }
        next = OpCodec.end(current);
        current = byStart.get(next);
      }
      // The chain ran past this range (rather than ending inside it): read on from where it left.
      return next >= hi && next < to
          ? readChain(key, next, next, to, Math.min(width * 4, RECORD_IDS_PER_QUERY), into).map(true)
          : Future.succeededFuture(true);
    });
  }

  @Override
  public Future<CommitOutcome> commit(DocKey key, List<StoredOp> batch) {
    if (batch.isEmpty() || batch.size() > MAX_BATCH_OPS) {
      throw new IllegalArgumentException("a commit holds 1 to " + MAX_BATCH_OPS + " ops, not " + batch.size());
    }
    Document record = OpCodec.encodeRecord(key, batch);
    return inserts.insert(record).map(stored -> stored ? new CommitOutcome(batch.size(), false)
        : new CommitOutcome(0, true));
  }

  @Override
  public Future<Long> saveSnapshot(DocKey key, long expectedVersion, Snapshot snapshot) {
    // Encoded now, once: the caller's data may change as soon as this returns, retries included.
    String id = OpCodec.snapshotId(key);
    return casSnapshot(key, expectedVersion, snapshot.version(), OpCodec.encodeSnapshot(id, key, snapshot),
        SNAPSHOT_CAS_ATTEMPTS);
  }

  private Future<Long> casSnapshot(DocKey key, long expected, long version, Document doc, int attemptsLeft) {
    String id = doc.getString("_id");
    Future<Boolean> written = expected < 0
        ? gate.write(() -> reactive.first(snapshots.insertOne(doc))).map(r -> true).recover(e -> Records.isDuplicateKey(e)
            ? Future.succeededFuture(false) : Future.failedFuture(e))
        : gate.write(() -> reactive.first(snapshots.replaceOne(
            Filters.and(Filters.eq("_id", id), Filters.eq("v", expected)), doc)))
            .map(r -> r.getMatchedCount() == 1);
    return written.compose(ok -> {
      if (ok) {
        return Future.succeededFuture(version);
      }
      // Someone else moved it: keep theirs if it is at least as new, else try again from theirs.
      return latestStoredVersion(id).compose(current -> {
        if (current >= version || attemptsLeft <= 1) {
          return Future.succeededFuture(current);
        }
        return casSnapshot(key, current, version, doc, attemptsLeft - 1);
      });
    });
  }

  private Future<Long> latestStoredVersion(String id) {
    return reactive.first(snapshots.find(Filters.eq("_id", id)).projection(new Document("v", 1)).first())
        .map(doc -> doc == null ? -1L : doc.get("v", Number.class).longValue());
  }

  @Override
  public Future<Void> saveMilestone(DocKey key, Snapshot snapshot, int every) {
    Document doc = OpCodec.encodeSnapshot(OpCodec.recordId(key, snapshot.version() / every), key, snapshot);
    return gate.write(() -> reactive.first(milestones.insertOne(doc))).<Void>mapEmpty()
        .recover(e -> Records.isDuplicateKey(e) ? Future.succeededFuture() : Future.failedFuture(e));
  }

  @Override
  public Future<Snapshot> milestoneAtOrBefore(DocKey key, long version, int every) {
    return milestoneInBucket(key, version, version / every, every);
  }

  private Future<Snapshot> milestoneInBucket(DocKey key, long version, long bucket, int every) {
    if (bucket <= 0) {
      return Future.succeededFuture(Snapshot.NONE);
    }
    return reactive.first(milestones.find(Filters.eq("_id", OpCodec.recordId(key, bucket))).first())
        .compose(doc -> {
          Snapshot found = doc == null ? null : OpCodec.decodeSnapshot(doc);
          // Missing (the server stopped before writing it) or past the version asked for: look further back.
          return found != null && found.version() <= version ? Future.succeededFuture(found)
              : milestoneInBucket(key, version, bucket - 1, every);
        });
  }

  @Override
  public Future<Void> close() {
    client.close();
    onClose.run();
    return Future.succeededFuture();
  }
}

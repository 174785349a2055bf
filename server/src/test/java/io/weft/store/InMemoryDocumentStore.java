package io.weft.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.weft.json.Json;
import io.weft.ot.Json0;
import io.weft.ot.OtException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A {@link DocumentStore} in memory, for in-process tests of everything above storage. It keeps the
 * contract {@code DocumentStoreContract} checks, stores JSON text (so nothing a caller changes later leaks
 * in or out, as with a real database), and answers on the caller's context a turn later, as a real store
 * answers after a round trip, so submissions arriving meanwhile queue up behind the commit in flight.
 *
 * <p>{@link #beforeNextCommit} lets a test play another process sharing the database: its action runs
 * just before the next commit is applied, and may commit to the same document first, so that commit
 * loses the race for its version.
 */
public final class InMemoryDocumentStore implements DocumentStore {
  /** One committed op as stored: its fields and its JSON text, decoded afresh on every read. */
  private record Entry(long version, String src, long seq, String opJson, String createType, String createJson,
      long timestamp) {
    StoredOp decode() {
      if (createType != null) {
        return StoredOp.create(version, src, seq, createType, createJson, timestamp);
      }
      try {
        return StoredOp.edit(version, src, seq, Json0.parse(Json.parse(opJson)), opJson, timestamp);
      } catch (OtException e) {
        throw new IllegalStateException("stored op " + version + " is not json0", e);
      }
    }
  }

  private record StoredSnapshot(long version, String type, String json) {
    Snapshot decode() {
      return new Snapshot(version, type, type == null ? null : Json.parse(json));
    }
  }

  private final Map<DocKey, List<Entry>> logs = new HashMap<>();
  private final Map<DocKey, StoredSnapshot> snapshots = new HashMap<>();
  private final Map<DocKey, TreeMap<Long, StoredSnapshot>> milestones = new HashMap<>();
  private Consumer<List<StoredOp>> beforeNextCommit;
  private int commits;
  private Future<Void> readsWaitFor = Future.succeededFuture();

  /**
   * Runs {@code rival} once, just before the next commit (given its ops) is applied; whatever it
   * commits itself is applied first.
   */
  public synchronized void beforeNextCommit(Consumer<List<StoredOp>> rival) {
    beforeNextCommit = rival;
  }

  /**
   * Holds every {@link #ops} read until {@code gate} completes, as a slow storage would; complete it on
   * the reader's context, which is where the answer then arrives.
   */
  public synchronized void holdReadsUntil(Future<Void> gate) {
    readsWaitFor = gate;
  }

  /** How many commits were offered, won or lost. */
  public synchronized int commits() {
    return commits;
  }

  @Override
  public Future<Snapshot> latestSnapshot(DocKey key) {
    return answer(() -> {
      StoredSnapshot stored = snapshots.get(key);
      return stored == null ? Snapshot.NONE : stored.decode();
    });
  }

  @Override
  public Future<List<StoredOp>> ops(DocKey key, long from, long to) {
    Future<Void> gate;
    synchronized (this) {
      gate = readsWaitFor;
    }
    return gate.compose(v -> answer(() -> {
      List<StoredOp> out = new ArrayList<>();
      for (Entry e : logs.getOrDefault(key, List.of())) {
        if (e.version() >= from && e.version() < to) {
          out.add(e.decode());
        }
      }
      return out;
    }));
  }

  @Override
  public Future<List<StoredOp>> opsAfterBoundary(DocKey key, long boundary) {
    return ops(key, boundary, Long.MAX_VALUE);
  }

  @Override
  public Future<CommitOutcome> commit(DocKey key, List<StoredOp> ops) {
    if (ops.isEmpty()) {
      throw new IllegalArgumentException("a commit holds at least one op");
    }
    Consumer<List<StoredOp>> rival;
    synchronized (this) {
      commits++;
      rival = beforeNextCommit;
      beforeNextCommit = null;
    }
    if (rival != null) {
      rival.accept(ops);
    }
    return answer(() -> {
      List<Entry> log = logs.computeIfAbsent(key, k -> new ArrayList<>());
      long first = ops.get(0).version();
      if (first < log.size()) {
        return new CommitOutcome(0, true);
      }
      if (first > log.size()) {
        throw new IllegalStateException("commit at " + first + " would leave a gap after " + log.size() + " in " + key);
      }
      for (int i = 0; i < ops.size(); i++) {
        StoredOp op = ops.get(i);
        if (op.version() != first + i) {
          throw new IllegalArgumentException("versions of a commit must be consecutive: " + op.version());
        }
        log.add(new Entry(op.version(), op.src(), op.seq(), op.opJson(), op.createType(), op.createJson(),
            op.timestamp()));
      }
      return new CommitOutcome(ops.size(), false);
    });
  }

  @Override
  public Future<Long> saveSnapshot(DocKey key, long expectedVersion, Snapshot snapshot) {
    // Encoded now: the caller's data may change as soon as this returns.
    StoredSnapshot offered = encode(snapshot);
    return answer(() -> {
      StoredSnapshot current = snapshots.get(key);
      long currentVersion = current == null ? -1 : current.version();
      // A compare-and-set on the expected version; a stale expectation still gets a newer snapshot in.
      if (currentVersion == expectedVersion || currentVersion < offered.version()) {
        snapshots.put(key, offered);
        return offered.version();
      }
      return currentVersion;
    });
  }

  @Override
  public Future<Void> saveMilestone(DocKey key, Snapshot snapshot, int every) {
    StoredSnapshot offered = encode(snapshot);
    return answer(() -> {
      milestones.computeIfAbsent(key, k -> new TreeMap<>()).putIfAbsent(offered.version() / every, offered);
      return null;
    });
  }

  @Override
  public Future<Snapshot> milestoneAtOrBefore(DocKey key, long version, int every) {
    return answer(() -> {
      TreeMap<Long, StoredSnapshot> buckets = milestones.getOrDefault(key, new TreeMap<>());
      // Bucket 0 holds no milestone worth reading: the log from version 0 is as short.
      for (long bucket = version / every; bucket > 0; bucket--) {
        StoredSnapshot found = buckets.get(bucket);
        if (found != null && found.version() <= version) {
          return found.decode();
        }
      }
      return Snapshot.NONE;
    });
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }

  private static StoredSnapshot encode(Snapshot snapshot) {
    return new StoredSnapshot(snapshot.version(), snapshot.type(), snapshot.exists() ? Json.encode(snapshot.data())
        : null);
  }

  /**
   * Works out the answer now, under the lock (so concurrent callers see one order), and completes it on
   * the caller's context a turn later; without a context (a plain test thread), at once.
   */
  private <T> Future<T> answer(Supplier<T> work) {
    T result;
    try {
      synchronized (this) {
        result = work.get();
      }
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    Context context = Vertx.currentContext();
    if (context == null) {
      return Future.succeededFuture(result);
    }
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> promise.complete(result));
    return promise.future();
  }
}

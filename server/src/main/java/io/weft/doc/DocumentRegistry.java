package io.weft.doc;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.weft.config.WeftConfig;
import io.weft.store.DocKey;
import io.weft.store.DocumentStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Keeps one {@link LiveDocument} per open document: concurrent opens share one load, and documents
 * nobody subscribes to leave memory after a while (or sooner, least recently used first, when too
 * many are idle), so touching thousands of documents does not grow memory without bound.
 */
public final class DocumentRegistry {
  /** A closed document is retried this often with a fresh load before the caller sees an error. */
  private static final int OPEN_ATTEMPTS = 3;
  private static final long SWEEP_MILLIS = 1000;

  private final Vertx vertx;
  private final DocumentStore store;
  private final WeftConfig config;
  private final Map<DocKey, Future<LiveDocument>> documents = new ConcurrentHashMap<>();
  private final long sweepTimer;
  private final AtomicBoolean earlySweep = new AtomicBoolean();
  private volatile BiConsumer<String, String> permissionsChanged = (docId, fingerprint) -> { };
  private final LiveDocument.Listener listener = new LiveDocument.Listener() {
    @Override
    public void abandoned(DocKey key) {
      documents.remove(key);
    }

    @Override
    public void permissionsChanged(String docId, String fingerprint) {
      permissionsChanged.accept(docId, fingerprint);
    }
  };

  public DocumentRegistry(Vertx vertx, DocumentStore store, WeftConfig config) {
    this.vertx = vertx;
    this.store = store;
    this.config = config;
    this.sweepTimer = vertx.setPeriodic(SWEEP_MILLIS, id -> sweep());
  }

  /** Runs {@code action} on the document's context, loading the document first if needed. */
  public <T> Future<T> withDocument(DocKey key, Function<LiveDocument, Future<T>> action) {
    return attempt(key, action, OPEN_ATTEMPTS);
  }

  private <T> Future<T> attempt(DocKey key, Function<LiveDocument, Future<T>> action, int attemptsLeft) {
    return documents.computeIfAbsent(key, this::load)
        .compose(doc -> doc.call(action))
        .recover(error -> error instanceof DocumentClosedException && attemptsLeft > 1
            ? attempt(key, action, attemptsLeft - 1)
            : Future.failedFuture(error));
  }

  private Future<LiveDocument> load(DocKey key) {
    // Many documents touched at once (a script fetching thousands) need not wait for the next sweep.
    if (documents.size() > config.documents().maxIdleLoaded() && earlySweep.compareAndSet(false, true)) {
      vertx.setTimer(50, id -> {
        earlySweep.set(false);
        sweep();
      });
    }
    Promise<LiveDocument> promise = Promise.promise();
    // The document lives on the context of whoever opened it first; a failed load is forgotten so the next open retries.
    vertx.getOrCreateContext().runOnContext(v -> LiveDocument.load(key, vertx.getOrCreateContext(), store, config,
            listener)
        .onFailure(e -> documents.remove(key))
        .onComplete(promise));
    return promise.future();
  }

  /** {@code listener} hears of every committed change of a page's permission list: (document id, new fingerprint). */
  public void onPermissionsChanged(BiConsumer<String, String> listener) {
    permissionsChanged = listener;
  }

  /** Unsubscribes from a document if it is in memory; never loads one just to leave it. */
  public void release(DocKey key, Subscriber subscriber) {
    Future<LiveDocument> loaded = documents.get(key);
    if (loaded != null) {
      loaded.onSuccess(doc -> doc.call(d -> d.unsubscribe(subscriber)));
    }
  }

  /** Number of documents in memory (loaded or loading). */
  public int loadedCount() {
    return documents.size();
  }

  private void sweep() {
    long now = System.currentTimeMillis();
    long idleMillis = config.documents().idleUnloadSeconds() * 1000L;
    List<LiveDocument> idle = new ArrayList<>();
    for (Future<LiveDocument> f : documents.values()) {
      LiveDocument doc = f.result();
      if (doc != null && doc.subscriberCount() == 0) {
        idle.add(doc);
      }
    }
    idle.sort(Comparator.comparingLong(LiveDocument::lastUsedMillis));
    int excess = idle.size() - config.documents().maxIdleLoaded();
    for (int i = 0; i < idle.size(); i++) {
      LiveDocument doc = idle.get(i);
      if (i < excess || now - doc.lastUsedMillis() >= idleMillis) {
        doc.context().runOnContext(v -> {
          if (doc.closeIfIdle()) {
            documents.remove(doc.key());
          }
        });
      }
    }
  }

  /** Stops sweeping and closes every document, writing snapshots of those that changed. */
  public Future<Void> close() {
    vertx.cancelTimer(sweepTimer);
    List<Future<Void>> closing = new ArrayList<>();
    for (Future<LiveDocument> f : documents.values()) {
      LiveDocument doc = f.result();
      if (doc != null) {
        Promise<Void> done = Promise.promise();
        doc.context().runOnContext(v -> doc.shutdown().onComplete(done));
        closing.add(done.future());
      }
    }
    return Future.all(closing).mapEmpty();
  }
}

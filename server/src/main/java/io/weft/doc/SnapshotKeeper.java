package io.weft.doc;

import io.vertx.core.Future;
import io.weft.config.WeftConfig;
import io.weft.store.DocKey;
import io.weft.store.DocumentStore;
import io.weft.store.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a document's snapshots, caches of its op log: the current one every so many versions (one
 * write at a time, never rolled back), and a milestone whenever a commit enters a new bucket of
 * versions. Called on the document's context with its committed content.
 */
final class SnapshotKeeper {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotKeeper.class);

  private final DocKey key;
  private final DocumentStore store;
  private final WeftConfig.Storage storage;
  /** Version of the snapshot in storage (-1: none). */
  private long storedVersion;
  /** A write is in flight; the next one waits for a later commit (or the close). */
  private boolean saving;

  SnapshotKeeper(DocKey key, DocumentStore store, WeftConfig.Storage storage, long storedVersion) {
    this.key = key;
    this.store = store;
    this.storage = storage;
    this.storedVersion = storedVersion;
  }

  /** After a commit that took the document from {@code start} to {@code snapshot}'s version. */
  void afterCommit(long start, Snapshot snapshot) {
    int every = storage.milestoneEvery();
    if (snapshot.exists() && start / every < snapshot.version() / every) {
      store.saveMilestone(key, snapshot, every).onFailure(e ->
          LOG.warn("{}: keeping the milestone at version {} failed", key, snapshot.version(), e));
    }
    save(snapshot, false);
  }

  /** Writes {@code snapshot} if enough ops have passed since the stored one (or {@code force}: any). */
  Future<Void> save(Snapshot snapshot, boolean force) {
    long behind = snapshot.version() - Math.max(storedVersion, 0);
    if (saving || !snapshot.exists() || behind == 0 || (!force && behind < storage.snapshotEvery())) {
      return Future.succeededFuture();
    }
    saving = true;
    // The store encodes the snapshot before returning, so later edits to its data cannot leak into it.
    return store.saveSnapshot(key, storedVersion, snapshot).transform(ar -> {
      saving = false;
      if (ar.succeeded()) {
        storedVersion = Math.max(storedVersion, ar.result());
      } else {
        LOG.warn("saving the snapshot of {} at version {} failed; the op log still has every op", key,
            snapshot.version(), ar.cause());
      }
      return Future.<Void>succeededFuture();
    });
  }
}

package io.weft.doc;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.weft.protocol.ErrorCode;
import io.weft.protocol.ProtocolException;
import io.weft.protocol.ServerMessages;
import io.weft.store.CommitOutcome;
import io.weft.store.StoredOp;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sequences a document's submissions without locks: everything runs on the document's context, one
 * batch at a time. A batch takes every queued submission, transforms each against the ops committed
 * since its version, applies and checks it in memory, writes all of them to storage in one durable
 * write, and only then broadcasts and acknowledges. Submissions arriving meanwhile form the next batch,
 * so under load each storage round trip carries many ops.
 */
final class CommitPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(CommitPipeline.class);
  /** Keeps one commit record well inside MongoDB's 16 MiB document limit (frames are at most 8 MiB). */
  private static final long MAX_BATCH_BYTES = 4 * 1024 * 1024;

  private final LiveDocument doc;
  private final SubmissionPreparer preparer;
  private final ArrayDeque<SubmitRequest> queue = new ArrayDeque<>();
  private boolean busy;
  /** Reads waiting for the batch in flight to be published. */
  private List<Runnable> settledWaiters = new ArrayList<>();

  CommitPipeline(LiveDocument doc) {
    this.doc = doc;
    this.preparer = new SubmissionPreparer(doc);
  }

  void enqueue(SubmitRequest request) {
    queue.addLast(request);
    drain();
  }

  /** Runs {@code read} now if no batch is in flight, else right after it is published. */
  void whenSettled(Runnable read) {
    if (busy) {
      settledWaiters.add(read);
    } else {
      read.run();
    }
  }

  private void runSettledWaiters() {
    if (!settledWaiters.isEmpty()) {
      List<Runnable> ready = settledWaiters;
      settledWaiters = new ArrayList<>();
      ready.forEach(Runnable::run);
    }
  }

  boolean isBusy() {
    return busy || !queue.isEmpty();
  }

  private void drain() {
    if (busy || queue.isEmpty() || doc.closed) {
      return;
    }
    busy = true;
    List<SubmitRequest> batch = new ArrayList<>(Math.min(queue.size(), doc.storage.batchMaxOps()));
    long bytes = 0;
    while (!queue.isEmpty() && batch.size() < doc.storage.batchMaxOps()
        && (batch.isEmpty() || bytes + queue.peekFirst().frameBytes <= MAX_BATCH_BYTES)) {
      SubmitRequest next = queue.pollFirst();
      bytes += next.frameBytes;
      batch.add(next);
    }
    long oldest = oldestVersionNeeded(batch);
    Future<List<StoredOp>> older = oldest < doc.window.start()
        ? doc.store.ops(doc.key, oldest, doc.window.start())
        : Future.succeededFuture(List.of());
    long expected = oldest < doc.window.start() ? doc.window.start() - oldest : 0;
    older.onComplete(ar -> {
      if (ar.failed()) {
        storageFailed(batch, ar.cause());
      } else if (ar.result().size() != expected) {
        storageFailed(batch, new IllegalStateException("op log has a gap after version " + oldest));
      } else {
        prepareAndCommit(batch, ar.result());
      }
    });
  }

  /** The oldest version any submission must be transformed from (or checked against, for a create). */
  private long oldestVersionNeeded(List<SubmitRequest> batch) {
    long oldest = Long.MAX_VALUE;
    for (SubmitRequest r : batch) {
      if (r.isServerEdit()) {
        continue;
      }
      if (r.message.create() != null) {
        oldest = doc.type != null ? 0 : oldest;
      } else if (r.message.version() != null && r.message.version() < doc.version) {
        oldest = Math.min(oldest, r.message.version());
      }
    }
    return oldest;
  }

  private void prepareAndCommit(List<SubmitRequest> batch, List<StoredOp> older) {
    List<StoredOp> assigned = new ArrayList<>(batch.size());
    for (SubmitRequest r : batch) {
      try {
        preparer.prepare(r, older, assigned);
        if (r.committed != null) {
          assigned.add(r.committed);
        }
      } catch (ProtocolException e) {
        r.rejection = e;
      }
    }
    if (assigned.isEmpty()) {
      publish(batch);
      finish();
      return;
    }
    doc.store.commit(doc.key, assigned).onComplete(ar -> committed(batch, assigned, ar));
  }

  // ---- commit outcome: publish, or recover from a lost race or a storage failure ----

  private void committed(List<SubmitRequest> batch, List<StoredOp> assigned, AsyncResult<CommitOutcome> ar) {
    if (ar.failed()) {
      storageFailed(batch, ar.cause());
      return;
    }
    CommitOutcome outcome = ar.result();
    if (!outcome.conflict()) {
      publish(batch);
      finish();
      return;
    }
    // Another writer took the version: nothing of the batch was written. Undo it all, newest first,
    // catch up with what the other writer committed, and prepare the whole batch again.
    List<SubmitRequest> retry = batch;
    for (int i = retry.size() - 1; i >= 0; i--) {
      preparer.undo(retry.get(i));
    }
    doc.version = assigned.get(0).version();
    LOG.debug("{}: version {} was taken by another writer; catching up and retrying {} ops", doc.key,
        doc.version, retry.size());
    doc.store.opsAfterBoundary(doc.key, doc.version).onComplete(caught -> {
      if (caught.failed()) {
        storageFailed(retry, caught.cause());
        return;
      }
      for (StoredOp op : caught.result()) {
        doc.applyCommitted(op);
        doc.broadcast(lastEntry(), null);
      }
      doc.access.announceIfChanged();
      int attempts = 0;
      for (int i = retry.size() - 1; i >= 0; i--) {
        SubmitRequest r = retry.get(i);
        r.reset();
        attempts = Math.max(attempts, ++r.attempts);
        if (r.attempts >= SubmitRequest.MAX_ATTEMPTS) {
          r.fail(doc, new ProtocolException(ErrorCode.ERR_MAX_SUBMIT_RETRIES_EXCEEDED,
              "Too many concurrent writers; the op was not applied"));
        } else {
          queue.addFirst(r);
        }
      }
      // The writer that won tends to win again at once; wait a little, longer each time, so this one gets a turn.
      long pause = 1 + ThreadLocalRandom.current().nextLong(Math.min(attempts, 50));
      doc.context.owner().setTimer(pause, t -> finish());
    });
  }

  private OpWindow.Entry lastEntry() {
    List<OpWindow.Entry> last = doc.window.since(doc.window.end() - 1);
    return last.get(0);
  }

  /** Replies to every request of a batch in order; committed ops go to the window and every subscriber first. */
  private void publish(List<SubmitRequest> batch) {
    long start = doc.window.end();
    for (SubmitRequest r : batch) {
      if (r.committed != null) {
        OpWindow.Entry entry = new OpWindow.Entry(r.committed, OpFrames.of(doc.key, r.committed));
        doc.window.add(entry);
        doc.broadcast(entry, r.origin);
        if (r.isServerEdit()) {
          r.outcome.complete(r.committed.version());
        } else {
          doc.deliver(r.origin, ServerMessages.ack(doc.key.collection(), doc.key.id(), r.committed.version(), r.src,
              r.message.seq()));
        }
      } else if (r.duplicateOf >= 0) {
        doc.deliver(r.origin, ServerMessages.ack(doc.key.collection(), doc.key.id(), r.duplicateOf, r.src, r.message.seq()));
      } else if (r.rejection != null) {
        r.fail(doc, r.rejection);
      } else if (r.isServerEdit()) {
        r.outcome.complete(-1L);
      }
    }
    doc.access.announceIfChanged();
    doc.afterCommit(start);
  }

  private void finish() {
    busy = false;
    runSettledWaiters();
    drain();
  }

  /**
   * Storage failed without saying what it kept: nothing in flight is acknowledged, and the in-memory
   * state, which may now differ from storage, is dropped. Clients resubscribe and resend; the src+seq
   * check makes that safe whichever ops did land.
   */
  private void storageFailed(List<SubmitRequest> batch, Throwable cause) {
    LOG.error("{}: storage failed while committing {} ops; dropping the document from memory", doc.key,
        batch.size(), cause);
    List<SubmitRequest> all = new ArrayList<>(batch);
    all.addAll(queue);
    queue.clear();
    for (SubmitRequest r : all) {
      r.fail(doc, new ProtocolException(ErrorCode.ERR_UNKNOWN_ERROR,
          "Storage is unavailable; the op was not saved. Reconnect and resend."));
    }
    doc.abandon("storage failed: " + cause.getMessage());
    busy = false;
    runSettledWaiters();
  }
}

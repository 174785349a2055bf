package io.weft.doc;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.weft.access.PermissionList;
import io.weft.access.Rights;
import io.weft.json.Json;
import io.weft.ot.Applied;
import io.weft.ot.Component;
import io.weft.ot.Json0;
import io.weft.ot.OtException;
import io.weft.ot.Side;
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
  private final ArrayDeque<SubmitRequest> queue = new ArrayDeque<>();
  private boolean busy;
  /** Reads waiting for the batch in flight to be published. */
  private List<Runnable> settledWaiters = new ArrayList<>();

  CommitPipeline(LiveDocument doc) {
    this.doc = doc;
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
        prepare(r, older, assigned);
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

  // ---- prepare: transform, apply, check ----

  private void prepare(SubmitRequest r, List<StoredOp> older, List<StoredOp> assigned) {
    if (r.isServerEdit()) {
      prepareServerEdit(r);
      return;
    }
    if (r.message.create() != null) {
      prepareCreate(r, older, assigned);
      return;
    }
    if (doc.type == null) {
      throw new ProtocolException(ErrorCode.ERR_DOC_DOES_NOT_EXIST, "Document does not exist; create it first");
    }
    long from = r.message.version() == null ? doc.version : r.message.version();
    if (from > doc.version) {
      throw doc.newerThanDocument(from);
    }
    List<Component> op = r.message.op();
    for (StoredOp committed : history(from, older, assigned)) {
      if (committed.isSubmission(r.src, r.message.seq())) {
        // A resend after a reconnect: acknowledge again, never apply twice.
        r.duplicateOf = committed.version();
        return;
      }
      if (committed.isCreate()) {
        throw new ProtocolException(ErrorCode.ERR_OP_SUBMIT_REJECTED, "Op was made before the document was created");
      }
      try {
        op = Json0.transform(op, committed.op(), Side.LEFT);
      } catch (OtException e) {
        throw new ProtocolException(ErrorCode.ERR_OT_OP_NOT_APPLIED,
            "Op cannot be transformed against version " + committed.version() + ": " + e.getMessage());
      }
    }
    // Rights as of this op's turn: a list changed by an earlier op of the batch already counts.
    Rights rights = doc.access.rightsOf(r.origin.caller());
    if (!rights.canWrite()) {
      throw doc.access.forbidden('w', "editing");
    }
    String authBefore = doc.isPage ? PermissionList.sourceIn(doc.data) : null;
    applyChecked(r, op);
    checkPermissionChange(r, rights, authBefore);
    r.committed = StoredOp.edit(doc.version, r.src, r.message.seq(), op, Json.encode(Json0.toJson(op)),
        System.currentTimeMillis());
    doc.version++;
  }

  private void prepareCreate(SubmitRequest r, List<StoredOp> older, List<StoredOp> assigned) {
    if (doc.type != null) {
      List<StoredOp> first = history(0, older, assigned);
      if (!first.isEmpty() && first.get(0).isSubmission(r.src, r.message.seq())) {
        r.duplicateOf = 0;
        return;
      }
      throw new ProtocolException(ErrorCode.ERR_DOC_ALREADY_CREATED, "Document already exists");
    }
    if (r.message.version() != null && r.message.version() != 0) {
      throw doc.newerThanDocument(r.message.version());
    }
    // A document that does not exist yet has no list: the defaults say who may create it.
    Rights rights = doc.access.rightsOf(r.origin.caller());
    if (!rights.canWrite()) {
      throw doc.access.forbidden('w', "creating");
    }
    Object data = r.message.create().data();
    if (doc.isPage) {
      String problem = PageRules.problemWithPage(data);
      if (problem != null) {
        throw new ProtocolException(ErrorCode.ERR_OP_SUBMIT_REJECTED, "A page must be JsonML: " + problem);
      }
      doc.access.checkChange(rights, null, PermissionList.sourceIn(data));
    }
    r.undo.add(new SubmitRequest.Undo(() -> { }, doc.data, doc.type));
    r.committed = StoredOp.create(0, r.src, r.message.seq(), r.message.create().type(), Json.encode(data),
        System.currentTimeMillis());
    doc.type = r.message.create().type();
    doc.data = data;
    doc.version = 1;
  }

  /**
   * A server edit is made at the head, so it needs no transform; it did its own rights checks against
   * the list this turn finds, and the page rules still apply to what it writes.
   */
  private void prepareServerEdit(SubmitRequest r) {
    if (doc.type == null) {
      throw new ProtocolException(ErrorCode.ERR_DOC_DOES_NOT_EXIST, "Document " + doc.key.id() + " does not exist");
    }
    List<Component> op = r.serverEdit.opAt(new ServerEdit.Turn(doc.data, doc.access.inForce(),
        doc.access.list() != null));
    if (op.isEmpty()) {
      return;
    }
    String authBefore = PermissionList.sourceIn(doc.data);
    applyChecked(r, op);
    checkPermissionChange(r, Rights.parse("rwa"), authBefore);
    r.committed = StoredOp.edit(doc.version, r.src, -1, op, Json.encode(Json0.toJson(op)), System.currentTimeMillis());
    doc.version++;
  }

  /** Applies component by component so each check sees exactly what its component changed. */
  private void applyChecked(SubmitRequest r, List<Component> op) {
    for (int i = 0; i < op.size(); i++) {
      Component component = op.get(i);
      Applied applied;
      try {
        applied = Json0.applyReversibly(doc.data, List.of(component));
      } catch (OtException e) {
        undo(r);
        throw new ProtocolException(ErrorCode.ERR_OT_OP_NOT_APPLIED,
            "Op component " + i + " does not apply: " + e.getMessage());
      }
      r.undo.add(new SubmitRequest.Undo(applied.revert(), doc.data, doc.type));
      doc.data = applied.doc();
      if (doc.isPage) {
        String problem = PageRules.problemAfter(doc.data, component);
        if (problem != null) {
          undo(r);
          throw new ProtocolException(ErrorCode.ERR_OP_SUBMIT_REJECTED,
              "Op component " + i + " would break the page: " + problem);
        }
      }
    }
  }

  /** A change of the page's permission list must be allowed and leave a list; undone if refused. */
  private void checkPermissionChange(SubmitRequest r, Rights rights, String before) {
    try {
      doc.access.checkChange(rights, before, doc.isPage ? PermissionList.sourceIn(doc.data) : before);
    } catch (ProtocolException e) {
      undo(r);
      throw e;
    }
  }

  /** Reverses a request's in-memory application, newest component first. */
  private void undo(SubmitRequest r) {
    for (int i = r.undo.size() - 1; i >= 0; i--) {
      SubmitRequest.Undo u = r.undo.get(i);
      u.revert().run();
      doc.data = u.rootBefore();
      doc.type = u.typeBefore();
    }
    r.undo.clear();
  }

  /** The committed ops from {@code from} to the head, including those assigned earlier in this batch. */
  private List<StoredOp> history(long from, List<StoredOp> older, List<StoredOp> assigned) {
    List<StoredOp> ops = new ArrayList<>();
    long windowStart = doc.window.start();
    if (from < windowStart) {
      long olderStart = windowStart - older.size();
      ops.addAll(older.subList((int) (from - olderStart), older.size()));
    }
    for (OpWindow.Entry e : doc.window.since(Math.max(from, windowStart))) {
      ops.add(e.op());
    }
    for (StoredOp op : assigned) {
      if (op.version() >= from) {
        ops.add(op);
      }
    }
    return ops;
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
      undo(retry.get(i));
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

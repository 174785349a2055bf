package io.weft.doc;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.weft.access.PermissionList;
import io.weft.protocol.ErrorCode;
import io.weft.protocol.ProtocolException;
import io.weft.store.StoredOp;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sequences a document's submissions without locks: everything runs on the document's context, one
 * batch at a time. A batch takes every queued submission and runs through named stages: read the older
 * ops it must be transformed against → prepare each submission (transform, apply tentatively, check) →
 * commit all of them to storage in one durable write → publish (broadcast, then reply). Losing the race
 * for a version to another writer is the one expected detour: the batch is rolled back, the winner's ops
 * are caught up with, and the batch is queued again. Submissions arriving meanwhile form the next batch,
 * so under load each storage round trip carries many ops. Stages that need no storage complete at once,
 * on the same thread.
 */
final class CommitPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(CommitPipeline.class);
  /** Keeps one commit record well inside MongoDB's 16 MiB document limit (frames are at most 8 MiB). */
  private static final long MAX_BATCH_BYTES = 4 * 1024 * 1024;
  private static final Future<List<StoredOp>> NO_OLDER_OPS = Future.succeededFuture(List.of());
  private static final SubmitResult BUSY = new SubmitResult.Rejected(new ProtocolException(ErrorCode.ERR_DOCUMENT_BUSY,
      "The document has too many submissions waiting (documents.maxQueuedSubmissions); the op was not applied. Resend it later"));

  /**
   * The commit stage's signal that another writer took the version, so that the race is recovered from
   * in one place. The store reports it as a value; it is expected, so it carries no stack trace.
   */
  private static final class LostRace extends RuntimeException {
    static final LostRace INSTANCE = new LostRace();

    private LostRace() {
      super("another writer took the version", null, false, false);
    }
  }

  /** One batch on its way: its requests in order, and once prepared, the result of each and the ops to write. */
  private static final class Batch {
    final List<SubmitRequest> requests;
    final List<SubmitResult> results;
    final List<StoredOp> ops;

    Batch(List<SubmitRequest> requests) {
      this.requests = requests;
      this.results = new ArrayList<>(requests.size());
      this.ops = new ArrayList<>(requests.size());
    }
  }

  private final LiveDocument doc;
  private final SubmissionPreparer preparer;
  private final ArrayDeque<SubmitRequest> queue = new ArrayDeque<>();
  /** Sockets told to stop reading because {@link #queue} passed half of {@link #maxQueued}; each once. */
  private final Set<Subscriber> held = new LinkedHashSet<>();
  /** documents.maxQueuedSubmissions: a client's submission arriving when the queue holds this many is refused. */
  private final int maxQueued;
  /** Most submissions ever queued at once: a gauge for monitoring and tests. */
  private int peakQueued;
  private boolean busy;
  /** Reads waiting for the batch in flight to be published. */
  private List<Runnable> settledWaiters = new ArrayList<>();

  CommitPipeline(LiveDocument doc, int maxQueued) {
    this.doc = doc;
    this.preparer = new SubmissionPreparer(doc);
    this.maxQueued = maxQueued;
  }

  /**
   * Queues a submission. From half of {@link #maxQueued} on, the submitting socket is held (stops being
   * read) until the queue drains, so a flood is slowed by TCP rather than buffered here; sockets already
   * past their own bound keep the queue under the cap, and the rare submission that still finds it full
   * (many sockets flooding at once) is refused with ERR_DOCUMENT_BUSY. Server edits are never refused.
   */
  void enqueue(SubmitRequest request) {
    if (!request.isFromServer()) {
      if (queue.size() >= maxQueued / 2 && held.add(request.origin)) {
        request.origin.hold();
      }
      if (queue.size() >= maxQueued) {
        conclude(request, BUSY);
        return;
      }
    }
    queue.addLast(request);
    peakQueued = Math.max(peakQueued, queue.size());
    drain();
  }

  int peakQueued() {
    return peakQueued;
  }

  /** Lets the held sockets read again once the queue is under half of its cap. */
  private void releaseHeld() {
    if (!held.isEmpty() && queue.size() < maxQueued / 2) {
      for (Subscriber s : held) {
        s.release();
      }
      held.clear();
    }
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
    if (busy || queue.isEmpty() || doc.isClosed()) {
      return;
    }
    busy = true;
    Batch batch = take();
    releaseHeld();
    readOlderOps(batch)
        .map(older -> prepare(batch, older))
        .compose(this::commit)
        .map(v -> publish(batch))
        .recover(e -> e == LostRace.INSTANCE ? catchUpAndRequeue(batch) : Future.failedFuture(e))
        .onComplete(ar -> {
          if (ar.succeeded()) {
            finish();
          } else {
            failed(batch, ar.cause());
          }
        });
  }

  /** The next batch: queued requests in order, up to the configured count and a size a record can hold. */
  private Batch take() {
    int maxOps = doc.storage().batchMaxOps();
    List<SubmitRequest> requests = new ArrayList<>(Math.min(queue.size(), maxOps));
    long bytes = 0;
    while (!queue.isEmpty() && requests.size() < maxOps
        && (requests.isEmpty() || bytes + queue.peekFirst().frameBytes <= MAX_BATCH_BYTES)) {
      SubmitRequest next = queue.pollFirst();
      bytes += next.frameBytes;
      requests.add(next);
    }
    return new Batch(requests);
  }

  // ---- stage 1: the committed ops older than the window that some submission was made before ----

  private Future<List<StoredOp>> readOlderOps(Batch batch) {
    LiveContent content = doc.content();
    long oldest = oldestVersionNeeded(batch, content);
    long windowStart = content.windowStart();
    if (oldest >= windowStart) {
      return NO_OLDER_OPS;
    }
    return doc.store().ops(doc.key(), oldest, windowStart).compose(ops -> ops.size() == windowStart - oldest
        ? Future.succeededFuture(ops)
        : Future.failedFuture(new IllegalStateException("op log has a gap after version " + oldest)));
  }

  /** The oldest version any submission must be transformed from (or checked against, for a create). */
  private static long oldestVersionNeeded(Batch batch, LiveContent content) {
    long oldest = Long.MAX_VALUE;
    for (SubmitRequest r : batch.requests) {
      if (r.isFromServer()) {
        continue;
      }
      if (r.message.create() != null) {
        oldest = content.exists() ? 0 : oldest;
      } else if (r.message.version() != null && r.message.version() < content.version()) {
        oldest = Math.min(oldest, r.message.version());
      }
    }
    return oldest;
  }

  // ---- stage 2: prepare each submission in memory, giving it its result ----

  private Batch prepare(Batch batch, List<StoredOp> older) {
    for (SubmitRequest r : batch.requests) {
      SubmitResult result = preparer.prepare(r, older, batch.ops);
      batch.results.add(result);
      if (result instanceof SubmitResult.Committed c) {
        batch.ops.add(c.op());
      }
    }
    return batch;
  }

  // ---- stage 3: one durable write of every op the batch committed ----

  private Future<Void> commit(Batch batch) {
    if (batch.ops.isEmpty()) {
      return Future.succeededFuture();
    }
    return doc.store().commit(doc.key(), batch.ops).compose(outcome -> outcome.conflict()
        ? Future.failedFuture(LostRace.INSTANCE)
        : Future.succeededFuture());
  }

  // ---- stage 4: publish, replying to every request in batch order ----

  private Void publish(Batch batch) {
    long start = doc.content().committedVersion();
    for (int i = 0; i < batch.requests.size(); i++) {
      SubmitResult result = batch.results.get(i);
      conclude(batch.requests.get(i), result);
      // Rights are judged per op: one that changed the list decides who gets the batch's later ops.
      if (result instanceof SubmitResult.Committed c && c.permissions() != null) {
        doc.announceRights(c.permissions().source());
      }
    }
    doc.reportRightsIfChanged();
    doc.afterCommit(start);
    return null;
  }

  /**
   * The one place a submission's result takes effect. A committed op joins the window and reaches every
   * other subscriber before its submitter's ack, so each client sees versions in order.
   */
  private void conclude(SubmitRequest r, SubmitResult result) {
    if (result instanceof SubmitResult.Committed c) {
      doc.broadcast(doc.content().advanceToCommitted(c.op()), r.origin);
      r.acknowledge(doc, c.version());
    } else if (result instanceof SubmitResult.Duplicate d) {
      r.acknowledge(doc, d.version());
    } else if (result instanceof SubmitResult.Rejected j) {
      r.refuse(doc, j.refusal());
    } else {
      r.unchanged();
    }
  }

  // ---- recovery: a lost race, or a failure that leaves memory uncertain ----

  /**
   * Another writer took the version: nothing of the batch was written. Roll it all back, catch up with
   * what the other writer committed, and queue the whole batch again, ahead of anything newer.
   */
  private Future<Void> catchUpAndRequeue(Batch batch) {
    LiveContent content = doc.content();
    content.rollBack();
    LOG.debug("{}: version {} was taken by another writer; catching up and retrying {} ops", doc.key(),
        content.version(), batch.requests.size());
    return doc.store().opsAfterBoundary(doc.key(), content.version()).compose(ops -> {
      for (StoredOp op : ops) {
        doc.broadcast(content.applyCommitted(op), null);
        // Rare (another process won the race), so each op's list is simply read from the content.
        doc.announceRights(PermissionList.sourceIn(content.data()));
      }
      doc.reportRightsIfChanged();
      int attempts = 0;
      for (int i = batch.requests.size() - 1; i >= 0; i--) {
        SubmitRequest r = batch.requests.get(i);
        attempts = Math.max(attempts, ++r.attempts);
        if (r.attempts >= SubmitRequest.MAX_ATTEMPTS) {
          conclude(r, new SubmitResult.Rejected(new ProtocolException(ErrorCode.ERR_MAX_SUBMIT_RETRIES_EXCEEDED,
              "Too many concurrent writers; the op was not applied")));
        } else {
          queue.addFirst(r);
        }
      }
      // The writer that won tends to win again at once; wait a little, longer each time, so this one gets a turn.
      Promise<Void> paused = Promise.promise();
      doc.context().owner().setTimer(1 + ThreadLocalRandom.current().nextLong(Math.min(attempts, 50)),
          t -> paused.complete());
      return paused.future();
    });
  }

  private void finish() {
    busy = false;
    runSettledWaiters();
    drain();
  }

  /**
   * Storage failed without saying what it kept (or preparing failed unexpectedly): nothing in flight is
   * acknowledged, and the in-memory state, which may now differ from storage, is dropped. Clients
   * resubscribe and resend; the src+seq check makes that safe whichever ops did land.
   */
  private void failed(Batch batch, Throwable cause) {
    LOG.error("{}: committing {} ops failed; dropping the document from memory", doc.key(),
        batch.requests.size(), cause);
    List<SubmitRequest> all = new ArrayList<>(batch.requests);
    all.addAll(queue);
    queue.clear();
    SubmitResult refused = new SubmitResult.Rejected(new ProtocolException(ErrorCode.ERR_UNKNOWN_ERROR,
        "Storage is unavailable; the op was not saved. Reconnect and resend."));
    for (SubmitRequest r : all) {
      conclude(r, refused);
    }
    releaseHeld();
    doc.abandon("storage failed: " + cause.getMessage());
    busy = false;
    runSettledWaiters();
  }
}

package io.weft.doc;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.weft.access.PermissionList;
import io.weft.access.Rights;
import io.weft.auth.Caller;
import io.weft.config.WeftConfig;
import io.weft.protocol.ClientMessage;
import io.weft.protocol.ErrorCode;
import io.weft.protocol.ProtocolException;
import io.weft.protocol.ServerMessages;
import io.weft.store.DocKey;
import io.weft.store.DocumentStore;
import io.weft.store.Snapshot;
import io.weft.store.StoredOp;
import io.weft.user.User;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one in-memory instance of an open document: its content, recent ops and subscribers. Every field
 * is touched only on {@link #context}; other threads reach it through {@link #call}. Edits go through
 * the {@link CommitPipeline}, which changes the {@link LiveContent} only through its named operations
 * (apply tentatively, roll back, advance to committed) and reaches subscribers only through the
 * publishing operations here; reads are answered here.
 */
public final class LiveDocument {
  private static final Logger LOG = LoggerFactory.getLogger(LiveDocument.class);
  /** Ops read from storage at a time to catch a subscriber up: one page in memory, not the whole gap. */
  private static final int CATCH_UP_PAGE_OPS = 1000;

  private final DocKey key;
  private final Context context;
  private final DocumentStore store;
  private final WeftConfig.Storage storage;

  private final LiveContent content;
  private final Subscribers subscribers;
  private final CommitPipeline pipeline;
  private final DocumentAccess access;
  private final SnapshotKeeper snapshots;
  private final Listener listener;
  private boolean closed;

  /** For the registry's idle sweep, read from its own thread. */
  private volatile long lastUsedMillis = System.currentTimeMillis();

  private LiveDocument(DocKey key, Context context, DocumentStore store, WeftConfig config, Snapshot snapshot,
      Listener listener) {
    this.key = key;
    this.context = context;
    this.store = store;
    this.storage = config.storage();
    this.content = new LiveContent(key, snapshot, config.documents().opCacheSize());
    this.subscribers = new Subscribers(key);
    this.snapshots = new SnapshotKeeper(key, store, storage, snapshot.exists() ? snapshot.version() : -1);
    this.listener = listener;
    this.pipeline = new CommitPipeline(this, config.documents().maxQueuedSubmissions());
    this.access = new DocumentAccess(this, config.permissions().defaults());
  }

  /** What the registry hears from a document it holds. */
  interface Listener {
    /** The document dropped itself from memory (see {@link #abandon}). */
    void abandoned(DocKey key);

    /** A committed op changed the page's permission list: its id and the list's new fingerprint. */
    void permissionsChanged(String docId, String fingerprint);
  }

  /** Loads the latest snapshot and replays the ops committed after it; runs on the calling context. */
  static Future<LiveDocument> load(DocKey key, Context context, DocumentStore store, WeftConfig config,
      Listener listener) {
    return store.latestSnapshot(key).compose(snapshot -> store.opsAfterBoundary(key, snapshot.version())
        .map(ops -> {
          LiveDocument doc = new LiveDocument(key, context, store, config, snapshot, listener);
          for (StoredOp op : ops) {
            doc.content.applyCommitted(op);
          }
          return doc;
        }));
  }

  public DocKey key() {
    return key;
  }

  Context context() {
    return context;
  }

  DocumentStore store() {
    return store;
  }

  WeftConfig.Storage storage() {
    return storage;
  }

  DocumentAccess access() {
    return access;
  }

  /** The content, changed only through its own named operations, by the pipeline. */
  LiveContent content() {
    return content;
  }

  boolean isClosed() {
    return closed;
  }

  long lastUsedMillis() {
    return lastUsedMillis;
  }

  int subscriberCount() {
    return subscribers.count();
  }

  /** Most client submissions that were ever waiting in this document's queue at once (a gauge). */
  public int peakQueuedSubmissions() {
    return pipeline.peakQueued();
  }

  /** Runs {@code action} on this document's context; fails with a closed error if it was unloaded. */
  <T> Future<T> call(Function<LiveDocument, Future<T>> action) {
    if (context.isEventLoopContext() && context == io.vertx.core.Vertx.currentContext()) {
      return closed ? Future.failedFuture(new DocumentClosedException()) : run(action);
    }
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> {
      if (closed) {
        promise.fail(new DocumentClosedException());
      } else {
        run(action).onComplete(promise);
      }
    });
    return promise.future();
  }

  private <T> Future<T> run(Function<LiveDocument, Future<T>> action) {
    lastUsedMillis = System.currentTimeMillis();
    try {
      return action.apply(this);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * Runs a read once no commit is in flight. A batch being committed is already applied to {@link #data}
   * and {@link #version}; readers must not see it before it is durable and broadcast.
   */
  private <T> Future<T> settled(Supplier<Future<T>> read) {
    Promise<T> promise = Promise.promise();
    pipeline.whenSettled(() -> {
      try {
        read.get().onComplete(promise);
      } catch (RuntimeException e) {
        promise.fail(e);
      }
    });
    return promise.future();
  }

  /** The committed content, with what {@code caller} may do on it. */
  public Future<PageAccess> committed(Caller caller) {
    return settled(() -> Future.succeededFuture(new PageAccess(content.view(), access.rightsOf(caller),
        access.userOf(caller))));
  }

  /** Fails with {@code ERR_FORBIDDEN} unless {@code caller} holds {@code right} once the commit in flight is published. */
  public Future<Void> require(Caller caller, char right, String doing) {
    return settled(() -> {
      access.require(caller, right, doing);
      return Future.succeededFuture();
    });
  }

  /** The current permission list (null: the defaults), and its fingerprint, for tokens and invites. */
  public PermissionList permissionList() {
    return access.list();
  }

  public String permissionsFingerprint() {
    return access.fingerprint();
  }

  /**
   * Subscribes (or, with {@code subscribe} false, fetches once). With {@code from} null the reply
   * carries the snapshot; otherwise every op since {@code from} is sent, then a bare reply.
   */
  public Future<User> open(Subscriber subscriber, Long from, boolean subscribe) {
    return settled(() -> {
      access.require(subscriber.callerFor(key.id()), 'r', subscribe ? "subscribing to" : "fetching");
      User user = access.userOf(subscriber.callerFor(key.id()));
      return openSettled(subscriber, from, subscribe).map(user);
    });
  }

  private Future<Void> openSettled(Subscriber subscriber, Long from, boolean subscribe) {
    String action = subscribe ? "s" : "f";
    if (from == null) {
      if (subscribe) {
        subscribers.add(subscriber);
      }
      SnapshotView view = content.view();
      subscriber.send(ServerMessages.snapshot(action, key.collection(), key.id(), view.version(), view.type(),
          view.json()));
      return Future.succeededFuture();
    }
    if (from > content.version()) {
      return Future.failedFuture(newerThanDocument(from));
    }
    return catchUp(subscriber, from).map(v -> {
      if (subscribe) {
        subscribers.add(subscriber);
      }
      subscriber.send(ServerMessages.caughtUp(action, key.collection(), key.id()));
      return null;
    });
  }

  /** Sends every op from {@code from} to the head; older ops than the window come from storage. */
  private Future<Void> catchUp(Subscriber subscriber, long from) {
    if (from >= content.windowStart()) {
      for (OpWindow.Entry entry : content.committedSince(from)) {
        subscriber.send(entry.wire());
      }
      return Future.succeededFuture();
    }
    if (!subscriber.isOpen()) {
      return Future.succeededFuture();
    }
    long until = Math.min(content.windowStart(), from + CATCH_UP_PAGE_OPS);
    return store.ops(key, from, until).compose(ops -> {
      for (StoredOp op : ops) {
        subscriber.send(OpFrames.of(key, op));
      }
      if (ops.size() != until - from) {
        return Future.failedFuture(new IllegalStateException("op log of " + key + " has a gap before " + until));
      }
      // The next page; more ops may have been committed (and the window moved on) while storage answered,
      // one of them perhaps revoking this reader, who is not subscribed yet to be told: judge its rights again.
      return settled(() -> {
        access.require(subscriber.callerFor(key.id()), 'r', "reading");
        return catchUp(subscriber, until);
      });
    });
  }

  public Future<Void> unsubscribe(Subscriber subscriber) {
    subscribers.remove(subscriber);
    return Future.succeededFuture();
  }

  /** Queues a submitted op or create; the pipeline replies to the submitter itself. */
  public Future<Void> submit(Subscriber origin, ClientMessage.Submit message, int frameBytes) {
    pipeline.enqueue(new SubmitRequest(origin, message, frameBytes));
    return Future.succeededFuture();
  }

  /**
   * Queues an edit the server makes, worked out at its turn; completes with the version it was
   * committed at once durable and broadcast, or -1 if it found nothing to change.
   */
  public Future<Long> editAsServer(ServerEdit edit) {
    SubmitRequest request = new SubmitRequest(edit);
    pipeline.enqueue(request);
    return request.outcome.future();
  }

  /**
   * Creates the document with {@code page} (JsonML) as its first version, through the pipeline like a
   * client's create, unless it exists by its turn. Completes with true if this call created it; a lost
   * race with another process is caught up and then finds the page there (false).
   */
  public Future<Boolean> createAsServer(Object page) {
    SubmitRequest request = SubmitRequest.serverCreate(page);
    pipeline.enqueue(request);
    return request.outcome.future().map(version -> version >= 0);
  }

  /** The content at {@code at} (null: now), rebuilt from the nearest milestone and the ops after it. */
  public Future<SnapshotView> snapshotAt(Caller caller, Long at) {
    return settled(() -> {
      access.require(caller, 'r', "reading a version of");
      return snapshotAtSettled(at);
    });
  }

  private Future<SnapshotView> snapshotAtSettled(Long at) {
    if (at == null || at == content.version()) {
      return Future.succeededFuture(content.view());
    }
    if (at > content.version()) {
      return Future.failedFuture(newerThanDocument(at));
    }
    return PastVersions.rebuild(store, key, at, storage.milestoneEvery());
  }

  // ---- publishing committed ops ----

  /** Sends a committed op to every subscriber but the one that submitted it (which gets an ack). */
  void broadcast(OpWindow.Entry entry, Subscriber except) {
    subscribers.broadcast(entry.wire(), except);
  }

  /** Sends one frame; false if the subscriber failed, which must not stop the document for everyone else. */
  boolean deliver(Subscriber subscriber, String frame) {
    return subscribers.deliver(subscriber, frame);
  }

  /**
   * The op just broadcast left the permission list as {@code source}: if subscribers were told of another
   * list, tell each its rights under this one and let go of those that lost {@code r}, before the next op
   * goes out. So a reader gets the op that revoked it (its page then shows the list its rights refer to)
   * and nothing committed after it, whatever else shared its batch.
   */
  void announceRights(String source) {
    DocumentAccess.Listing published = access.publish(source);
    if (published == null) {
      return;
    }
    PermissionList list = published.inForce();
    subscribers.removeIf(s -> {
      Rights rights = published.rightsOf(s.callerFor(key.id()));
      try {
        s.permissionsChanged(key, rights, list);
      } catch (RuntimeException e) {
        LOG.warn("{}: telling socket {} its new rights failed", key, s.connectionId(), e);
      }
      return !rights.canRead();
    });
  }

  /** After a batch was published: if it changed the permission list, say so once, with the list now in force. */
  void reportRightsIfChanged() {
    if (access.takeChange()) {
      listener.permissionsChanged(key.id(), access.fingerprint());
    }
  }

  /** After a commit that began at {@code start}: keep a milestone if it entered a new bucket, and maybe a snapshot. */
  void afterCommit(long start) {
    snapshots.afterCommit(start, content.snapshot());
  }

  // ---- leaving memory ----

  /** Server shutdown: stop taking work and write the snapshot if it changed. */
  Future<Void> shutdown() {
    subscribers.clear();
    return settled(() -> {
      closed = true;
      return snapshots.save(content.snapshot(), true);
    });
  }

  /** Idle and unsubscribed: leave memory. The caller removes it from the registry. */
  boolean closeIfIdle() {
    if (closed || !subscribers.isEmpty() || pipeline.isBusy()) {
      return false;
    }
    closed = true;
    snapshots.save(content.snapshot(), true);
    return true;
  }

  /** Storage failed in a way that leaves the in-memory state uncertain: drop it and tell subscribers. */
  void abandon(String reason) {
    closed = true;
    for (Subscriber s : subscribers.clear()) {
      s.documentLost(key, reason);
    }
    listener.abandoned(key);
  }

  ProtocolException newerThanDocument(long at) {
    return new ProtocolException(ErrorCode.ERR_OP_VERSION_NEWER_THAN_CURRENT_SNAPSHOT,
        "Version " + at + " is newer than the document's version " + content.version());
  }
}

package io.weft.doc;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.weft.access.PermissionList;
import io.weft.auth.Caller;
import io.weft.user.User;
import io.weft.config.WeftConfig;
import io.weft.json.Json;
import io.weft.protocol.ClientMessage;
import io.weft.protocol.ErrorCode;
import io.weft.protocol.ProtocolException;
import io.weft.protocol.ServerMessages;
import io.weft.store.DocKey;
import io.weft.store.DocumentStore;
import io.weft.store.Snapshot;
import io.weft.store.StoredOp;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one in-memory instance of an open document: its current content, recent ops and subscribers.
 * Every field is touched only on {@link #context}; other threads reach it through {@link #call}.
 * Edits go through the {@link CommitPipeline}; reads are answered here.
 */
public final class LiveDocument {
  private static final Logger LOG = LoggerFactory.getLogger(LiveDocument.class);

  final DocKey key;
  final Context context;
  final DocumentStore store;
  final WeftConfig.Storage storage;
  final boolean isPage;

  long version;
  String type;
  Object data;
  final OpWindow window;
  final Set<Subscriber> subscribers = new LinkedHashSet<>();
  final CommitPipeline pipeline;
  final DocumentAccess access;

  /** Version of the snapshot in storage (-1: none), and whether a newer one is being written. */
  long storedSnapshotVersion;
  boolean savingSnapshot;
  boolean closed;
  /** Tells the registry when the document closes itself (see {@link #abandon}). */
  Runnable onAbandoned = () -> { };

  /** For the registry's idle sweep, read from its own thread. */
  volatile long lastUsedMillis = System.currentTimeMillis();
  volatile int subscriberCount;

  private String encodedJson;
  private long encodedVersion = -1;

  private LiveDocument(DocKey key, Context context, DocumentStore store, WeftConfig config, Snapshot snapshot,
      long storedSnapshotVersion) {
    this.key = key;
    this.context = context;
    this.store = store;
    this.storage = config.storage();
    this.isPage = key.collection().equals("webstrates");
    this.version = snapshot.version();
    this.type = snapshot.type();
    this.data = snapshot.data();
    this.storedSnapshotVersion = storedSnapshotVersion;
    this.window = new OpWindow(config.documents().opCacheSize(), snapshot.version());
    this.pipeline = new CommitPipeline(this);
    this.access = new DocumentAccess(this, config.permissions().defaults());
  }

  /** Loads the latest snapshot and replays the ops committed after it; runs on the calling context. */
  static Future<LiveDocument> load(DocKey key, Context context, DocumentStore store, WeftConfig config) {
    return store.latestSnapshot(key).compose(snapshot -> store.opsAfterBoundary(key, snapshot.version())
        .map(ops -> {
          LiveDocument doc = new LiveDocument(key, context, store, config, snapshot,
              snapshot.exists() ? snapshot.version() : -1);
          for (StoredOp op : ops) {
            doc.applyCommitted(op);
          }
          return doc;
        }));
  }

  public DocKey key() {
    return key;
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
    return settled(() -> Future.succeededFuture(new PageAccess(current(), access.rightsOf(caller),
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

  /** The current content, encoded once per version however many sockets ask; only when settled. */
  private SnapshotView current() {
    if (type == null) {
      return new SnapshotView(version, null, null);
    }
    if (encodedVersion != version) {
      encodedJson = Json.encode(data);
      encodedVersion = version;
    }
    return new SnapshotView(version, type, encodedJson);
  }

  /**
   * Subscribes (or, with {@code subscribe} false, fetches once). With {@code from} null the reply
   * carries the snapshot; otherwise every op since {@code from} is sent, then a bare reply.
   */
  public Future<User> open(Subscriber subscriber, Long from, boolean subscribe) {
    return settled(() -> {
      access.require(subscriber.caller(), 'r', subscribe ? "subscribing to" : "fetching");
      User user = access.userOf(subscriber.caller());
      return openSettled(subscriber, from, subscribe).map(user);
    });
  }

  private Future<Void> openSettled(Subscriber subscriber, Long from, boolean subscribe) {
    String action = subscribe ? "s" : "f";
    if (from == null) {
      if (subscribe) {
        addSubscriber(subscriber);
      }
      SnapshotView view = current();
      subscriber.send(ServerMessages.snapshot(action, key.collection(), key.id(), view.version(), view.type(),
          view.json()));
      return Future.succeededFuture();
    }
    if (from > version) {
      return Future.failedFuture(newerThanDocument(from));
    }
    return catchUp(subscriber, from).map(v -> {
      if (subscribe) {
        addSubscriber(subscriber);
      }
      subscriber.send(ServerMessages.caughtUp(action, key.collection(), key.id()));
      return null;
    });
  }

  /** Sends every op from {@code from} to the head; older ops than the window come from storage. */
  private Future<Void> catchUp(Subscriber subscriber, long from) {
    if (from >= window.start()) {
      for (OpWindow.Entry entry : window.since(from)) {
        subscriber.send(entry.wire());
      }
      return Future.succeededFuture();
    }
    long until = window.start();
    return store.ops(key, from, until).compose(ops -> {
      for (StoredOp op : ops) {
        subscriber.send(OpFrames.of(key, op));
      }
      if (ops.size() != until - from) {
        return Future.failedFuture(new IllegalStateException("op log of " + key + " has a gap before " + until));
      }
      // More ops may have been committed (and the window moved on) while storage answered.
      return catchUp(subscriber, until);
    });
  }

  private void addSubscriber(Subscriber subscriber) {
    if (subscriber.isOpen()) {
      subscribers.add(subscriber);
      subscriberCount = subscribers.size();
    }
  }

  public Future<Void> unsubscribe(Subscriber subscriber) {
    subscribers.remove(subscriber);
    subscriberCount = subscribers.size();
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

  /** The content at {@code at} (null: now), rebuilt from the nearest milestone and the ops after it. */
  public Future<SnapshotView> snapshotAt(Caller caller, Long at) {
    return settled(() -> {
      access.require(caller, 'r', "reading a version of");
      return snapshotAtSettled(at);
    });
  }

  private Future<SnapshotView> snapshotAtSettled(Long at) {
    if (at == null || at == version) {
      return Future.succeededFuture(current());
    }
    if (at > version) {
      return Future.failedFuture(newerThanDocument(at));
    }
    return PastVersions.rebuild(store, key, at, storage.milestoneEvery());
  }

  /** Applies an op that is already in the log (loading, or catching up with another process). */
  void applyCommitted(StoredOp op) {
    if (op.version() != version) {
      throw new IllegalStateException("op " + op.version() + " of " + key + " does not follow version " + version);
    }
    if (op.isCreate()) {
      type = op.createType();
      data = Json.parse(op.createJson());
    } else {
      data = PastVersions.apply(key, data, op);
    }
    version++;
    window.add(new OpWindow.Entry(op, OpFrames.of(key, op)));
  }

  /** Sends a committed op to every subscriber but the one that submitted it (which gets an ack). */
  void broadcast(OpWindow.Entry entry, Subscriber except) {
    List<Subscriber> gone = null;
    for (Subscriber s : subscribers) {
      if (!s.isOpen()) {
        gone = gone == null ? new ArrayList<>() : gone;
        gone.add(s);
      } else if (s != except && !deliver(s, entry.wire())) {
        gone = gone == null ? new ArrayList<>() : gone;
        gone.add(s);
      }
    }
    if (gone != null) {
      gone.forEach(subscribers::remove);
      subscriberCount = subscribers.size();
    }
  }

  /** After a commit that began at {@code start}: keep a milestone if it entered a new bucket, and maybe a snapshot. */
  void afterCommit(long start) {
    int every = storage.milestoneEvery();
    if (type != null && start / every < version / every) {
      store.saveMilestone(key, new Snapshot(version, type, data), every).onFailure(e ->
          LOG.warn("{}: keeping the milestone at version {} failed", key, version, e));
    }
    maybeSaveSnapshot(false);
  }

  /** Sends one frame; false if the subscriber failed, which must not stop the document for everyone else. */
  boolean deliver(Subscriber subscriber, String frame) {
    try {
      subscriber.send(frame);
      return true;
    } catch (RuntimeException e) {
      LOG.warn("{}: sending to socket {} failed; dropping it", key, subscriber.connectionId(), e);
      return false;
    }
  }

  /** Writes the current snapshot if enough ops have passed (or {@code force}), one write at a time. */
  Future<Void> maybeSaveSnapshot(boolean force) {
    long behind = version - Math.max(storedSnapshotVersion, 0);
    if (savingSnapshot || type == null || behind == 0 || (!force && behind < storage.snapshotEvery())) {
      return Future.succeededFuture();
    }
    savingSnapshot = true;
    Snapshot snapshot = new Snapshot(version, type, data);
    // The store encodes the snapshot before returning, so later edits to data cannot leak into it.
    return store.saveSnapshot(key, storedSnapshotVersion, snapshot).transform(ar -> {
      savingSnapshot = false;
      if (ar.succeeded()) {
        storedSnapshotVersion = Math.max(storedSnapshotVersion, ar.result());
      } else {
        LOG.warn("saving the snapshot of {} at version {} failed; the op log still has every op", key,
            snapshot.version(), ar.cause());
      }
      return Future.<Void>succeededFuture();
    });
  }

  /** Server shutdown: stop taking work and write the snapshot if it changed. */
  Future<Void> shutdown() {
    subscribers.clear();
    subscriberCount = 0;
    return settled(() -> {
      closed = true;
      return maybeSaveSnapshot(true);
    });
  }

  /** Idle and unsubscribed: leave memory. The caller removes it from the registry. */
  boolean closeIfIdle() {
    if (closed || !subscribers.isEmpty() || pipeline.isBusy()) {
      return false;
    }
    closed = true;
    maybeSaveSnapshot(true);
    return true;
  }

  /** Storage failed in a way that leaves the in-memory state uncertain: drop it and tell subscribers. */
  void abandon(String reason) {
    closed = true;
    for (Subscriber s : subscribers) {
      s.documentLost(key, reason);
    }
    subscribers.clear();
    subscriberCount = 0;
    onAbandoned.run();
  }

  ProtocolException newerThanDocument(long at) {
    return new ProtocolException(ErrorCode.ERR_OP_VERSION_NEWER_THAN_CURRENT_SNAPSHOT,
        "Version " + at + " is newer than the document's version " + version);
  }
}

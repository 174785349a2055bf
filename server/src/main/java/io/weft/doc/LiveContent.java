package io.weft.doc;

import io.weft.json.Json;
import io.weft.ot.Applied;
import io.weft.ot.Component;
import io.weft.ot.Json0;
import io.weft.ot.OtException;
import io.weft.store.DocKey;
import io.weft.store.Snapshot;
import io.weft.store.StoredOp;
import java.util.ArrayList;
import java.util.List;

/**
 * A live document's content: its version, type and data, and the window of its latest committed ops.
 * Part of its {@link LiveDocument} and touched only on its context. Only the named operations below
 * change it, and they keep one invariant: the versions [{@link #committedVersion()}, {@link #version()})
 * are the ops of the batch in flight, applied to {@link #data()} but not yet durable, and the undo log
 * can take exactly them back. The {@link CommitPipeline} applies a batch tentatively, then either
 * advances to committed op by op as it publishes, or rolls the batch back when storage did not take it.
 */
final class LiveContent {
  private final DocKey key;
  /** The head: committed ops plus those of the batch in flight. */
  private long version;
  /** Null until the document is created. */
  private String type;
  private Object data;
  /** The latest committed ops; its end is the committed version. */
  private final OpWindow window;
  /** Undoes the in-memory application of the batch in flight, one entry per step, oldest first. */
  private final ArrayList<Undo> undo = new ArrayList<>();

  /** The committed content encoded once per version, however many sockets ask. */
  private String encodedJson;
  private long encodedVersion = -1;

  /** Restores the root and type (a step may replace the root) after running the step's own revert. */
  private record Undo(Runnable revert, Object rootBefore, String typeBefore) {
  }

  LiveContent(DocKey key, Snapshot snapshot, int windowCapacity) {
    this.key = key;
    this.version = snapshot.version();
    this.type = snapshot.type();
    this.data = snapshot.data();
    this.window = new OpWindow(windowCapacity, snapshot.version());
  }

  /** The head: the committed version, plus the ops of the batch in flight while one is prepared or written. */
  long version() {
    return version;
  }

  /** The document's type; null until it is created. */
  String type() {
    return type;
  }

  boolean exists() {
    return type != null;
  }

  /** The content at {@link #version()}: decoded JSON, to be changed only through this class. */
  Object data() {
    return data;
  }

  /** The version every durable, published op is below. */
  long committedVersion() {
    return window.end();
  }

  /** The oldest version still in memory; older ops are read from storage. */
  long windowStart() {
    return window.start();
  }

  /** The committed ops from {@code from} (at least {@link #windowStart()}) to the committed version. */
  List<OpWindow.Entry> committedSince(long from) {
    return window.since(from);
  }

  /** The content as readers may see it; call only when no batch is in flight. */
  SnapshotView view() {
    if (type == null) {
      return new SnapshotView(version, null, null);
    }
    if (encodedVersion != version) {
      encodedJson = Json.encode(data);
      encodedVersion = version;
    }
    return new SnapshotView(version, type, encodedJson);
  }

  /** The content as a snapshot to store (the store encodes it before returning). */
  Snapshot snapshot() {
    return new Snapshot(version, type, data);
  }

  // ---- the batch in flight ----

  /** A point to {@link #rollBackTo} if the op about to be applied is refused. */
  int savepoint() {
    return undo.size();
  }

  /** Applies one component of an op of the batch in flight, remembering how to undo it. */
  void applyTentatively(Component component) throws OtException {
    Applied applied = Json0.applyReversibly(data, List.of(component));
    undo.add(new Undo(applied.revert(), data, type));
    data = applied.doc();
  }

  /** Creates the document as an op of the batch in flight (it did not exist, so its version is 0). */
  void createTentatively(String newType, Object newData) {
    if (type != null || version != 0) {
      throw new IllegalStateException(key + " exists already at version " + version);
    }
    undo.add(new Undo(() -> { }, data, type));
    type = newType;
    data = newData;
  }

  /** The op just applied takes the next version, until the batch is published or rolled back. */
  long claimVersion() {
    return version++;
  }

  /** Undoes, newest first, what was applied since {@code savepoint}: the op being prepared was refused. */
  void rollBackTo(int savepoint) {
    for (int i = undo.size() - 1; i >= savepoint; i--) {
      Undo u = undo.remove(i);
      u.revert().run();
      data = u.rootBefore();
      type = u.typeBefore();
    }
  }

  /** The batch in flight was not written: back to the committed head, as if it had never been prepared. */
  void rollBack() {
    rollBackTo(0);
    version = window.end();
  }

  /**
   * The next op of the batch in flight is durable and published: it joins the window. Once the whole
   * batch has, there is nothing left to undo. Gives the entry to broadcast.
   */
  OpWindow.Entry advanceToCommitted(StoredOp op) {
    if (op.version() >= version) {
      throw new IllegalStateException("op " + op.version() + " of " + key + " was never applied");
    }
    OpWindow.Entry entry = new OpWindow.Entry(op, OpFrames.of(key, op));
    window.add(entry);
    if (window.end() == version) {
      undo.clear();
    }
    return entry;
  }

  /** Applies an op that is already in the log (loading, or catching up with another process); gives its entry. */
  OpWindow.Entry applyCommitted(StoredOp op) {
    if (op.version() != version || version != window.end()) {
      throw new IllegalStateException("op " + op.version() + " of " + key + " does not follow version " + version
          + " (committed: " + window.end() + ")");
    }
    if (op.isCreate()) {
      type = op.createType();
      data = Json.parse(op.createJson());
    } else {
      data = PastVersions.apply(key, data, op);
    }
    version++;
    OpWindow.Entry entry = new OpWindow.Entry(op, OpFrames.of(key, op));
    window.add(entry);
    return entry;
  }
}

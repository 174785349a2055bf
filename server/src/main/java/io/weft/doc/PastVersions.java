package io.weft.doc;

import io.vertx.core.Future;
import io.weft.json.Json;
import io.weft.ot.Json0;
import io.weft.ot.OtException;
import io.weft.store.DocKey;
import io.weft.store.DocumentStore;
import io.weft.store.StoredOp;

/** Rebuilds a document's content at an older version from the nearest milestone and the ops after it. */
final class PastVersions {
  private PastVersions() {
  }

  static Future<SnapshotView> rebuild(DocumentStore store, DocKey key, long at, int milestoneEvery) {
    return store.milestoneAtOrBefore(key, at, milestoneEvery)
        .compose(base -> store.ops(key, base.version(), at).map(ops -> {
          if (ops.size() != at - base.version()) {
            throw new IllegalStateException(
                "op log of " + key + " is missing ops between " + base.version() + " and " + at);
          }
          String t = base.type();
          Object d = base.data();
          for (StoredOp op : ops) {
            if (op.isCreate()) {
              t = op.createType();
              d = Json.parse(op.createJson());
            } else {
              d = apply(key, d, op);
            }
          }
          return new SnapshotView(at, t, t == null ? null : Json.encode(d));
        }));
  }

  /** Applies an edit that is already in the log: it applied once, so failing now means the log is damaged. */
  static Object apply(DocKey key, Object doc, StoredOp op) {
    try {
      return Json0.apply(doc, op.op());
    } catch (OtException e) {
      throw new IllegalStateException("committed op " + op.version() + " of " + key + " does not apply: "
          + e.getMessage(), e);
    }
  }
}

package io.weft.doc;

import io.vertx.core.Future;
import io.weft.json.Json;
import io.weft.store.StoredOp;
import java.util.ArrayList;
import java.util.List;

/**
 * Read-only access to a document's committed ops, as Webstrates' {@code getOps} returns them:
 * {@code [{"src","seq","v","op":[...]}, {"src","seq","v":0,"create":{"type","data"}}, ...]}. Recent ops
 * come from the document's window, older ones from storage. Call on the document's context (inside
 * {@code DocumentRegistry.withDocument}).
 */
public final class OpHistory {
  private OpHistory() {
  }

  /** The ops with {@code from <= v < to} ({@code to} past the head: up to the head), as a JSON array. */
  public static Future<String> json(LiveDocument doc, long from, long to) {
    LiveContent content = doc.content();
    long until = Math.min(to, content.committedVersion());
    if (from >= until) {
      return Future.succeededFuture("[]");
    }
    List<StoredOp> recent = new ArrayList<>();
    long windowFrom = Math.max(from, content.windowStart());
    if (windowFrom < until) {
      for (OpWindow.Entry entry : content.committedSince(windowFrom)) {
        if (entry.op().version() < until) {
          recent.add(entry.op());
        }
      }
    }
    Future<List<StoredOp>> older = from < windowFrom
        ? doc.store().ops(doc.key(), from, Math.min(windowFrom, until))
        : Future.succeededFuture(List.of());
    return older.map(old -> {
      StringBuilder out = new StringBuilder("[");
      for (StoredOp op : old) {
        append(out, op);
      }
      for (StoredOp op : recent) {
        append(out, op);
      }
      if (out.length() > 1) {
        out.setLength(out.length() - 1);
      }
      return out.append(']').toString();
    });
  }

  private static void append(StringBuilder out, StoredOp op) {
    out.append("{\"src\":").append(Json.quote(op.src()));
    if (op.seq() >= 0) {
      out.append(",\"seq\":").append(op.seq());
    }
    out.append(",\"v\":").append(op.version());
    if (op.isCreate()) {
      out.append(",\"create\":{\"type\":").append(Json.quote(op.createType()))
          .append(",\"data\":").append(op.createJson()).append('}');
    } else {
      out.append(",\"op\":").append(op.opJson());
    }
    out.append("},");
  }
}

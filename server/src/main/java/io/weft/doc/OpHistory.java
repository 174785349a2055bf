package io.weft.doc;

import io.vertx.core.Future;
import io.weft.json.Json;
import io.weft.store.StoredOp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Read-only access to a document's committed ops, as Webstrates' {@code getOps} returns them:
 * {@code [{"src","seq","v","op":[...]}, {"src","seq","v":0,"create":{"type","data"}}, ...]}, one page at
 * a time. A page holds the ops from {@code from} on, in order and without gaps, at most
 * {@code maxOps} of them and at most {@code maxBytes} bytes of JSON (but always at least one op, so a
 * reader that continues at the last op's {@code v + 1} always gets on). Recent ops come from the
 * document's window, older ones from storage, never more than one page of them. Call on the document's
 * context (inside {@code DocumentRegistry.withDocument}).
 */
public final class OpHistory {
  private OpHistory() {
  }

  /**
   * The first page of the ops with {@code from <= v < to} ({@code to} past the head: up to the head),
   * as a JSON array; empty when there are none.
   */
  public static Future<String> page(LiveDocument doc, long from, long to, int maxOps, long maxBytes) {
    LiveContent content = doc.content();
    long until = Math.min(to, content.committedVersion());
    if (from >= until) {
      return Future.succeededFuture("[]");
    }
    // from < until <= the head, so this cannot overflow.
    until = Math.min(until, from + maxOps);
    List<StoredOp> recent = new ArrayList<>();
    long windowFrom = Math.max(from, content.windowStart());
    if (windowFrom < until) {
      for (OpWindow.Entry entry : content.committedSince(windowFrom)) {
        if (entry.op().version() >= until) {
          break;
        }
        recent.add(entry.op());
      }
    }
    long storedUntil = Math.min(windowFrom, until);
    Future<List<StoredOp>> older = from < storedUntil
        ? doc.store().ops(doc.key(), from, storedUntil)
        : Future.succeededFuture(List.of());
    return older.map(old -> {
      Page page = new Page(from, maxBytes, doc);
      for (List<StoredOp> part : List.of(old, recent)) {
        for (StoredOp op : part) {
          if (!page.add(op)) {
            return page.json();
          }
        }
      }
      return page.json();
    });
  }

  /** A reply being built: ops in version order until the byte budget is spent. */
  private static final class Page {
    private final StringBuilder out = new StringBuilder("[");
    private final long maxBytes;
    private final LiveDocument doc;
    /** The version the next op must have; a gap means the log is damaged, never a shorter reply. */
    private long next;
    /** UTF-8 bytes of {@code out} plus the closing bracket. */
    private long bytes = 2;

    Page(long from, long maxBytes, LiveDocument doc) {
      this.next = from;
      this.maxBytes = maxBytes;
      this.doc = doc;
    }

    /** Adds the op if it fits; false once the page is full. */
    boolean add(StoredOp op) {
      if (op.version() != next) {
        throw new IllegalStateException("op log of " + doc.key() + " has a gap: expected version " + next
            + ", found " + op.version());
      }
      String json = encode(op);
      long size = json.getBytes(StandardCharsets.UTF_8).length + (out.length() > 1 ? 1 : 0);
      if (out.length() > 1 && bytes + size > maxBytes) {
        return false;
      }
      if (out.length() > 1) {
        out.append(',');
      }
      out.append(json);
      bytes += size;
      next++;
      return true;
    }

    String json() {
      if (out.length() == 1) {
        // Asked only for versions the document has committed: none found means the log lost them.
        throw new IllegalStateException("op log of " + doc.key() + " has no op at version " + next);
      }
      return out.append(']').toString();
    }
  }

  private static String encode(StoredOp op) {
    StringBuilder out = new StringBuilder("{\"src\":").append(Json.quote(op.src()));
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
    return out.append('}').toString();
  }
}

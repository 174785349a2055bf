package io.weft.store;

import io.weft.ot.Component;
import java.util.List;

/**
 * One committed op: the change that took the document from {@code version} to {@code version + 1}.
 * Either an edit ({@code op}, with its JSON text) or the create ({@code createType}, {@code createJson}).
 * JSON text is kept beside the parsed form so storage and every socket reuse one encoding.
 *
 * @param src the submitting client's id; with seq it identifies a submission across reconnects
 * @param seq the client's sequence number, or -1 for ops the server made
 * @param timestamp commit time, epoch milliseconds
 */
public record StoredOp(long version, String src, long seq, List<Component> op, String opJson, String createType,
    String createJson, long timestamp) {

  public static StoredOp edit(long version, String src, long seq, List<Component> op, String opJson, long timestamp) {
    return new StoredOp(version, src, seq, op, opJson, null, null, timestamp);
  }

  public static StoredOp create(long version, String src, long seq, String type, String dataJson, long timestamp) {
    return new StoredOp(version, src, seq, null, null, type, dataJson, timestamp);
  }

  public boolean isCreate() {
    return createType != null;
  }

  public boolean isSubmission(String otherSrc, long otherSeq) {
    return src != null && src.equals(otherSrc) && seq == otherSeq;
  }
}

package io.weft.doc;

import io.weft.json.Json;
import io.weft.store.DocKey;
import io.weft.store.StoredOp;

/** The op broadcast frame: {@code {"a":"op","c","d","v","src","seq","op":[...]}} (or {@code "create"}). */
final class OpFrames {
  private OpFrames() {
  }

  static String of(DocKey key, StoredOp op) {
    String body = op.isCreate()
        ? "\"create\":{\"type\":" + Json.quote(op.createType()) + ",\"data\":" + op.createJson() + "}"
        : "\"op\":" + op.opJson();
    StringBuilder out = new StringBuilder(body.length() + 128);
    out.append("{\"a\":\"op\",\"c\":").append(Json.quote(key.collection()))
        .append(",\"d\":").append(Json.quote(key.id()))
        .append(",\"v\":").append(op.version())
        .append(",\"src\":").append(Json.quote(op.src()));
    if (op.seq() >= 0) {
      out.append(",\"seq\":").append(op.seq());
    }
    return out.append(',').append(body).append('}').toString();
  }
}

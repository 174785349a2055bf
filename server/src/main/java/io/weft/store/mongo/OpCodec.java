package io.weft.store.mongo;

import io.weft.json.Json;
import io.weft.ot.Json0;
import io.weft.ot.OtException;
import io.weft.store.DocKey;
import io.weft.store.Snapshot;
import io.weft.store.StoredOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * BSON for the op log and snapshots. The log is a chain of commit records: each holds the ops of one
 * batch, versions [v, v + n), under the {@code _id} "collection/id/v". Every writer appends only at the
 * end of the chain it has read, so the primary key is the uniqueness rule: two writers that race for
 * a version race for the same {@code _id}, and one of them loses. Op and document content is stored as
 * JSON text: MongoDB field names cannot hold every attribute name a page has (dots, '$').
 */
final class OpCodec {
  private OpCodec() {
  }

  static String recordId(DocKey key, long version) {
    return key.collection() + "/" + key.id() + "/" + version;
  }

  static String snapshotId(DocKey key) {
    return key.collection() + "/" + key.id();
  }

  /**
   * A commit record. Its ops are one JSON text, {@code [{"src","seq","ts","op"|"createType"+"create"}]},
   * spliced from each op's own JSON: one string field is far cheaper to encode, store and journal than
   * a BSON array of sub-documents, and the log is read far less often than it is written.
   */
  static Document encodeRecord(DocKey key, List<StoredOp> batch) {
    StringBuilder ops = new StringBuilder(64 * batch.size());
    ops.append('[');
    for (StoredOp op : batch) {
      if (ops.length() > 1) {
        ops.append(',');
      }
      ops.append("{\"src\":").append(Json.encode(op.src()))
          .append(",\"seq\":").append(op.seq())
          .append(",\"ts\":").append(op.timestamp());
      if (op.isCreate()) {
        ops.append(",\"createType\":").append(Json.encode(op.createType()))
            .append(",\"create\":").append(op.createJson());
      } else {
        ops.append(",\"op\":").append(op.opJson());
      }
      ops.append('}');
    }
    ops.append(']');
    return new Document("_id", recordId(key, batch.get(0).version()))
        .append("c", key.collection())
        .append("d", key.id())
        .append("v", batch.get(0).version())
        .append("n", batch.size())
        .append("ops", ops.toString());
  }

  /** The first version of a commit record. */
  static long start(Document record) {
    return record.get("v", Number.class).longValue();
  }

  /** The version after a commit record's last op. */
  static long end(Document record) {
    return start(record) + record.get("n", Number.class).longValue();
  }

  @SuppressWarnings("unchecked")
  static List<StoredOp> decodeRecord(Document record) {
    long version = start(record);
    List<Object> ops = (List<Object>) Json.parse(record.getString("ops"));
    List<StoredOp> out = new ArrayList<>(ops.size());
    for (Object op : ops) {
      out.add(decodeOp(version++, (Map<String, Object>) op, record.get("_id")));
    }
    return out;
  }

  private static StoredOp decodeOp(long version, Map<String, Object> op, Object recordId) {
    String src = (String) op.get("src");
    long seq = ((Number) op.get("seq")).longValue();
    long ts = ((Number) op.get("ts")).longValue();
    String createType = (String) op.get("createType");
    if (createType != null) {
      return StoredOp.create(version, src, seq, createType, Json.encode(op.get("create")), ts);
    }
    try {
      return StoredOp.edit(version, src, seq, Json0.parse(op.get("op")), Json.encode(op.get("op")), ts);
    } catch (OtException e) {
      throw new IllegalStateException("op " + version + " in " + recordId + " is not a valid json0 op: "
          + e.getMessage(), e);
    }
  }

  static Document encodeSnapshot(String id, DocKey key, Snapshot snapshot) {
    return new Document("_id", id)
        .append("c", key.collection())
        .append("d", key.id())
        .append("v", snapshot.version())
        .append("type", snapshot.type())
        .append("data", snapshot.exists() ? Json.encode(snapshot.data()) : null)
        .append("mtime", System.currentTimeMillis());
  }

  static Snapshot decodeSnapshot(Document doc) {
    String type = doc.getString("type");
    String data = doc.getString("data");
    return new Snapshot(doc.get("v", Number.class).longValue(), type, data == null ? null : Json.parse(data));
  }
}

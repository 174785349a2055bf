package io.weft.store.mongo;

import io.weft.json.Json;
import io.weft.ot.Json0;
import io.weft.ot.OtException;
import io.weft.store.DocKey;
import io.weft.store.Snapshot;
import io.weft.store.StoredOp;
import java.util.ArrayList;
import java.util.List;
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

  static Document encodeRecord(DocKey key, List<StoredOp> batch) {
    List<Document> ops = new ArrayList<>(batch.size());
    for (StoredOp op : batch) {
      Document doc = new Document("src", op.src()).append("seq", op.seq()).append("ts", op.timestamp());
      if (op.isCreate()) {
        doc.append("createType", op.createType()).append("create", op.createJson());
      } else {
        doc.append("op", op.opJson());
      }
      ops.add(doc);
    }
    return new Document("_id", recordId(key, batch.get(0).version()))
        .append("c", key.collection())
        .append("d", key.id())
        .append("v", batch.get(0).version())
        .append("n", batch.size())
        .append("ops", ops);
  }

  /** The first version of a commit record. */
  static long start(Document record) {
    return record.get("v", Number.class).longValue();
  }

  /** The version after a commit record's last op. */
  static long end(Document record) {
    return start(record) + record.get("n", Number.class).longValue();
  }

  static List<StoredOp> decodeRecord(Document record) {
    long version = start(record);
    List<Document> ops = record.getList("ops", Document.class);
    List<StoredOp> out = new ArrayList<>(ops.size());
    for (Document doc : ops) {
      out.add(decodeOp(version++, doc, record.get("_id")));
    }
    return out;
  }

  private static StoredOp decodeOp(long version, Document doc, Object recordId) {
    String src = doc.getString("src");
    long seq = doc.get("seq", Number.class).longValue();
    long ts = doc.get("ts", Number.class).longValue();
    String createType = doc.getString("createType");
    if (createType != null) {
      return StoredOp.create(version, src, seq, createType, doc.getString("create"), ts);
    }
    String opJson = doc.getString("op");
    try {
      return StoredOp.edit(version, src, seq, Json0.parse(Json.parse(opJson)), opJson, ts);
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

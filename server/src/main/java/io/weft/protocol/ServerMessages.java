package io.weft.protocol;

import io.weft.json.Json;
import io.weft.ot.Json0;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every ShareDB message the server sends, encoded to its wire text. Large document data arrives
 * already encoded (see {@code SnapshotView}) and is spliced in rather than encoded again per socket.
 */
public final class ServerMessages {
  private static final int PROTOCOL = 1;
  private static final int PROTOCOL_MINOR = 2;

  private ServerMessages() {
  }

  /** {@code {"a":"init","protocol":1,"protocolMinor":2,"id":"<connection id>","type":"<json0>"}} */
  public static String init(String connectionId) {
    return greeting("init", connectionId);
  }

  /** The reply to {@code hs}: as init. */
  public static String handshake(String connectionId) {
    return greeting("hs", connectionId);
  }

  private static String greeting(String action, String connectionId) {
    return Json.encode(Json.object(
        "a", action,
        "protocol", PROTOCOL,
        "protocolMinor", PROTOCOL_MINOR,
        "id", connectionId,
        "type", Json0.TYPE_URI));
  }

  /**
   * The reply to {@code s} or {@code f} with a snapshot. A document that does not exist yet is
   * {@code {"v":0,"type":null}}, which tells ShareDB clients to create it.
   */
  public static String snapshot(String action, String collection, String docId, long version, String type,
      String dataJson) {
    StringBuilder out = new StringBuilder(dataJson == null ? 96 : dataJson.length() + 128);
    out.append("{\"a\":").append(Json.quote(action))
        .append(",\"c\":").append(Json.quote(collection))
        .append(",\"d\":").append(Json.quote(docId))
        .append(",\"data\":{\"v\":").append(version);
    if (type == null) {
      out.append(",\"type\":null}}");
    } else {
      out.append(",\"data\":").append(dataJson).append(",\"type\":").append(Json.quote(type)).append("}}");
    }
    return out.toString();
  }

  /** Ends a subscribe (or fetch) from a version, after the missed ops: {@code {"a":"s","c","d"}}. */
  public static String caughtUp(String action, String collection, String docId) {
    return Json.encode(Json.object("a", action, "c", collection, "d", docId));
  }

  /** The acknowledgement of a submitted op: the version it was applied at. */
  public static String ack(String collection, String docId, long version, String src, long seq) {
    return "{\"a\":\"op\",\"c\":" + Json.quote(collection) + ",\"d\":" + Json.quote(docId) + ",\"v\":" + version
        + ",\"src\":" + Json.quote(src) + ",\"seq\":" + seq + "}";
  }

  /** The reply to {@code nf}. */
  public static String snapshotAt(Object requestId, String collection, String docId, long version, String type,
      String dataJson) {
    StringBuilder out = new StringBuilder(dataJson == null ? 96 : dataJson.length() + 128);
    out.append("{\"a\":\"nf\",\"id\":").append(Json.encode(requestId))
        .append(",\"c\":").append(Json.quote(collection))
        .append(",\"d\":").append(Json.quote(docId))
        .append(",\"v\":").append(version)
        .append(",\"type\":").append(Json.quote(type));
    if (dataJson != null) {
      out.append(",\"data\":").append(dataJson);
    }
    return out.append('}').toString();
  }

  /** {@code {"a":"pp"}} */
  public static String pong() {
    return "{\"a\":\"pp\"}";
  }

  /** The request echoed with {@code "error":{"code","message"}}, as ShareDB replies. */
  public static String error(Map<String, Object> request, ErrorCode code, String message) {
    Map<String, Object> m = request == null ? new LinkedHashMap<>() : new LinkedHashMap<>(request);
    m.put("error", Json.object("code", code.name(), "message", message));
    return Json.encode(m);
  }
}

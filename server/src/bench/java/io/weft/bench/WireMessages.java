package io.weft.bench;

/**
 * The client messages of ShareDB protocol 1.2 that the benchmark sends, written by hand: every value
 * is a document id, a connection id, a number or a benchmark-made string that needs no escaping, and
 * the generator must not spend the CPU it is measuring with.
 */
final class WireMessages {
  static final String COLLECTION = "webstrates";
  static final String JSON0 = "http://sharejs.org/types/JSONv0";
  static final String HANDSHAKE = "{\"a\":\"hs\",\"id\":null,\"protocol\":1,\"protocolMinor\":2}";
  static final String ALIVE = "{\"type\":\"alive\"}";

  private WireMessages() {
  }

  static String create(String docId, String src, long seq, String dataJson) {
    return "{\"a\":\"op\",\"c\":\"" + COLLECTION + "\",\"d\":\"" + docId + "\",\"v\":0,\"src\":\"" + src
        + "\",\"seq\":" + seq + ",\"create\":{\"type\":\"" + JSON0 + "\",\"data\":" + dataJson + "}}";
  }

  static String subscribe(String docId) {
    return "{\"a\":\"s\",\"c\":\"" + COLLECTION + "\",\"d\":\"" + docId + "\"}";
  }

  /** A json0 op; {@code version} negative means {@code "v":null} (apply at the head). */
  static String op(String docId, long version, String src, long seq, String opJson) {
    return "{\"a\":\"op\",\"c\":\"" + COLLECTION + "\",\"d\":\"" + docId + "\",\"v\":"
        + (version < 0 ? "null" : Long.toString(version)) + ",\"src\":\"" + src + "\",\"seq\":" + seq
        + ",\"op\":" + opJson + "}";
  }

  /** The load op of load.js: set this client's own attribute on {@code <html>}, replacing its last value. */
  static String setHtmlAttribute(String key, String value, String previous) {
    return "[{\"p\":[1,\"" + key + "\"],\"oi\":\"" + value + "\""
        + (previous == null ? "" : ",\"od\":\"" + previous + "\"") + "}]";
  }

  static String snapshotAt(long requestId, String docId, long version) {
    return "{\"a\":\"nf\",\"id\":" + requestId + ",\"c\":\"" + COLLECTION + "\",\"d\":\"" + docId + "\",\"v\":"
        + version + "}";
  }
}

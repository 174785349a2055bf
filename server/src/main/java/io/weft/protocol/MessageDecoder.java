package io.weft.protocol;

import io.weft.json.Json;
import io.weft.json.JsonSyntaxException;
import io.weft.ot.Json0;
import io.weft.ot.OtException;
import java.util.Map;

/** Turns one text frame into a {@link ClientMessage}, or refuses it with a code saying why. */
public final class MessageDecoder {
  /** The only collection this server hosts: pages, as JsonML. */
  public static final String PAGES = "webstrates";

  private MessageDecoder() {
  }

  /** Parses the frame; a frame that is not a JSON object has no request to echo, so it is reported bare. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String frame) {
    Object parsed;
    try {
      parsed = Json.parse(frame);
    } catch (JsonSyntaxException e) {
      throw new ProtocolException(ErrorCode.ERR_MESSAGE_BADLY_FORMED, "Message is not valid JSON: " + e.getMessage());
    }
    if (!(parsed instanceof Map)) {
      throw new ProtocolException(ErrorCode.ERR_MESSAGE_BADLY_FORMED, "Message must be a JSON object");
    }
    return (Map<String, Object>) parsed;
  }

  public static ClientMessage decode(Map<String, Object> raw) {
    Object wa = raw.get("wa");
    if (wa != null) {
      return new ClientMessage.Webstrates(raw, WebstratesDecoder.decode(raw, wa));
    }
    Object action = raw.get("a");
    if (action == null) {
      if ("alive".equals(raw.get("type"))) {
        return new ClientMessage.Alive(raw);
      }
      throw new ProtocolException(ErrorCode.ERR_MESSAGE_BADLY_FORMED, "Message has no action ('a')");
    }
    if (!(action instanceof String a)) {
      throw new ProtocolException(ErrorCode.ERR_MESSAGE_BADLY_FORMED, "Action ('a') must be a string");
    }
    return switch (a) {
      case "hs" -> new ClientMessage.Handshake(raw);
      case "s" -> new ClientMessage.Subscribe(raw, collection(raw), docId(raw), version(raw));
      case "f" -> new ClientMessage.Fetch(raw, collection(raw), docId(raw), version(raw));
      case "u" -> new ClientMessage.Unsubscribe(raw, collection(raw), docId(raw));
      case "nf" -> new ClientMessage.SnapshotFetch(raw, raw.get("id"), collection(raw), docId(raw), version(raw));
      case "op" -> submit(raw);
      case "pp" -> new ClientMessage.Ping(raw);
      default -> throw new ProtocolException(ErrorCode.ERR_UNKNOWN_ACTION, "Unknown action '" + abbreviate(a) + "'");
    };
  }

  private static ClientMessage.Submit submit(Map<String, Object> raw) {
    String collection = collection(raw);
    String docId = docId(raw);
    Long version = version(raw);
    Object src = raw.get("src");
    if (src != null && !(src instanceof String)) {
      throw new ProtocolException(ErrorCode.ERR_MESSAGE_BADLY_FORMED, "src must be a string");
    }
    Object seq = raw.get("seq");
    if (!(seq instanceof Integer || seq instanceof Long) || ((Number) seq).longValue() < 0) {
      throw new ProtocolException(ErrorCode.ERR_MESSAGE_BADLY_FORMED, "seq must be a non-negative integer");
    }
    boolean hasOp = raw.containsKey("op");
    boolean hasCreate = raw.containsKey("create");
    if (raw.containsKey("del")) {
      throw new ProtocolException(ErrorCode.ERR_OP_SUBMIT_REJECTED, "Deleting documents is not supported");
    }
    if (hasOp == hasCreate) {
      throw new ProtocolException(ErrorCode.ERR_MESSAGE_BADLY_FORMED, "An op message needs exactly one of 'op' and 'create'");
    }
    if (hasCreate) {
      return new ClientMessage.Submit(raw, collection, docId, version, (String) src, ((Number) seq).longValue(), null,
          creation(raw.get("create")));
    }
    try {
      return new ClientMessage.Submit(raw, collection, docId, version, (String) src, ((Number) seq).longValue(),
          Json0.parse(raw.get("op")), null);
    } catch (OtException e) {
      throw new ProtocolException(ErrorCode.ERR_OT_OP_BADLY_FORMED, e.getMessage());
    }
  }

  private static ClientMessage.Creation creation(Object create) {
    if (!(create instanceof Map<?, ?> map)) {
      throw new ProtocolException(ErrorCode.ERR_MESSAGE_BADLY_FORMED, "create must be an object {type, data}");
    }
    Object type = map.get("type");
    if (!Json0.TYPE_URI.equals(type) && !"json0".equals(type)) {
      throw new ProtocolException(ErrorCode.ERR_DOC_TYPE_NOT_RECOGNIZED,
          "Unknown document type; this server supports " + Json0.TYPE_URI);
    }
    if (!map.containsKey("data")) {
      throw new ProtocolException(ErrorCode.ERR_MESSAGE_BADLY_FORMED, "create needs initial data");
    }
    String problem = Json0.problemWithValue(map.get("data"));
    if (problem != null) {
      throw new ProtocolException(ErrorCode.ERR_OP_SUBMIT_REJECTED, "The initial data " + problem);
    }
    return new ClientMessage.Creation(Json0.TYPE_URI, map.get("data"));
  }

  private static String collection(Map<String, Object> raw) {
    Object c = raw.get("c");
    if (!(c instanceof String s)) {
      throw new ProtocolException(ErrorCode.ERR_MESSAGE_BADLY_FORMED, "Missing collection ('c')");
    }
    if (!PAGES.equals(s)) {
      throw new ProtocolException(ErrorCode.ERR_UNKNOWN_COLLECTION,
          "Unknown collection '" + abbreviate(s) + "'; documents live in '" + PAGES + "'");
    }
    return s;
  }

  private static String docId(Map<String, Object> raw) {
    Object d = raw.get("d");
    if (!(d instanceof String s) || !DocIds.isValid(s)) {
      throw new ProtocolException(ErrorCode.ERR_INVALID_DOC_ID,
          "Invalid document id: ids are 1 to 64 characters of A-Z, a-z, 0-9, '_' and '-'");
    }
    return s;
  }

  private static Long version(Map<String, Object> raw) {
    Object v = raw.get("v");
    if (v == null) {
      return null;
    }
    if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < 0) {
      throw new ProtocolException(ErrorCode.ERR_MESSAGE_BADLY_FORMED, "Version ('v') must be a non-negative integer or null");
    }
    return ((Number) v).longValue();
  }

  static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}

package io.weft.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@code wa} message into a {@link WebstratesRequest}, or refuses it with a code: malformed
 * input is {@code ERR_MESSAGE_BADLY_FORMED}, a bad {@code d} {@code ERR_INVALID_DOC_ID}, an action this
 * server does not know {@code ERR_UNKNOWN_ACTION}. Fields are read where Webstrates clients put them:
 * some at the top level, some under {@code options}, some in either.
 */
final class WebstratesDecoder {
  /** Longest node id a signal may name (wids are 8 characters). */
  private static final int MAX_NODE_ID = 256;
  private static final int MAX_TOKEN_ID = 64;

  private WebstratesDecoder() {
  }

  static WebstratesRequest decode(Map<String, Object> raw, Object wa) {
    if (!(wa instanceof String action)) {
      throw ProtocolException.malformed("Webstrates action ('wa') must be a string");
    }
    Object d = raw.get("d");
    if (d != null && !(d instanceof String s && DocIds.isValid(s))) {
      throw new ProtocolException(ErrorCode.ERR_INVALID_DOC_ID, "Invalid document id");
    }
    Object token = raw.get("token");
    Map<?, ?> options = raw.get("options") instanceof Map<?, ?> m ? m : Map.of();
    return switch (action) {
      case "ready" -> new WebstratesRequest.Ready(token, docId(d));
      case "subscribe" -> new WebstratesRequest.Listen(token, docId(d), nodeId(raw), true);
      case "unsubscribe" -> new WebstratesRequest.Listen(token, docId(d), nodeId(raw), false);
      case "publish" -> new WebstratesRequest.Publish(token, docId(d), nodeId(raw), raw.get("m"), recipients(raw));
      case "getOps" -> new WebstratesRequest.GetOps(token, docId(d), version(raw, options, "from", 0L),
          version(raw, options, "to", Long.MAX_VALUE));
      case "createToken" -> new WebstratesRequest.CreateToken(token, docId(d), maxAge(options));
      case "getTokens" -> new WebstratesRequest.GetTokens(token, docId(d));
      case "removeToken" -> new WebstratesRequest.RemoveToken(token, docId(d), tokenId(options));
      case "createInvite" -> new WebstratesRequest.CreateInvite(token, docId(d), letters(options.get("permissions")),
          whole(options, "maxAge"), whole(options, "maxUses"));
      case "getInvites" -> new WebstratesRequest.GetInvites(token, docId(d));
      case "removeInvite" -> new WebstratesRequest.RemoveInvite(token, docId(d), text(raw, options, "key", "id"));
      case "checkInvite" -> new WebstratesRequest.CheckInvite(token, docId(d), text(raw, options, "key"));
      case "acceptInvite" -> new WebstratesRequest.AcceptInvite(token, docId(d), text(raw, options, "key"));
      case "emailInvite", "getEmailInvites", "resendEmailInvite", "getMyEmailInvites",
          "acceptEmailInvite", "declineEmailInvite", "verifyEmail" -> EmailInviteDecoder.decode(action, token, docId(d), raw, options);
      case "createInteractiveInvite", "redeemInviteCode", "authenticateInvite", "cancelInvitation",
          "rejectInviteGuest", "getInteractiveInvites" -> InteractiveInviteRequests.decode(action, token, docId(d), raw, options);
      default -> throw new ProtocolException(ErrorCode.ERR_UNKNOWN_ACTION,
          "Unknown action '" + MessageDecoder.abbreviate(action) + "'");
    };
  }

  private static String docId(Object d) {
    if (d == null) {
      throw new ProtocolException(ErrorCode.ERR_INVALID_DOC_ID, "Missing document id ('d')");
    }
    return (String) d;
  }

  private static String nodeId(Map<String, Object> raw) {
    if (!(raw.get("id") instanceof String id) || id.isEmpty() || id.length() > MAX_NODE_ID) {
      throw ProtocolException.malformed("'id' must be a node's __wid or \"document\"");
    }
    return id;
  }

  private static List<String> recipients(Map<String, Object> raw) {
    Object value = raw.get("recipients");
    if (value == null) {
      return null;
    }
    if (!(value instanceof List<?> list)) {
      throw ProtocolException.malformed("'recipients' must be a list of client ids");
    }
    List<String> ids = new ArrayList<>(list.size());
    for (Object o : list) {
      if (!(o instanceof String s)) {
        throw ProtocolException.malformed("'recipients' must be a list of client ids");
      }
      ids.add(s);
    }
    return ids;
  }

  /** A version field, at the top level as Webstrates sends it or under {@code options}. */
  private static long version(Map<String, Object> raw, Map<?, ?> options, String field, long absent) {
    Object value = raw.get(field);
    if (value == null) {
      value = options.get(field);
    }
    if (value == null) {
      return absent;
    }
    if (!isWhole(value) || ((Number) value).longValue() < 0) {
      throw ProtocolException.malformed("'" + field + "' must be a non-negative integer version");
    }
    return ((Number) value).longValue();
  }

  private static Long maxAge(Map<?, ?> options) {
    Object value = options.get("maxAge");
    if (value == null) {
      return null;
    }
    if (!isWhole(value) || ((Number) value).longValue() <= 0) {
      throw ProtocolException.malformed("'maxAge' must be a positive number of seconds");
    }
    return ((Number) value).longValue();
  }

  private static String tokenId(Map<?, ?> options) {
    if (!(options.get("id") instanceof String id) || id.isEmpty() || id.length() > MAX_TOKEN_ID) {
      throw ProtocolException.malformed("'id' must name an access token (from getTokens or createToken)");
    }
    return id;
  }

  private static String letters(Object value) {
    if (value != null && !(value instanceof String)) {
      throw ProtocolException.malformed("'permissions' must be a string of the letters r, w and a");
    }
    return (String) value;
  }

  private static Long whole(Map<?, ?> options, String field) {
    Object value = options.get(field);
    if (value == null) {
      return null;
    }
    if (!isWhole(value)) {
      throw ProtocolException.malformed("'" + field + "' must be a whole number");
    }
    return ((Number) value).longValue();
  }

  /** The first of {@code fields} given as a string, in {@code options} or beside it. */
  private static String text(Map<String, Object> raw, Map<?, ?> options, String... fields) {
    for (String field : fields) {
      Object value = options.containsKey(field) ? options.get(field) : raw.get(field);
      if (value instanceof String s) {
        return s;
      }
    }
    throw ProtocolException.malformed(
        "'" + fields[0] + "' must be the invite's key" + (fields.length > 1 ? " (or its id)" : ""));
  }

  private static boolean isWhole(Object value) {
    return value instanceof Integer || value instanceof Long;
  }
}

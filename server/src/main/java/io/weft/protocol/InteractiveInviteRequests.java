package io.weft.protocol;

import java.util.Map;

/**
 * The interactive invitation requests ({@code wa}), decoded. Fields come under {@code options} or beside
 * it. Ranges (how long, which rights) are the invitation rules' to judge.
 */
public final class InteractiveInviteRequests {
  /** Codes are 16 characters in groups; anything much longer is not one. */
  private static final int MAX_CODE_LENGTH = 64;
  private static final int MAX_ID_LENGTH = 64;
  private static final int MAX_PIN_LENGTH = 16;

  private InteractiveInviteRequests() {
  }

  /** {@code {"wa":"createInteractiveInvite","d","options":{"permissions","maxAge","multiUse"}}}; each null when absent. */
  public record CreateInteractiveInvite(Object token, String docId, String permissions, Long maxAgeSeconds,
      boolean multiUse) implements WebstratesRequest.InteractiveRequest {
  }

  /** {@code {"wa":"redeemInviteCode","d","options":{"code"}}}; {@code d} is the caller's page, the code names the invitation's. */
  public record RedeemInviteCode(Object token, String docId, String code) implements WebstratesRequest.InteractiveRequest {
  }

  /** {@code {"wa":"authenticateInvite","d","options":{"id","pin"}}} */
  public record AuthenticateInvite(Object token, String docId, String id, String pin)
      implements WebstratesRequest.InteractiveRequest {
  }

  /** {@code {"wa":"cancelInvitation","d","options":{"id"}}} */
  public record CancelInvitation(Object token, String docId, String id) implements WebstratesRequest.InteractiveRequest {
  }

  /** {@code {"wa":"rejectInviteGuest","d","options":{"id"}}} */
  public record RejectInviteGuest(Object token, String docId, String id) implements WebstratesRequest.InteractiveRequest {
  }

  /** {@code {"wa":"getInteractiveInvites","d"}} */
  public record GetInteractiveInvites(Object token, String docId) implements WebstratesRequest.InteractiveRequest {
  }

  static WebstratesRequest decode(String action, Object token, String docId, Map<String, Object> raw, Map<?, ?> options) {
    return switch (action) {
      case "createInteractiveInvite" -> new CreateInteractiveInvite(token, docId, permissions(options),
          maxAge(options), flag(options, "multiUse"));
      case "redeemInviteCode" -> new RedeemInviteCode(token, docId, text(raw, options, "code", MAX_CODE_LENGTH));
      case "authenticateInvite" -> new AuthenticateInvite(token, docId, text(raw, options, "id", MAX_ID_LENGTH),
          text(raw, options, "pin", MAX_PIN_LENGTH));
      case "cancelInvitation" -> new CancelInvitation(token, docId, text(raw, options, "id", MAX_ID_LENGTH));
      case "rejectInviteGuest" -> new RejectInviteGuest(token, docId, text(raw, options, "id", MAX_ID_LENGTH));
      default -> new GetInteractiveInvites(token, docId);
    };
  }

  private static String permissions(Map<?, ?> options) {
    Object value = options.get("permissions");
    if (value != null && !(value instanceof String)) {
      throw ProtocolException.malformed("'permissions' must be a string of the letters r, w and a");
    }
    return (String) value;
  }

  private static Long maxAge(Map<?, ?> options) {
    Object value = options.get("maxAge");
    if (value == null) {
      return null;
    }
    if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() <= 0) {
      throw ProtocolException.malformed("'maxAge' must be a positive number of seconds");
    }
    return ((Number) value).longValue();
  }

  private static boolean flag(Map<?, ?> options, String field) {
    Object value = options.get(field);
    if (value != null && !(value instanceof Boolean)) {
      throw ProtocolException.malformed("'" + field + "' must be true or false");
    }
    return Boolean.TRUE.equals(value);
  }

  private static String text(Map<String, Object> raw, Map<?, ?> options, String field, int maxLength) {
    Object value = options.containsKey(field) ? options.get(field) : raw.get(field);
    if (!(value instanceof String s) || s.isEmpty() || s.length() > maxLength) {
      throw ProtocolException.malformed("'" + field + "' must be a string of at most " + maxLength + " characters");
    }
    return s;
  }
}

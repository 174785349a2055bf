package io.weft.protocol;

import java.util.List;
import java.util.Map;

/** The email invitation family of {@code wa} requests, read from {@code options} (or beside it). */
final class EmailInviteDecoder {
  private static final int MAX_ID = 64;

  private EmailInviteDecoder() {
  }

  static WebstratesRequest decode(String action, Object token, String docId, Map<String, Object> raw, Map<?, ?> options) {
    return switch (action) {
      case "emailInvite" -> new WebstratesRequest.EmailInvite(token, docId, emails(options),
          optionalText(raw, options, "permissions"), maxAge(options), optionalText(raw, options, "message"));
      case "getEmailInvites" -> new WebstratesRequest.GetEmailInvites(token, docId, optionalText(raw, options, "status"),
          optionalText(raw, options, "email"));
      case "resendEmailInvite" -> new WebstratesRequest.ResendEmailInvite(token, docId, id(raw, options));
      case "getMyEmailInvites" -> new WebstratesRequest.GetMyEmailInvites(token, docId);
      case "acceptEmailInvite" -> new WebstratesRequest.AcceptEmailInvite(token, docId, id(raw, options));
      case "declineEmailInvite" -> new WebstratesRequest.DeclineEmailInvite(token, docId, id(raw, options));
      case "verifyEmail" -> new WebstratesRequest.VerifyEmail(token, docId);
      default -> throw new IllegalArgumentException(action);
    };
  }

  private static List<?> emails(Map<?, ?> options) {
    if (!(options.get("emails") instanceof List<?> list)) {
      throw ProtocolException.malformed("'emails' must be a list of email addresses");
    }
    return list;
  }

  private static Long maxAge(Map<?, ?> options) {
    Object value = options.get("maxAge");
    if (value == null) {
      return null;
    }
    if (!(value instanceof Integer || value instanceof Long)) {
      throw ProtocolException.malformed("'maxAge' must be a whole number of seconds");
    }
    return ((Number) value).longValue();
  }

  private static String optionalText(Map<String, Object> raw, Map<?, ?> options, String field) {
    Object value = options.containsKey(field) ? options.get(field) : raw.get(field);
    if (value != null && !(value instanceof String)) {
      throw ProtocolException.malformed("'" + field + "' must be a string");
    }
    return (String) value;
  }

  private static String id(Map<String, Object> raw, Map<?, ?> options) {
    String id = optionalText(raw, options, "id");
    if (id == null || id.isEmpty() || id.length() > MAX_ID) {
      throw ProtocolException.malformed("'id' must name an invitation");
    }
    return id;
  }
}

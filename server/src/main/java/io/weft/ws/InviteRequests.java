package io.weft.ws;

import io.weft.invite.InviteDesk;
import io.weft.protocol.ClientMessage;
import io.weft.protocol.ErrorCode;
import io.weft.protocol.ProtocolException;
import java.util.Map;
import java.util.Set;

/**
 * Invites over the socket, Webstrates' {@code wa} actions with {@code d} naming any document (so one
 * page can manage another's invites); the rules are {@link InviteDesk}'s.
 * <ul>
 *   <li>{@code createInvite {options:{permissions, maxAge, maxUses}}}: the invite, with its key and link, once.</li>
 *   <li>{@code getInvites}: the caller's live invites (never keys), each with who accepted it.</li>
 *   <li>{@code removeInvite {options:{key | id}}}: cancels one.</li>
 *   <li>{@code checkInvite {options:{key}}}, {@code acceptInvite {options:{key}}}: refusals carry a {@code code}.</li>
 * </ul>
 * A key or id may also come at the top level of the request, beside {@code options}.
 */
final class InviteRequests {
  private static final Set<String> ACTIONS = Set.of("createInvite", "getInvites", "removeInvite", "checkInvite",
      "acceptInvite");

  private final InviteDesk desk;

  InviteRequests(InviteDesk desk) {
    this.desk = desk;
  }

  static boolean handles(String action) {
    return ACTIONS.contains(action);
  }

  void handle(Session socket, ClientMessage.WebstratesRequest request, String docId) {
    Map<?, ?> options = request.raw().get("options") instanceof Map<?, ?> m ? m : Map.of();
    Replies.answer(socket, request, () -> switch (request.action()) {
      case "createInvite" -> desk.create(socket.caller(), docId, new InviteDesk.Request(
          letters(options.get("permissions")), whole(options, "maxAge"), whole(options, "maxUses")));
      case "getInvites" -> desk.list(socket.caller(), docId);
      case "removeInvite" -> desk.cancel(socket.caller(), docId, text(request, options, "key", "id"));
      case "checkInvite" -> desk.check(socket.caller(), socket.remoteAddress(), docId, text(request, options, "key"));
      case "acceptInvite" -> desk.accept(socket.caller(), socket.remoteAddress(), docId, text(request, options, "key"))
          .map(InviteDesk.Accepted::describe);
      default -> throw new IllegalArgumentException(request.action());
    });
  }

  private static String letters(Object value) {
    if (value != null && !(value instanceof String)) {
      throw refused("'permissions' must be a string of the letters r, w and a");
    }
    return (String) value;
  }

  private static Long whole(Map<?, ?> options, String field) {
    Object value = options.get(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Integer || value instanceof Long)) {
      throw refused("'" + field + "' must be a whole number");
    }
    return ((Number) value).longValue();
  }

  /** The first of {@code fields} given as a string, in {@code options} or beside it. */
  private static String text(ClientMessage.WebstratesRequest request, Map<?, ?> options, String... fields) {
    for (String field : fields) {
      Object value = options.containsKey(field) ? options.get(field) : request.raw().get(field);
      if (value instanceof String s) {
        return s;
      }
    }
    throw refused("'" + fields[0] + "' must be the invite's key" + (fields.length > 1 ? " (or its id)" : ""));
  }

  private static ProtocolException refused(String message) {
    return new ProtocolException(ErrorCode.ERR_FORBIDDEN, message);
  }
}

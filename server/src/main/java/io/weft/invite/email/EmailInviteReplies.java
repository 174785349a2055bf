package io.weft.invite.email;

import io.weft.json.Json;
import io.weft.protocol.MessageDecoder;
import io.weft.user.User;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every shape email invitations put on the wire: records, the per-address send answer, lists, events. */
final class EmailInviteReplies {
  private EmailInviteReplies() {
  }

  /**
   * An invitation: {@code {"id","webstrateId","email","permissions","message","invitedBy":{username,
   * provider,displayName},"createdAt","expiresAt","status","statusAt","acceptedBy","declinedAt",
   * "delivery":{"state","attempts","lastError","sentAt"}}}.
   */
  static Map<String, Object> record(EmailInvite invite, long now) {
    Status status = invite.statusAt(now);
    return Json.object(
        "id", invite.id(),
        "webstrateId", invite.docId(),
        "email", invite.email(),
        "permissions", invite.rights().toString(),
        "message", invite.message(),
        "invitedBy", person(invite.inviter()),
        "createdAt", time(invite.createdAtMillis()),
        "expiresAt", time(invite.expiresAtMillis()),
        "status", status.wire(),
        "statusAt", time(status == Status.EXPIRED && invite.stored() == Status.PENDING ? invite.expiresAtMillis()
            : invite.statusAtMillis()),
        "acceptedBy", status == Status.ACCEPTED && invite.by() != null ? person(invite.by()) : null,
        "declinedAt", status == Status.DECLINED ? time(invite.statusAtMillis()) : null,
        "delivery", delivery(invite));
  }

  static Map<String, Object> delivery(EmailInvite invite) {
    return Json.object("state", invite.delivery(), "attempts", invite.attempts(), "lastError", invite.lastError(),
        "sentAt", invite.sentAtMillis() == 0 ? null : time(invite.sentAtMillis()));
  }

  /** One address that was not invited: {@code {"email","code","error"}}. */
  static Map<String, Object> error(Object email, String code, String message) {
    return Json.object("email", email, "code", code, "error", message);
  }

  /** The answer to a send: {@code {"success":[record...],"errors":[{email,code,error}...]}}, in the order asked. */
  static Map<String, Object> sent(List<Map<String, Object>> success, List<Map<String, Object>> errors) {
    return Json.object("success", success, "errors", errors);
  }

  /** A page's invitations and how many there are in each status: {@code {"invitations":[..],"counts":{pending:n,..}}}. */
  static Map<String, Object> listed(List<EmailInvite> all, Status onlyStatus, long now) {
    Map<String, Object> counts = new LinkedHashMap<>();
    for (Status s : Status.values()) {
      if (s != Status.ACCEPTING) {
        counts.put(s.wire(), 0);
      }
    }
    List<Map<String, Object>> shown = new java.util.ArrayList<>();
    for (EmailInvite invite : all) {
      Status status = invite.statusAt(now);
      counts.merge(status.wire(), 1, (a, b) -> (Integer) a + (Integer) b);
      if (onlyStatus == null || onlyStatus == status) {
        shown.add(record(invite, now));
      }
    }
    return Json.object("invitations", shown, "counts", counts);
  }

  /**
   * The event every change sends to the inviter's and the page admins' sockets:
   * {@code {"wa":"emailInvitation","d","id","webstrateId","email","status","delivery":{..},"c":"webstrates"}}.
   */
  static String event(EmailInvite invite, long now) {
    return Json.encode(Json.object(
        "wa", "emailInvitation",
        "d", invite.docId(),
        "id", invite.id(),
        "webstrateId", invite.docId(),
        "email", invite.email(),
        "status", invite.statusAt(now).wire(),
        "delivery", delivery(invite),
        "c", MessageDecoder.PAGES));
  }

  /**
   * What the invited person's own sockets hear when an invitation to their address changes:
   * {@code {"wa":"myInvitationsChanged","c":"webstrates"}}, nothing more (they ask for the list again).
   */
  static final String RECIPIENT_EVENT = Json.encode(Json.object("wa", "myInvitationsChanged", "c", MessageDecoder.PAGES));

  private static Map<String, Object> person(User user) {
    return Json.object("username", user.username(), "provider", user.provider(), "displayName", user.displayName());
  }

  private static String time(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }
}

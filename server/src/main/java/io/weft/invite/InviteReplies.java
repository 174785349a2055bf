package io.weft.invite;

import io.weft.json.Json;
import io.weft.protocol.MessageDecoder;
import io.weft.user.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every shape the invite family puts on the wire: the {@code reply} of each invite request and the
 * {@code inviteAccepted} event. Invites show Webstrates' fields ({@code _id}, {@code createdBy}) beside
 * Weft's.
 */
public final class InviteReplies {
  private InviteReplies() {
  }

  /**
   * An invite as replies show it: {@code {"id","_id","webstrateId","permissions","createdAt","expiresAt",
   * "createdBy":{username,provider,displayName},"maxUses","uses"}} ({@code maxUses} null: any number).
   */
  static Map<String, Object> invite(Invite invite) {
    return Json.object(
        "id", invite.id(),
        "_id", invite.id(),
        "webstrateId", invite.docId(),
        "permissions", invite.rights().toString(),
        "createdAt", Instant.ofEpochMilli(invite.createdAtMillis()).toString(),
        "expiresAt", Instant.ofEpochMilli(invite.expiresAtMillis()).toString(),
        "createdBy", person(invite.creator()),
        "maxUses", invite.maxUses() == 0 ? null : invite.maxUses(),
        "uses", invite.uses());
  }

  /** createInvite: the invite with its {@code key} and link {@code url}, shown this once. */
  static Map<String, Object> created(Invite invite, String key) {
    Map<String, Object> m = invite(invite);
    m.put("key", key);
    m.put("url", InviteDesk.link(invite.docId(), key));
    return m;
  }

  /** getInvites: each invite with {@code "acceptedBy":[{username,provider,displayName,at,before,after}]}. */
  static List<Map<String, Object>> listed(List<Invite> invites, Map<String, List<Invites.Acceptance>> accepted) {
    List<Map<String, Object>> out = new ArrayList<>(invites.size());
    for (Invite invite : invites) {
      Map<String, Object> m = invite(invite);
      m.put("acceptedBy", accepted.getOrDefault(invite.id(), List.of()).stream().map(InviteReplies::acceptance).toList());
      out.add(m);
    }
    return out;
  }

  /** removeInvite: {@code {"acknowledged":true,"deletedCount":1,"id"}}, as Webstrates answers. */
  static Map<String, Object> cancelled(Invite invite) {
    return Json.object("acknowledged", true, "deletedCount", 1, "id", invite.id());
  }

  /** checkInvite: the invite with {@code "valid":true} and the inviter's display name. */
  static Map<String, Object> checked(Invite invite) {
    Map<String, Object> m = invite(invite);
    m.put("valid", true);
    m.put("inviter", invite.creator().displayName());
    return m;
  }

  /** acceptInvite: {@code {"webstrateId","permissions","before","version"}} ({@code version} null: nothing written). */
  public static Map<String, Object> accepted(InviteDesk.Accepted accepted) {
    return Json.object(
        "webstrateId", accepted.docId(),
        "permissions", accepted.after().toString(),
        "before", accepted.before().toString(),
        "version", accepted.version() < 0 ? null : accepted.version());
  }

  /**
   * The event to the inviter's sockets: {@code {"wa":"inviteAccepted","d","invite":<id>,"user":{..},
   * "permissions","before","at","c":"webstrates"}}.
   */
  static String acceptedEvent(String inviteId, User user, InviteDesk.Accepted accepted) {
    return Json.encode(Json.object(
        "wa", "inviteAccepted",
        "d", accepted.docId(),
        "invite", inviteId,
        "user", user.toHello(),
        "permissions", accepted.after().toString(),
        "before", accepted.before().toString(),
        "at", Instant.now().toString(),
        "c", MessageDecoder.PAGES));
  }

  private static Map<String, Object> acceptance(Invites.Acceptance a) {
    Map<String, Object> m = new LinkedHashMap<>(person(a.user()));
    m.put("at", Instant.ofEpochMilli(a.atMillis()).toString());
    m.put("before", a.before().toString());
    m.put("after", a.after().toString());
    return m;
  }

  private static Map<String, Object> person(User user) {
    return Json.object("username", user.username(), "provider", user.provider(), "displayName", user.displayName());
  }
}

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
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", invite.id());
    m.put("_id", invite.id());
    m.put("webstrateId", invite.docId());
    m.put("permissions", invite.rights().toString());
    m.put("createdAt", Instant.ofEpochMilli(invite.createdAtMillis()).toString());
    m.put("expiresAt", Instant.ofEpochMilli(invite.expiresAtMillis()).toString());
    m.put("createdBy", person(invite.creator()));
    m.put("maxUses", invite.maxUses() == 0 ? null : invite.maxUses());
    m.put("uses", invite.uses());
    return m;
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
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("acknowledged", true);
    m.put("deletedCount", 1);
    m.put("id", invite.id());
    return m;
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
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("webstrateId", accepted.docId());
    m.put("permissions", accepted.after().toString());
    m.put("before", accepted.before().toString());
    m.put("version", accepted.version() < 0 ? null : accepted.version());
    return m;
  }

  /**
   * The event to the inviter's sockets: {@code {"wa":"inviteAccepted","d","invite":<id>,"user":{..},
   * "permissions","before","at","c":"webstrates"}}.
   */
  static String acceptedEvent(Invite invite, User user, InviteDesk.Accepted accepted) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("wa", "inviteAccepted");
    m.put("d", invite.docId());
    m.put("invite", invite.id());
    m.put("user", user.toHello());
    m.put("permissions", accepted.after().toString());
    m.put("before", accepted.before().toString());
    m.put("at", Instant.now().toString());
    m.put("c", MessageDecoder.PAGES);
    return Json.encode(m);
  }

  private static Map<String, Object> acceptance(Invites.Acceptance a) {
    Map<String, Object> m = new LinkedHashMap<>(person(a.user()));
    m.put("at", Instant.ofEpochMilli(a.atMillis()).toString());
    m.put("before", a.before().toString());
    m.put("after", a.after().toString());
    return m;
  }

  private static Map<String, Object> person(User user) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("username", user.username());
    m.put("provider", user.provider());
    m.put("displayName", user.displayName());
    return m;
  }
}

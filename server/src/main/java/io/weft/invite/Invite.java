package io.weft.invite;

import io.weft.access.Rights;
import io.weft.user.User;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One invite to a document, as stored (never with its key, of which only a hash is kept).
 *
 * @param id public id, for listing and removing without the key
 * @param maxUses how many users may accept it; 0: any number until it expires
 * @param removedAtMillis when its creator (or another admin) cancelled it; 0: not cancelled
 */
public record Invite(String id, String docId, Rights rights, User creator, long createdAtMillis,
    long expiresAtMillis, int maxUses, int uses, long removedAtMillis) {

  /** What stops the invite being used at {@code now}, judged by the invite alone; null if nothing. */
  InviteProblem problemAt(long now) {
    if (removedAtMillis != 0) {
      return InviteProblem.REMOVED;
    }
    if (expiresAtMillis <= now) {
      return InviteProblem.EXPIRED;
    }
    if (maxUses > 0 && uses >= maxUses) {
      return InviteProblem.USED_UP;
    }
    return null;
  }

  /**
   * Whether its creator, holding {@code creatorRights} on the document now, can still back it: they
   * must be an admin, and hold every right it grants.
   */
  static InviteProblem inviterProblem(Rights creatorRights, Rights granted) {
    if (!creatorRights.isAdmin()) {
      return InviteProblem.INVITER_NOT_ADMIN;
    }
    return creatorRights.containsAll(granted) ? null : InviteProblem.INVITER_LACKS_RIGHTS;
  }

  /** As replies show it: Webstrates' fields ({@code _id}, {@code createdBy}) and Weft's. */
  Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("_id", id);
    m.put("webstrateId", docId);
    m.put("permissions", rights.toString());
    m.put("createdAt", Instant.ofEpochMilli(createdAtMillis).toString());
    m.put("expiresAt", Instant.ofEpochMilli(expiresAtMillis).toString());
    m.put("createdBy", person(creator));
    m.put("maxUses", maxUses == 0 ? null : maxUses);
    m.put("uses", uses);
    return m;
  }

  static Map<String, Object> person(User user) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("username", user.username());
    m.put("provider", user.provider());
    m.put("displayName", user.displayName());
    return m;
  }
}

package io.weft.invite;

import io.weft.access.Rights;
import io.weft.user.User;

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
}

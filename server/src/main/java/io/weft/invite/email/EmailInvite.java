package io.weft.invite.email;

import io.weft.access.Rights;
import io.weft.store.EmailInviteStore.StoredEmailInvite;
import io.weft.user.User;
import java.util.List;

/**
 * One email invitation as the rules see it (never with its token, of which only a hash is kept).
 *
 * @param by who accepted it, or is accepting it; null otherwise
 * @param claimedAtMillis when the acceptance under way began ({@link Status#ACCEPTING})
 * @param mailId the outbox mail carrying its current token
 * @param delivery queued, sent or failed: what became of that mail
 * @param resends when it was sent anew, newest last
 */
public record EmailInvite(String id, String tokenHash, String docId, String email, Rights rights, String message,
    User inviter, long createdAtMillis, long expiresAtMillis, Status stored, long statusAtMillis, User by,
    long claimedAtMillis, String mailId, String delivery, int attempts, String lastError, long sentAtMillis,
    List<Long> resends) {

  static EmailInvite of(StoredEmailInvite s) {
    return s == null ? null : new EmailInvite(s.id(), s.tokenHash(), s.docId(), s.email(), s.rights(), s.message(),
        s.inviter(), s.createdAtMillis(), s.expiresAtMillis(), Status.of(s.status()), s.statusAtMillis(), s.by(),
        s.claimedAtMillis(), s.mailId(), s.delivery(), s.attempts(), s.lastError(), s.sentAtMillis(), s.resends());
  }

  /**
   * The status a reader sees at {@code now}: a pending invitation past its expiry is expired at once
   * (the sweep stores it later), and one being accepted is still pending.
   */
  public Status statusAt(long now) {
    if (stored == Status.ACCEPTING) {
      return Status.PENDING;
    }
    return stored == Status.PENDING && expiresAtMillis <= now ? Status.EXPIRED : stored;
  }
}

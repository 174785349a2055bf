package io.weft.invite.interactive;

import io.weft.store.InteractiveInviteStore.StoredInvitation;
import io.weft.user.User;

/**
 * Every change an interactive invitation goes through, as a pure function from the state read to the
 * next one. Each may be computed more than once (when a write loses its race it is recomputed from the
 * state that won), so none has side effects.
 */
final class Transitions {
  private Transitions() {
  }

  /** A redeemed code: {@code guest} is bound and the PIN hashed in {@code pinHash} is live until {@code pinExpiresAtMillis}. */
  static StoredInvitation bound(StoredInvitation i, User guest, String pinHash, long pinExpiresAtMillis) {
    return of(i, InvitationState.READY, guest, pinHash, pinExpiresAtMillis, i.wrongPins(), i.successes());
  }

  /** The guest is let go (PIN timed out, guest rejected, inviter no longer backs it): open for the next redeem. */
  static StoredInvitation unbound(StoredInvitation i) {
    return of(i, InvitationState.WAITING, null, null, 0, i.wrongPins(), i.successes());
  }

  /** A wrong PIN: counted for good; at {@code limit} the invitation locks. */
  static StoredInvitation wrongPin(StoredInvitation i, int limit) {
    int wrong = i.wrongPins() + 1;
    return wrong >= limit ? of(i, InvitationState.FAILED, i.guest(), null, 0, wrong, i.successes())
        : of(i, InvitationState.READY, i.guest(), i.pinHash(), i.pinExpiresAtMillis(), wrong, i.successes());
  }

  /** The right PIN: the guest's rights are merged next; the PIN stays so the guest can finish after a crash. */
  static StoredInvitation accepting(StoredInvitation i) {
    return of(i, InvitationState.ACCEPTING, i.guest(), i.pinHash(), i.pinExpiresAtMillis(), i.wrongPins(), i.successes());
  }

  /** The guest is in: a single-use invitation is done, a multi-use one waits for the next guest. */
  static StoredInvitation succeeded(StoredInvitation i) {
    return i.multiUse() ? of(i, InvitationState.WAITING, null, null, 0, i.wrongPins(), i.successes() + 1)
        : of(i, InvitationState.SUCCESS, i.guest(), null, 0, i.wrongPins(), i.successes() + 1);
  }

  static StoredInvitation cancelled(StoredInvitation i) {
    return of(i, InvitationState.CANCELLED, i.guest(), null, 0, i.wrongPins(), i.successes());
  }

  static StoredInvitation expired(StoredInvitation i) {
    return of(i, InvitationState.EXPIRED, i.guest(), null, 0, i.wrongPins(), i.successes());
  }

  /**
   * The transition {@code i} is due at {@code now} whoever looks: expired past its lifetime, or its
   * guest let go once the PIN timed out; null if none. An acceptance under way is not timed out.
   */
  static Due due(StoredInvitation i, long now) {
    InvitationState state = InvitationState.of(i.state());
    if (!state.open()) {
      return null;
    }
    if (i.expiresAtMillis() <= now) {
      return new Due("expired", expired(i));
    }
    if (state == InvitationState.READY && i.pinExpiresAtMillis() <= now) {
      return new Due("timeout", unbound(i));
    }
    return null;
  }

  /** A transition that time made, and the name its event carries. */
  record Due(String event, StoredInvitation next) {
  }

  private static StoredInvitation of(StoredInvitation i, InvitationState state, User guest, String pinHash,
      long pinExpiresAtMillis, int wrongPins, int successes) {
    return new StoredInvitation(i.id(), i.codeHash(), i.docId(), i.rights(), i.inviter(), i.createdAtMillis(),
        i.expiresAtMillis(), i.multiUse(), state.wire, guest, pinHash, pinExpiresAtMillis, wrongPins, successes,
        i.version());
  }
}

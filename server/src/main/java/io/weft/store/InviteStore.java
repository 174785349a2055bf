package io.weft.store;

import io.vertx.core.Future;
import io.weft.access.Rights;
import io.weft.user.User;
import java.util.List;

/**
 * Invites to documents, found by a hash of their key, and the claims users make on them. Every
 * change that a race could decide is one conditional step here: a use is taken only while one is
 * left, a claim is made once per invite and user. Futures complete on the caller's Vert.x context.
 */
public interface InviteStore {

  /**
   * One invite.
   *
   * @param keyHash the hash of its key; unique
   * @param id its public id; unique
   * @param maxUses how many users may accept it; 0: any number
   * @param removedAtMillis when it was cancelled; 0: not cancelled
   */
  record StoredInvite(String keyHash, String id, String docId, Rights rights, User creator, long createdAtMillis,
      long expiresAtMillis, int maxUses, int uses, long removedAtMillis) {
  }

  /**
   * A user's claim on an invite, and once accepted, what it did.
   *
   * @param claimedAtMillis when the claim was made, or last taken over from an acceptance that died
   * @param useTaken whether the claim's use of the invite is taken (set after the use, before any merge)
   * @param acceptedAtMillis when the acceptance completed; 0: claimed, not (yet) accepted
   * @param before the user's rights before accepting; null until accepted
   * @param after the user's rights after accepting; null until accepted
   */
  record StoredAcceptance(String inviteId, String docId, User user, long claimedAtMillis, long inviteExpiresAtMillis,
      boolean useTaken, long acceptedAtMillis, Rights before, Rights after) {
  }

  /** Stores a new invite; completes with false if its key hash or id is taken. */
  Future<Boolean> insert(StoredInvite invite);

  /** The invite of {@code docId} whose key has {@code keyHash}, in whatever state; null if none. */
  Future<StoredInvite> byKeyHash(String keyHash, String docId);

  /** The invite {@code id}, in whatever state; null if none. */
  Future<StoredInvite> byId(String id);

  /** {@code creator}'s invites of {@code docId} that expire after {@code nowMillis} and are not cancelled, in any order. */
  Future<List<StoredInvite>> liveOf(String docId, User creator, long nowMillis);

  /**
   * Cancels the invite of {@code docId} whose key has {@code keyHash} or whose id is {@code id}, unless it
   * is cancelled already; completes with it as cancelled, or null if there was none to cancel.
   */
  Future<StoredInvite> cancel(String docId, String keyHash, String id, long nowMillis);

  /**
   * Takes one use of invite {@code id} in one atomic step, if it is not cancelled, expires after
   * {@code nowMillis}, and has fewer than {@code maxUses} uses (0: no limit); completes with it as it
   * is now, or null if it had no use to give.
   */
  Future<StoredInvite> takeUse(String id, int maxUses, long nowMillis);

  /** Gives back one use of invite {@code id}, never going below none; completes with whether one was given back. */
  Future<Boolean> returnUse(String id);

  /** Stores a claim; completes with false if that user has a claim on that invite already. */
  Future<Boolean> claim(StoredAcceptance claim);

  /** {@code user}'s claim on invite {@code inviteId}, or null. */
  Future<StoredAcceptance> claimOf(String inviteId, User user);

  /**
   * Notes on {@code user}'s claim on invite {@code inviteId} that its use is taken, if the claim is
   * still the one made (or taken over) at {@code claimedAtMillis}; completes with whether it was.
   */
  Future<Boolean> markUseTaken(String inviteId, User user, long claimedAtMillis);

  /**
   * Takes over {@code user}'s claim on invite {@code inviteId} in one atomic step, if it is still the
   * unaccepted one made at {@code claimedAtMillis}: its time becomes {@code nowMillis}. Completes with
   * the claim as it is now, or null if it changed meanwhile (so of many who try, one takes it over).
   */
  Future<StoredAcceptance> reclaim(String inviteId, User user, long claimedAtMillis, long nowMillis);

  /** Drops {@code user}'s claim on invite {@code inviteId}; completes with whether there was one. */
  Future<Boolean> release(String inviteId, User user);

  /** Completes {@code user}'s claim on invite {@code inviteId}; completes with whether there was one. */
  Future<Boolean> accept(String inviteId, User user, long atMillis, Rights before, Rights after);

  /** The accepted (not merely claimed) acceptances of the invites {@code inviteIds}, in any order. */
  Future<List<StoredAcceptance>> acceptancesOf(List<String> inviteIds);

  /**
   * Deletes the invites that expired or were cancelled before {@code cutoffMillis}, and the claims on
   * invites that expired before it.
   */
  Future<Void> deleteEnded(long cutoffMillis);
}

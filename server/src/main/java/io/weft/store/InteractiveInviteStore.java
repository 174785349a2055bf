package io.weft.store;

import io.vertx.core.Future;
import io.weft.access.Rights;
import io.weft.user.User;
import java.util.List;

/**
 * Interactive invitations (a code anyone may carry, a PIN only the inviter reads out), found by a hash
 * of their code. Each record carries a version raised by every change, and every change is one
 * conditional write on the version read ({@link #replace}): of two changes made from the same state,
 * one wins and the other learns it lost. Futures complete on the caller's Vert.x context.
 */
public interface InteractiveInviteStore {

  /**
   * One invitation, as stored (never with its code or PIN, of which only hashes are kept).
   *
   * @param codeHash hash of the normalised code; unique
   * @param state the stored state's wire name ({@code waiting}, {@code ready_for_authentication}, ...)
   * @param guest the user bound to it while a PIN is live (and while their acceptance completes); null otherwise
   * @param pinHash salted hash of the live PIN; null when none is live
   * @param pinExpiresAtMillis when the live PIN times out; 0 when none is live
   * @param wrongPins wrong PINs entered over the invitation's whole life (never reset)
   * @param successes guests it has let in
   * @param version raised by each change; the condition of the next
   */
  record StoredInvitation(String id, String codeHash, String docId, Rights rights, User inviter, long createdAtMillis,
      long expiresAtMillis, boolean multiUse, String state, User guest, String pinHash, long pinExpiresAtMillis,
      int wrongPins, int successes, long version) {
  }

  /** Stores a new invitation (its version is 0); completes with false if its id or code hash is taken. */
  Future<Boolean> insert(StoredInvitation invitation);

  /** The invitation whose code has {@code codeHash}, in whatever state; null if none. */
  Future<StoredInvitation> byCodeHash(String codeHash);

  /** The invitation {@code id}, in whatever state; null if none. */
  Future<StoredInvitation> byId(String id);

  /** Every stored invitation to {@code docId}, in any order. */
  Future<List<StoredInvitation>> ofDocument(String docId);

  /**
   * Replaces invitation {@code next.id()} with {@code next} in one atomic step, if its version is still
   * {@code expectedVersion}; completes with it as stored now (version raised by one), or null if it changed
   * meanwhile. The code hash, document, rights, inviter and creation time never change.
   */
  Future<StoredInvitation> replace(long expectedVersion, StoredInvitation next);

  /**
   * Invitations in one of {@code openStates} that are due a transition at {@code nowMillis}: past their
   * lifetime, or with a PIN that has timed out. In any order.
   */
  Future<List<StoredInvitation>> due(List<String> openStates, long nowMillis);

  /** Deletes invitation {@code id} if its version is still {@code expectedVersion}; completes with whether it did. */
  Future<Boolean> delete(String id, long expectedVersion);

  /** Deletes the invitations whose lifetime ended before {@code cutoffMillis}. */
  Future<Void> deleteEnded(long cutoffMillis);
}

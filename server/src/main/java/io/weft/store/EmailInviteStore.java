package io.weft.store;

import io.vertx.core.Future;
import io.weft.access.Rights;
import io.weft.user.User;
import java.util.List;

/**
 * Email invitations, found by id or by a hash of the mailed token; the mails sent for them (for the
 * rate limits); addresses whose owners proved they read them. Every change of status is one
 * conditional update naming the status it leaves, so of two racing changes one wins. Futures complete
 * on the caller's Vert.x context.
 */
public interface EmailInviteStore {

  /**
   * One invitation.
   *
   * @param tokenHash the hash of the token in the latest mail; unique
   * @param email the invited address, normalised
   * @param status pending, accepting (an acceptance under way since {@code claimedAtMillis}), accepted,
   *     declined, canceled or expired
   * @param by who accepted it (or is accepting it); null otherwise
   * @param mailId the outbox mail carrying the current token; its delivery reports apply, older ones not
   * @param delivery queued, sent or failed
   * @param resends when it was sent anew, newest last (the last few only)
   */
  record StoredEmailInvite(String id, String tokenHash, String docId, String email, Rights rights, String message,
      User inviter, long createdAtMillis, long expiresAtMillis, String status, long statusAtMillis, User by,
      long claimedAtMillis, String mailId, String delivery, int attempts, String lastError, long sentAtMillis,
      List<Long> resends) {
  }

  /** Stores a new invitation; false if its id or token hash is taken. */
  Future<Boolean> insert(StoredEmailInvite invite);

  Future<StoredEmailInvite> byId(String id);

  Future<StoredEmailInvite> byTokenHash(String tokenHash);

  /** The invitations of {@code docId}, optionally only those with {@code email} (null: all), in any order. */
  Future<List<StoredEmailInvite>> ofDocument(String docId, String email);

  /** The invitations to {@code email} in status {@code status}, on any document. */
  Future<List<StoredEmailInvite>> toAddress(String email, String status);

  /** Pending invitations whose expiry is at or before {@code nowMillis}. */
  Future<List<StoredEmailInvite>> expiredPending(long nowMillis);

  /**
   * Moves invitation {@code id} from one of {@code from} to {@code to} at {@code atMillis}, if it is in
   * one of them and (when {@code aliveAtMillis} > 0) expires after that time and (when
   * {@code tokenHash} is not null) its token has that hash; {@code by} and {@code claimedAtMillis} are
   * stored with it. The invitation as changed, or null if no condition held.
   */
  Future<StoredEmailInvite> moveStatus(String id, List<String> from, String to, long atMillis, long aliveAtMillis,
      String tokenHash, User by, long claimedAtMillis);

  /** Marks pending invitation {@code id} expired if its expiry is at or before {@code nowMillis}; as changed, or null. */
  Future<StoredEmailInvite> expire(String id, long nowMillis);

  /**
   * Gives invitation {@code id} a new token, mail and expiry, pending again, if its token still has
   * {@code oldTokenHash} and it is pending or expired; {@code resends} replaces the list. As changed, or null.
   */
  Future<StoredEmailInvite> renew(String id, String oldTokenHash, String newTokenHash, long expiresAtMillis,
      long nowMillis, String mailId, List<Long> resends);

  /**
   * Records the delivery of invitation {@code id}'s mail {@code mailId} (ignored when a newer mail
   * replaced it): as changed, or null.
   */
  Future<StoredEmailInvite> delivery(String id, String mailId, String delivery, int attempts, String lastError,
      long sentAtMillis);

  /** Notes that {@code inviterId} had a mail sent to {@code email} at {@code atMillis}. */
  Future<Void> logMail(String inviterId, String email, long atMillis);

  /** How many mails {@code inviterId} had sent since {@code sinceMillis}. */
  Future<Long> mailsBy(String inviterId, long sinceMillis);

  /** How many mails went to {@code email} since {@code sinceMillis}. */
  Future<Long> mailsTo(String email, long sinceMillis);

  /** Notes that the owner of {@code email} followed a link mailed to it. */
  Future<Void> markVerified(String email, long atMillis);

  Future<Boolean> isVerified(String email);

  /** Stores a pending proof of {@code email}: the hash of the token mailed to it, good until {@code expiresAtMillis}. */
  Future<Boolean> insertVerification(String tokenHash, String email, long expiresAtMillis);

  /** The address a verification token proves, taking the token (once); null if unknown or expired at {@code nowMillis}. */
  Future<String> takeVerification(String tokenHash, long nowMillis);

  /**
   * Deletes ended invitations (not pending) whose status changed before {@code cutoffMillis}, and mail
   * notes and verification tokens older than {@code mailLogCutoffMillis}.
   */
  Future<Void> deleteEnded(long cutoffMillis, long mailLogCutoffMillis);
}

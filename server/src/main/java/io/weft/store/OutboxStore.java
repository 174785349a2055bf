package io.weft.store;

import io.vertx.core.Future;
import io.weft.store.Letter;
import java.util.List;

/**
 * Mails waiting to be sent. A mail is leased before it is sent, by one conditional update, so of two
 * processes sweeping the same outbox only one sends it; a lease left by a process that died runs out
 * and the mail is tried again. Futures complete on the caller's Vert.x context.
 */
public interface OutboxStore {

  /**
   * One queued mail.
   *
   * @param tag what the mail is about (an invitation id), so it can be withdrawn with it
   * @param attempts how many times sending failed so far
   * @param nextAttemptAtMillis not tried before this
   * @param leaseUntilMillis a process is sending it until then; 0: nobody is
   */
  record StoredMail(String id, String tag, Letter letter, int attempts, long nextAttemptAtMillis,
      long leaseUntilMillis, long createdAtMillis) {
  }

  /** Stores a new mail; false if its id is taken. */
  Future<Boolean> insert(StoredMail mail);

  /**
   * Mails due by {@code dueByMillis} (their next attempt is not later) and not leased at {@code nowMillis},
   * oldest first, at most {@code limit}.
   */
  Future<List<StoredMail>> due(long dueByMillis, long nowMillis, int limit);

  /**
   * Leases mail {@code id} until {@code untilMillis} if it is still due by {@code dueByMillis}, unleased at
   * {@code nowMillis}, and has failed {@code attempts} times; the mail as leased, or null if another
   * process has it.
   */
  Future<StoredMail> lease(String id, int attempts, long dueByMillis, long nowMillis, long untilMillis);

  /** Records a failed attempt of a leased mail: tried again at {@code nextAttemptAtMillis}; false if it is gone. */
  Future<Boolean> retryLater(String id, int attempts, long nextAttemptAtMillis);

  /** Removes mail {@code id} (sent, or given up); whether it was there. */
  Future<Boolean> delete(String id);

  /** Removes every mail tagged {@code tag} (its invitation was cancelled or sent anew); how many went. */
  Future<Long> deleteTagged(String tag);
}

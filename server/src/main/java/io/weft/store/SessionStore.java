package io.weft.store;

import io.vertx.core.Future;

/**
 * Login sessions, kept from login until logout or expiry, so ending a session ends every copy of its
 * token. Futures complete on the caller's Vert.x context.
 */
public interface SessionStore {

  /**
   * One login session.
   *
   * @param id the random id its token carries; unique
   */
  record StoredSession(String id, String username, String provider, long createdAtMillis, long expiresAtMillis) {
  }

  /** Stores a new session; completes with false if a session with its id exists. */
  Future<Boolean> insert(StoredSession session);

  /** The session {@code id} if it is stored and expires after {@code nowMillis}, else null. */
  Future<StoredSession> findLive(String id, long nowMillis);

  /** Removes the session {@code id}; completes with whether there was one. */
  Future<Boolean> delete(String id);

  /** Removes every session that expired before {@code nowMillis}; completes with how many went. */
  Future<Long> deleteExpired(long nowMillis);
}

package io.weft.store;

import io.vertx.core.Future;

/**
 * The local login provider's accounts. Names and emails are stored as their comparison keys (the caller
 * normalises them), and no two accounts share either. Futures complete on the caller's Vert.x context.
 */
public interface AccountStore {

  /**
   * One account.
   *
   * @param key the username's comparison key; unique
   * @param username the username as its owner wrote it
   * @param email the email's comparison key; unique
   * @param passwordHash the password's hash, in a format that names its own parameters
   */
  record StoredAccount(String key, String username, String email, String passwordHash, long createdAtMillis) {
  }

  /** Whether an account has {@code key} as its key or {@code email} as its email. */
  Future<Boolean> isTaken(String key, String email);

  /** Stores a new account; completes with false if its key or its email is taken. */
  Future<Boolean> insert(StoredAccount account);

  /** The account with {@code key}, or null. */
  Future<StoredAccount> byKey(String key);

  /** The account with {@code email}, or null. */
  Future<StoredAccount> byEmail(String email);
}

package io.weft.store;

import io.vertx.core.Future;
import io.weft.user.User;
import java.util.List;

/**
 * Per-document access tokens, found by a hash of the token (the token itself is never stored).
 * Futures complete on the caller's Vert.x context.
 */
public interface AccessTokenStore {

  /**
   * One token.
   *
   * @param hash the hash of the token; unique
   * @param id the public id naming it in lists and removals
   * @param user who minted it, and whom it acts as
   * @param fingerprint the fingerprint of the document's permission list when it was minted
   */
  record StoredAccessToken(String hash, String id, String docId, User user, String fingerprint,
      long createdAtMillis, long expiresAtMillis) {
  }

  /** Stores a new token; completes with false if a token with its hash exists. */
  Future<Boolean> insert(StoredAccessToken token);

  /** The token with {@code hash} for {@code docId} if it expires after {@code nowMillis}, else null. */
  Future<StoredAccessToken> findLive(String hash, String docId, long nowMillis);

  /** The tokens of {@code docId} minted under {@code fingerprint} that expire after {@code nowMillis}, in any order. */
  Future<List<StoredAccessToken>> listLive(String docId, String fingerprint, long nowMillis);

  /**
   * Removes the token of {@code docId} with public id {@code id}, only if {@code mintedBy} minted it
   * (null: whoever did); completes with whether one went.
   */
  Future<Boolean> delete(String docId, String id, User mintedBy);

  /** Removes the tokens of {@code docId} minted under any fingerprint but {@code fingerprint}; completes with how many. */
  Future<Long> deleteStale(String docId, String fingerprint);

  /** Removes every token that expired before {@code nowMillis}; completes with how many went. */
  Future<Long> deleteExpired(long nowMillis);
}

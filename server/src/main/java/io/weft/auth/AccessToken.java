package io.weft.auth;

import io.weft.user.User;

/**
 * A short-lived key that acts as {@code user} on document {@code docId}, minted by that user. It holds
 * the fingerprint of the document's permission list when it was made: once the list changes, the token
 * no longer acts as anybody.
 */
public record AccessToken(String id, String docId, User user, String permissionsFingerprint, long expiresAtMillis) {
}

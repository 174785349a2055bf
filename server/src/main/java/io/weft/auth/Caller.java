package io.weft.auth;

import io.weft.user.User;

/**
 * Who sent a request or opened a socket: the logged-in user (or anonymous), the login session it came
 * with (null if none), and an access token for one document (null if none). The token acts as its
 * minter on its own document only, and only while that document's permissions are as they were.
 */
public record Caller(User user, String sessionId, AccessToken token) {
  public static final Caller ANONYMOUS = new Caller(User.ANONYMOUS, null, null);

  public boolean isLoggedIn() {
    return !user.isAnonymous();
  }
}

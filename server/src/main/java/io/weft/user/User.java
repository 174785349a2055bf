package io.weft.user;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who is behind a request: a login provider's user ({@code alice} of {@code local}) or the anonymous
 * user. Permission lists name users by username and provider, so the pair is the identity; the
 * {@code userId} Webstrates shows is {@code username:provider}.
 */
public record User(String username, String provider, String displayName) {
  public static final User ANONYMOUS = new User("anonymous", "", "anonymous");

  public String userId() {
    return username + ":" + provider;
  }

  public boolean isAnonymous() {
    return provider.isEmpty();
  }

  /**
   * The user as {@code hello} carries it. Never with a {@code permissions} key: the Webstrates client
   * computes rights itself and breaks if it gets one.
   */
  public Map<String, Object> toHello() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("userId", userId());
    m.put("username", username);
    m.put("provider", provider);
    if (!isAnonymous()) {
      m.put("displayName", displayName);
    }
    return m;
  }
}

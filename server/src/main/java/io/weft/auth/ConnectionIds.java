package io.weft.auth;

import io.weft.user.User;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Socket ids that say whose they are. A ShareDB client resending its ops after a reconnect names its
 * old socket id as {@code src}, and the server acknowledges, rather than applies, an op whose src and
 * seq it has seen. Ids are broadcast to everyone on a page, so a bare random id would let anyone
 * pre-empt another client's next op; each id therefore carries a MAC of its {@link Owner}, something
 * only the client that opened the socket holds, and a src is accepted only from the same owner.
 */
public final class ConnectionIds {
  private static final String ALGORITHM = "HmacSHA256";
  private static final int NONCE_CHARS = 16;
  private static final int TAG_BYTES = 12;

  private final SecretKeySpec key;

  ConnectionIds(String secret) {
    this.key = new SecretKeySpec(("connection-ids:" + secret).getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  /**
   * Who owns a socket opened by {@code user} with the visitor id {@code visitorId} (or null): a logged-in
   * user owns all their sockets; an anonymous browser, those opened with its visitor cookie; an anonymous
   * socket without one, only itself, since all anonymous callers are the same user.
   */
  public Owner owner(User user, String visitorId) {
    // A user's binding is their bare id, as it was before visitors had one, so their sockets' ids stay
    // valid across an upgrade. Usernames hold no '#' (Usernames), so no user id takes the other bindings.
    if (!user.isAnonymous()) {
      return new Owner(user.userId());
    }
    if (visitorId != null) {
      return new Owner("#visitor:" + Secrets.hash(visitorId));
    }
    return new Owner("#socket:" + Secrets.random(128));
  }

  /** One owner's socket ids: issues new ones and recognises those issued earlier. */
  public final class Owner {
    private final String binding;

    private Owner(String binding) {
      this.binding = binding;
    }

    /** A new id for a socket of this owner. */
    public String issue() {
      String nonce = Secrets.random(96);
      return nonce + tag(nonce, binding);
    }

    /** Whether {@code id} was issued to a socket of this owner. */
    public boolean issued(String id) {
      if (id == null || id.length() <= NONCE_CHARS) {
        return false;
      }
      String nonce = id.substring(0, NONCE_CHARS);
      return MessageDigest.isEqual(tag(nonce, binding).getBytes(StandardCharsets.US_ASCII),
          id.substring(NONCE_CHARS).getBytes(StandardCharsets.US_ASCII));
    }
  }

  private String tag(String nonce, String binding) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      byte[] full = mac.doFinal((nonce + "|" + binding).getBytes(StandardCharsets.UTF_8));
      byte[] tag = new byte[TAG_BYTES];
      System.arraycopy(full, 0, tag, 0, TAG_BYTES);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
    }
  }
}

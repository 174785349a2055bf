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
 * seq it has seen. Ids are broadcast to everyone on a page, so a bare random id would let any writer
 * pre-empt another client's next op; each id therefore carries a MAC of the user it was issued to,
 * and a src is accepted only from the same user.
 */
public final class ConnectionIds {
  private static final String ALGORITHM = "HmacSHA256";
  private static final int TAG_BYTES = 12;

  private final SecretKeySpec key;

  ConnectionIds(String secret) {
    this.key = new SecretKeySpec(("connection-ids:" + secret).getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  /** A new id for a socket opened by {@code user}. */
  public String issue(User user) {
    String nonce = Secrets.random(96);
    return nonce + tag(nonce, user);
  }

  /** Whether {@code id} was issued to a socket of {@code user}. */
  public boolean issuedTo(String id, User user) {
    if (id == null || id.length() != 16 + 16) {
      return false;
    }
    String nonce = id.substring(0, 16);
    return MessageDigest.isEqual(tag(nonce, user).getBytes(StandardCharsets.US_ASCII),
        id.substring(16).getBytes(StandardCharsets.US_ASCII));
  }

  private String tag(String nonce, User user) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      byte[] full = mac.doFinal((nonce + "|" + user.userId()).getBytes(StandardCharsets.UTF_8));
      byte[] tag = new byte[TAG_BYTES];
      System.arraycopy(full, 0, tag, 0, TAG_BYTES);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
    }
  }
}

package io.weft.invite.interactive;

import io.weft.auth.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * The code and the PIN of interactive invitations, and the hashes kept of them. The code is 80 random
 * bits in Crockford's base32, shown in four groups of four ({@code 7K2M-Q9XD-...}) so it reads aloud
 * and types easily; case, spaces and hyphens are ignored, and the letters people confuse with digits
 * (I, L, O) read as those digits. The PIN is six digits, kept only salted and hashed.
 */
final class InvitationSecrets {
  private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  private static final int CODE_CHARS = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private InvitationSecrets() {
  }

  /** A new code: 16 characters of 5 bits each, in groups of four. */
  static String newCode() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < CODE_CHARS; i++) {
      if (i > 0 && i % 4 == 0) {
        out.append('-');
      }
      out.append(ALPHABET.charAt(RANDOM.nextInt(32)));
    }
    return out.toString();
  }

  /** The code as typed, in the one form that is hashed: upper case, no separators, I/L as 1 and O as 0. */
  static String normalised(String typed) {
    StringBuilder out = new StringBuilder();
    for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
      if (c == ' ' || c == '-' || c == '\t') {
        continue;
      }
      out.append(c == 'I' || c == 'L' ? '1' : c == 'O' ? '0' : c);
    }
    return out.toString();
  }

  /** What is stored of a code: its hash, however it was typed. */
  static String codeHash(String typed) {
    return Secrets.hash("code:" + normalised(typed));
  }

  /** A fresh PIN: six digits, each drawn from {@link SecureRandom}. */
  static String newPin() {
    return String.format("%06d", RANDOM.nextInt(1_000_000));
  }

  /**
   * What is stored of a PIN: {@code <salt>:<hash>}, the salt fresh per PIN and the hash over the
   * invitation id, the salt and the PIN, so no table of six-digit hashes applies.
   */
  static String pinHash(String invitationId, String pin) {
    String salt = Secrets.random(96);
    return salt + ":" + Secrets.hash(invitationId + ":" + salt + ":" + pin);
  }

  /** Whether {@code pin} is the one {@code stored} was made from, compared in constant time. */
  static boolean pinMatches(String invitationId, String stored, String pin) {
    if (stored == null || pin == null) {
      return false;
    }
    int colon = stored.indexOf(':');
    String salt = stored.substring(0, colon);
    byte[] expected = stored.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
    byte[] actual = Secrets.hash(invitationId + ":" + salt + ":" + pin.trim()).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, actual);
  }
}

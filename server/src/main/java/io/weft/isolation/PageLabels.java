package io.weft.isolation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * The DNS label of a page's own host, {@code <label>.<pages.domain>}. Document ids are case sensitive and
 * may hold {@code _}, which host names cannot, so only an id that already is a lower-case DNS label is its
 * own label; every other id gets {@code p-} and a hash. The path still names the id, and the server checks
 * that the host's label is the id's, so no table of labels is kept.
 */
public final class PageLabels {
  /** A lower-case DNS label; ids starting with {@code p-} are hashed so no id can take another's label. */
  private static final Pattern OWN = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  /** 26 base32 characters: 130 bits of SHA-256, no collision to fear. */
  private static final int HASH_CHARS = 26;

  private PageLabels() {
  }

  public static String of(String id) {
    // "ab--" labels are reserved for encodings (xn--): browsers may refuse them as typed.
    boolean reserved = id.length() >= 4 && id.charAt(2) == '-' && id.charAt(3) == '-';
    if (OWN.matcher(id).matches() && !id.startsWith("p-") && !reserved) {
      return id;
    }
    return "p-" + base32(sha256(id)).substring(0, HASH_CHARS);
  }

  private static byte[] sha256(String id) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  private static String base32(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(BASE32[(buffer >> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    return out.toString();
  }
}

package io.weft.isolation;

import io.weft.auth.Caller;
import io.weft.auth.Secrets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The codes that carry a visitor's session from the main origin to one page's origin: minted by the
 * main origin for (caller, page), redeemed once by that page's origin within {@link #TTL_MILLIS}. A
 * code travels in a URL, so it is single use and short lived; it is worth one page session for one page.
 * Kept in this process's memory (see docs/security.md for clusters).
 */
public final class HandshakeCodes {
  public static final long TTL_MILLIS = 60_000;
  /** Most codes waiting at once; past it expired ones are swept, and if none are, minting fails. */
  static final int MAX_WAITING = 100_000;

  /** What a code stands for: {@code caller} (its main session, or anonymous) on page {@code docId}. */
  public record Grant(Caller caller, String docId, long expiresAtMillis) {
  }

  private final Map<String, Grant> waiting = new ConcurrentHashMap<>();
  private final LongSupplier clock;
  private final long ttlMillis;

  public HandshakeCodes() {
    this(System::currentTimeMillis, TTL_MILLIS);
  }

  /** @param clock milliseconds now; @param ttlMillis how long a code stays redeemable */
  public HandshakeCodes(LongSupplier clock, long ttlMillis) {
    this.clock = clock;
    this.ttlMillis = ttlMillis;
  }

  /** A fresh code for {@code caller} on {@code docId}, or null if too many are waiting. */
  public String mint(Caller caller, String docId) {
    long now = clock.getAsLong();
    if (waiting.size() >= MAX_WAITING) {
      waiting.values().removeIf(g -> g.expiresAtMillis() <= now);
      if (waiting.size() >= MAX_WAITING) {
        return null;
      }
    }
    String code = Secrets.random(128);
    waiting.put(code, new Grant(caller, docId, now + ttlMillis));
    return code;
  }

  /** The grant of {@code code} if it is live; it can never be redeemed again either way. */
  public Grant redeem(String code) {
    if (code == null) {
      return null;
    }
    Grant grant = waiting.remove(code);
    return grant == null || grant.expiresAtMillis() <= clock.getAsLong() ? null : grant;
  }
}

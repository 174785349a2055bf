package io.weft.auth;

import io.weft.config.WeftConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.LongSupplier;

/**
 * Limits guessing (passwords at login, invite keys): at most {@code perName} failed attempts per name
 * (the account typed, the user checking a key) and {@code perAddress} per remote address within a
 * window, the window starting at the first failure. Kept in memory, per process.
 *
 * <p>Each attempt is counted when it starts and refunded if it succeeds, so a burst of parallel guesses
 * cannot all slip past the check while their hashes are still being computed. A name that matches no
 * account is counted the same way as one that does, so being limited reveals nothing about accounts.
 */
public final class AttemptThrottle {
  /** Most names and addresses remembered each; past that the oldest windows are forgotten first. */
  static final int MAX_TRACKED = 50_000;
  /** Longest name tracked: longer ones cannot be an account, and must not fill memory. */
  static final int MAX_KEY_LENGTH = LocalAccounts.MAX_EMAIL_LENGTH;

  private final Failures accounts;
  private final Failures addresses;
  private final long windowMillis;
  /** Milliseconds from a monotonic clock, so windows start in the order their entries were added. */
  private final LongSupplier clock;

  AttemptThrottle(int perAccount, int perAddress, long windowMillis, LongSupplier clock) {
    this.accounts = new Failures(perAccount);
    this.addresses = new Failures(perAddress);
    this.windowMillis = windowMillis;
    this.clock = clock;
  }

  public static AttemptThrottle forLogins(WeftConfig.Auth config) {
    return of(config.loginAttemptsPerAccount(), config.loginAttemptsPerAddress(), config.loginWindowSeconds());
  }

  public static AttemptThrottle forInviteKeys(WeftConfig.Invites config) {
    return of(config.attemptsPerUser(), config.attemptsPerAddress(), config.attemptWindowSeconds());
  }

  private static AttemptThrottle of(int perName, int perAddress, int windowSeconds) {
    return new AttemptThrottle(perName, perAddress, windowSeconds * 1000L, () -> System.nanoTime() / 1_000_000);
  }

  /**
   * Counts an attempt by {@code account} (for logins a {@link LocalAccounts#key} of what was typed) from
   * {@code address}. Returns 0 if it may go ahead, else the seconds until either limit lifts;
   * a refused attempt is not counted.
   */
  public synchronized long attempt(String account, String address) {
    long now = clock.getAsLong();
    accounts.forgetExpired(now);
    addresses.forgetExpired(now);
    String accountKey = truncated(account);
    String addressKey = addressKey(address);
    long wait = Math.max(accounts.waitMillis(accountKey, now), addresses.waitMillis(addressKey, now));
    if (wait > 0) {
      return (wait + 999) / 1000;
    }
    accounts.count(accountKey, now);
    addresses.count(addressKey, now);
    return 0;
  }

  /**
   * The attempt was right (the password, a valid key): it is not a failure, and the account's earlier failures are
   * forgotten. The address keeps its earlier failures, so one good account does not reset guessing at others.
   */
  public synchronized void succeeded(String account, String address) {
    accounts.forget(truncated(account));
    addresses.refund(addressKey(address));
  }

  /** How many names and addresses are remembered now (what {@link #MAX_TRACKED} bounds). */
  synchronized int tracked() {
    return accounts.windows.size() + addresses.windows.size();
  }

  private static String truncated(String key) {
    return key.length() <= MAX_KEY_LENGTH ? key : key.substring(0, MAX_KEY_LENGTH);
  }

  /** IPv6 hosts usually own a whole /64, so an IPv6 address counts as its /64. */
  static String addressKey(String address) {
    if (address == null) {
      return "";
    }
    if (address.indexOf(':') < 0) {
      return address;
    }
    try {
      // A literal: parsed, never looked up.
      byte[] bytes = InetAddress.getByName(address).getAddress();
      if (bytes.length != 16) {
        return address;
      }
      StringBuilder prefix = new StringBuilder();
      for (int i = 0; i < 8; i += 2) {
        prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
      }
      return prefix.append(":/64").toString();
    } catch (UnknownHostException notALiteral) {
      return truncated(address);
    }
  }

  /** Failure counts by key, in the order their windows started (oldest first). */
  private final class Failures {
    private final int limit;
    private final LinkedHashMap<String, Window> windows = new LinkedHashMap<>();

    Failures(int limit) {
      this.limit = limit;
    }

    long waitMillis(String key, long now) {
      Window window = windows.get(key);
      return window != null && window.failures >= limit ? window.startMillis + windowMillis - now : 0;
    }

    void count(String key, long now) {
      Window window = windows.get(key);
      if (window == null) {
        if (windows.size() >= MAX_TRACKED) {
          Iterator<Window> oldest = windows.values().iterator();
          oldest.next();
          oldest.remove();
        }
        window = new Window(now);
        windows.put(key, window);
      }
      window.failures++;
    }

    void refund(String key) {
      Window window = windows.get(key);
      if (window != null && window.failures > 0) {
        window.failures--;
      }
    }

    void forget(String key) {
      windows.remove(key);
    }

    /** Windows start in insertion order, so the expired ones are all at the front. */
    void forgetExpired(long now) {
      Iterator<Window> it = windows.values().iterator();
      while (it.hasNext() && it.next().startMillis + windowMillis <= now) {
        it.remove();
      }
    }
  }

  private static final class Window {
    final long startMillis;
    int failures;

    Window(long startMillis) {
      this.startMillis = startMillis;
    }
  }
}

package io.weft.auth;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.weft.config.WeftConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Limits guessing (passwords at login, invite keys): at most {@code perName} wrong attempts per name
 * (the account typed, the user checking a key) and {@code perAddress} per remote address within a
 * window. Kept in memory, per process.
 *
 * <p>Only wrong attempts count, exactly: an attempt goes ahead only while the wrong ones so far plus
 * those still being checked stay under both limits, so a burst of parallel guesses cannot slip past.
 * An attempt that would have to count on its in-flight neighbours being right waits for them instead
 * of being refused, so right answers are never refused while the limit is not reached. A name that
 * matches no account is counted like one that does, so being limited reveals nothing about accounts.
 */
public final class AttemptThrottle {
  /** Most names and addresses remembered each; past that the oldest windows are forgotten first. */
  static final int MAX_TRACKED = 50_000;
  /** Most attempts waiting for a place at once; more are refused as limited. */
  static final int MAX_WAITING = 10_000;
  /** Longest name tracked: longer ones cannot be an account, and must not fill memory. */
  static final int MAX_KEY_LENGTH = LocalAccounts.MAX_EMAIL_LENGTH;

  private final Counts names;
  private final Counts addresses;
  private final long windowMillis;
  /** A right login clears the account's wrong ones (its owner is back); a right invite key clears nothing. */
  private final boolean rightClearsName;
  /** Milliseconds from a monotonic clock, so windows start in the order their entries were added. */
  private final LongSupplier clock;
  private final ArrayDeque<Attempt> waiting = new ArrayDeque<>();

  AttemptThrottle(int perName, int perAddress, long windowMillis, boolean rightClearsName, LongSupplier clock) {
    this.names = new Counts(perName);
    this.addresses = new Counts(perAddress);
    this.windowMillis = windowMillis;
    this.rightClearsName = rightClearsName;
    this.clock = clock;
  }

  public static AttemptThrottle forLogins(WeftConfig.Auth config) {
    return of(config.loginAttemptsPerAccount(), config.loginAttemptsPerAddress(), config.loginWindowSeconds(), true);
  }

  public static AttemptThrottle forInviteKeys(WeftConfig.Invites config) {
    return of(config.attemptsPerUser(), config.attemptsPerAddress(), config.attemptWindowSeconds(), false);
  }

  private static AttemptThrottle of(int perName, int perAddress, int windowSeconds, boolean rightClearsName) {
    return new AttemptThrottle(perName, perAddress, windowSeconds * 1000L, rightClearsName,
        () -> System.nanoTime() / 1_000_000);
  }

  /**
   * An attempt by {@code name} (for logins a {@link LocalAccounts#key} of what was typed) from
   * {@code address}: completes once it may go ahead, or is refused ({@link Attempt#refusedSeconds}).
   * One that goes ahead must be reported exactly once: {@link Attempt#wrong}, {@link Attempt#right}
   * or {@link Attempt#undecided}.
   */
  public Future<Attempt> attempt(String name, String address) {
    Attempt attempt = new Attempt(truncated(name), addressKey(address), Vertx.currentContext());
    List<Runnable> then = new ArrayList<>();
    synchronized (this) {
      long now = clock.getAsLong();
      names.forgetExpired(now);
      addresses.forgetExpired(now);
      if (!decide(attempt, now, then)) {
        if (waiting.size() >= MAX_WAITING) {
          attempt.refuse(windowMillis, then);
        } else {
          waiting.add(attempt);
        }
      }
    }
    then.forEach(Runnable::run);
    return attempt.decided.future();
  }

  /** Admits or refuses {@code a} if it can be decided now (returns whether it was), under the lock. */
  private boolean decide(Attempt a, long now, List<Runnable> then) {
    long wait = Math.max(names.refusedFor(a.name, now), addresses.refusedFor(a.address, now));
    if (wait > 0) {
      a.refuse(wait, then);
      return true;
    }
    if (names.full(a.name) || addresses.full(a.address)) {
      return false;
    }
    names.window(a.name, now).inFlight++;
    addresses.window(a.address, now).inFlight++;
    then.add(() -> a.complete(a));
    return true;
  }

  private void finished(Attempt a, boolean wrong, boolean right) {
    List<Runnable> then = new ArrayList<>();
    synchronized (this) {
      long now = clock.getAsLong();
      names.finish(a.name, wrong, now);
      addresses.finish(a.address, wrong, now);
      if (right && rightClearsName) {
        names.clearFailures(a.name);
      }
      for (Iterator<Attempt> it = waiting.iterator(); it.hasNext(); ) {
        if (decide(it.next(), now, then)) {
          it.remove();
        }
      }
    }
    then.forEach(Runnable::run);
  }

  /** How many names and addresses are remembered now (what {@link #MAX_TRACKED} bounds). */
  synchronized int tracked() {
    return names.windows.size() + addresses.windows.size();
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

  /** One attempt: admitted or refused once, then reported once. */
  public final class Attempt {
    private final String name;
    private final String address;
    private final Context context;
    private final Promise<Attempt> decided = Promise.promise();
    private long refusedSeconds;
    private boolean reported;

    private Attempt(String name, String address, Context context) {
      this.name = name;
      this.address = address;
      this.context = context;
    }

    /** 0 if the attempt may go ahead, else the seconds until the limit lifts. */
    public long refusedSeconds() {
      return refusedSeconds;
    }

    /** The guess was wrong: it counts against the name and the address. */
    public void wrong() {
      report(true, false);
    }

    /** The guess was right: it does not count. */
    public void right() {
      report(false, true);
    }

    /** Checking it failed (storage): it neither counts nor clears. */
    public void undecided() {
      report(false, false);
    }

    private void report(boolean wrong, boolean right) {
      synchronized (AttemptThrottle.this) {
        if (reported || refusedSeconds > 0) {
          return;
        }
        reported = true;
      }
      finished(this, wrong, right);
    }

    private void refuse(long waitMillis, List<Runnable> then) {
      refusedSeconds = Math.max(1, (waitMillis + 999) / 1000);
      then.add(() -> complete(this));
    }

    /** Completes on the caller's context, which a waiting attempt is released from another's. */
    private void complete(Attempt value) {
      if (context == null || Vertx.currentContext() == context) {
        decided.complete(value);
      } else {
        context.runOnContext(v -> decided.complete(value));
      }
    }
  }

  /** Wrong and in-flight attempts by key, in the order their windows started (oldest first). */
  private final class Counts {
    private final int limit;
    private final LinkedHashMap<String, Window> windows = new LinkedHashMap<>();

    Counts(int limit) {
      this.limit = limit;
    }

    long refusedFor(String key, long now) {
      Window w = windows.get(key);
      return w != null && w.failures >= limit ? Math.max(1, w.startMillis + windowMillis - now) : 0;
    }

    /** Whether another attempt now could, if all in flight turn out wrong, pass the limit. */
    boolean full(String key) {
      Window w = windows.get(key);
      return w != null && w.failures + w.inFlight >= limit;
    }

    Window window(String key, long now) {
      Window w = windows.get(key);
      if (w == null) {
        if (windows.size() >= MAX_TRACKED) {
          // The oldest idle window goes; one with attempts in flight must stay to be finished.
          for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
            if (it.next().inFlight == 0) {
              it.remove();
              break;
            }
          }
        }
        w = new Window(now);
        windows.put(key, w);
      }
      return w;
    }

    void finish(String key, boolean wrong, long now) {
      Window w = window(key, now);
      w.inFlight--;
      if (wrong) {
        w.failures++;
      }
    }

    void clearFailures(String key) {
      Window w = windows.get(key);
      if (w != null) {
        w.failures = 0;
      }
    }

    /** Windows start in insertion order, so the expired ones are all at the front; those in use start again. */
    void forgetExpired(long now) {
      List<Map.Entry<String, Window>> restarted = new ArrayList<>();
      for (Iterator<Map.Entry<String, Window>> it = windows.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<String, Window> e = it.next();
        Window w = e.getValue();
        if (w.startMillis + windowMillis > now) {
          break;
        }
        it.remove();
        if (w.inFlight > 0) {
          Window fresh = new Window(now);
          fresh.inFlight = w.inFlight;
          restarted.add(Map.entry(e.getKey(), fresh));
        }
      }
      restarted.forEach(e -> windows.put(e.getKey(), e.getValue()));
    }
  }

  private static final class Window {
    final long startMillis;
    int failures;
    int inFlight;

    Window(long startMillis) {
      this.startMillis = startMillis;
    }
  }
}

package io.weft.auth;

import io.weft.config.WeftConfig;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.LongSupplier;

/**
 * At most so many of one thing from one address (an IPv6 address counts as its /64) within a window
 * that starts at the first: accounts ({@code auth.signupsPerAddress} per {@code auth.signupWindowSeconds})
 * and new pages ({@code pages.newPagesPerAddress} per {@code pages.newPageWindowSeconds}). A request holds
 * its place while it runs and gives it back if nothing came of it. Kept in memory, per process.
 */
public final class AddressWindows {
  private final int perAddress;
  private final long windowMillis;
  private final LongSupplier clock;
  /** By address, in the order their windows started; at most {@link AttemptThrottle#MAX_TRACKED}. */
  private final LinkedHashMap<String, Window> windows = new LinkedHashMap<>();

  AddressWindows(int perAddress, long windowMillis, LongSupplier clock) {
    this.perAddress = perAddress;
    this.windowMillis = windowMillis;
    this.clock = clock;
  }

  public static AddressWindows forSignups(WeftConfig.Auth config) {
    return new AddressWindows(config.signupsPerAddress(), config.signupWindowSeconds() * 1000L,
        () -> System.nanoTime() / 1_000_000);
  }

  public static AddressWindows forNewPages(WeftConfig.Pages config) {
    return new AddressWindows(config.newPagesPerAddress(), config.newPageWindowSeconds() * 1000L,
        () -> System.nanoTime() / 1_000_000);
  }

  /** Takes a place for a request from {@code address}: 0 if taken, else the seconds until one frees up. */
  public synchronized long take(String address) {
    long now = clock.getAsLong();
    for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
      if (it.next().startMillis + windowMillis > now) {
        break;
      }
      it.remove();
    }
    String key = AttemptThrottle.addressKey(address);
    Window w = windows.get(key);
    if (w == null) {
      if (windows.size() >= AttemptThrottle.MAX_TRACKED) {
        Iterator<Window> oldest = windows.values().iterator();
        oldest.next();
        oldest.remove();
      }
      w = new Window(now);
      windows.put(key, w);
    }
    if (w.count >= perAddress) {
      return Math.max(1, (w.startMillis + windowMillis - now + 999) / 1000);
    }
    w.count++;
    return 0;
  }

  /** The request that took a place made nothing: the place is free again. */
  public synchronized void giveBack(String address) {
    Window w = windows.get(AttemptThrottle.addressKey(address));
    if (w != null && w.count > 0) {
      w.count--;
    }
  }

  private static final class Window {
    final long startMillis;
    int count;

    Window(long startMillis) {
      this.startMillis = startMillis;
    }
  }
}

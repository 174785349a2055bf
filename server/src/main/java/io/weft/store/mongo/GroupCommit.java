package io.weft.store.mongo;

import java.util.ArrayList;
import java.util.List;

/**
 * The gathering half of group commit: writes that arrive while a group is being written wait together
 * for the next one, so one write serves everyone who asked meanwhile. At most one caller leads at a
 * time: the one whose {@link #join} found nobody writing takes groups with {@link #next} until none is
 * left. What a group is written with (a file, a database) and on which thread is the caller's.
 */
final class GroupCommit<T> {
  /** Most items per group: bounds how long one group keeps the next waiting. */
  private final int maxGroup;
  private final Object lock = new Object();
  private List<T> pending = new ArrayList<>();
  /** Whether a leader is taking groups: set by the join that finds none, cleared by the next that finds nothing. */
  private boolean leading;

  GroupCommit(int maxGroup) {
    this.maxGroup = maxGroup;
  }

  /** Adds {@code item} to the next group; true if the caller must now lead (take groups until none is left). */
  boolean join(T item) {
    synchronized (lock) {
      pending.add(item);
      if (leading) {
        return false;
      }
      leading = true;
      return true;
    }
  }

  /** The leader's next group, oldest first; null when nobody waits, which ends its lead. */
  List<T> next() {
    synchronized (lock) {
      if (pending.isEmpty()) {
        leading = false;
        return null;
      }
      List<T> group;
      if (pending.size() <= maxGroup) {
        group = pending;
        pending = new ArrayList<>();
      } else {
        group = new ArrayList<>(pending.subList(0, maxGroup));
        pending = new ArrayList<>(pending.subList(maxGroup, pending.size()));
      }
      return group;
    }
  }
}

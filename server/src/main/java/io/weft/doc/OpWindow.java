package io.weft.doc;

import io.weft.store.StoredOp;
import java.util.ArrayList;
import java.util.List;

/**
 * The most recent committed ops of a loaded document, each with its wire text, so that late
 * submissions are transformed and reconnecting clients caught up without reading storage.
 * Holds versions [start, end) with no gaps; the oldest fall off past the capacity.
 */
final class OpWindow {
  /** A committed op and its broadcast frame, encoded once for every socket. */
  record Entry(StoredOp op, String wire) {
  }

  private static final int FIRST_RING = 16;

  private final int capacity;
  /** A ring: the entry of version v sits at v % ring.length, so any suffix is read without a walk. */
  private Entry[] ring;
  private long start;
  private long end;

  OpWindow(int capacity, long start) {
    this.capacity = capacity;
    // Most loaded documents see few edits: the ring grows to the capacity only as ops arrive.
    this.ring = new Entry[Math.min(capacity, FIRST_RING)];
    this.start = start;
    this.end = start;
  }

  long start() {
    return start;
  }

  long end() {
    return end;
  }

  void add(Entry entry) {
    if (entry.op().version() != end) {
      throw new IllegalStateException("op " + entry.op().version() + " does not follow version " + end);
    }
    if (end - start == ring.length && ring.length < capacity) {
      grow();
    }
    ring[slot(end)] = entry;
    end++;
    if (end - start > ring.length) {
      start++;
    }
  }

  private void grow() {
    Entry[] old = ring;
    ring = new Entry[(int) Math.min(capacity, 2L * old.length)];
    for (long v = start; v < end; v++) {
      ring[slot(v)] = old[(int) (v % old.length)];
    }
  }

  /** The entries with version >= from (from must be >= start). */
  List<Entry> since(long from) {
    if (from < start) {
      throw new IllegalArgumentException("version " + from + " is older than the window start " + start);
    }
    List<Entry> out = new ArrayList<>((int) Math.max(0, end - from));
    for (long v = from; v < end; v++) {
      out.add(ring[slot(v)]);
    }
    return out;
  }

  private int slot(long version) {
    return (int) (version % ring.length);
  }
}

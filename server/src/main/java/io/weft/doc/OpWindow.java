package io.weft.doc;

import io.weft.store.StoredOp;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Iterator;
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

  private final int capacity;
  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private long start;

  OpWindow(int capacity, long start) {
    this.capacity = capacity;
    this.start = start;
  }

  long start() {
    return start;
  }

  long end() {
    return start + entries.size();
  }

  void add(Entry entry) {
    if (entry.op().version() != end()) {
      throw new IllegalStateException("op " + entry.op().version() + " does not follow version " + end());
    }
    entries.addLast(entry);
    if (entries.size() > capacity) {
      entries.removeFirst();
      start++;
    }
  }

  /** The entries with version >= from (from must be >= start). */
  List<Entry> since(long from) {
    if (from < start) {
      throw new IllegalArgumentException("version " + from + " is older than the window start " + start);
    }
    List<Entry> out = new ArrayList<>((int) Math.max(0, end() - from));
    long skip = from - start;
    Iterator<Entry> it = entries.iterator();
    for (long i = 0; it.hasNext(); i++) {
      Entry e = it.next();
      if (i >= skip) {
        out.add(e);
      }
    }
    return out;
  }
}

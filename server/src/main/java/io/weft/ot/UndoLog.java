package io.weft.ot;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Records the actual previous state touched by each in-place mutation (never the op's claimed
 * ld/od/sd, which are not verified) so a partly applied op can be rolled back exactly, including the
 * key order of objects.
 */
final class UndoLog {
  private final ArrayList<Runnable> entries = new ArrayList<>();
  private boolean reverted;

  /** Undoes every recorded mutation, newest first. Only the first call has an effect. */
  void revert() {
    if (reverted) {
      return;
    }
    reverted = true;
    for (int i = entries.size() - 1; i >= 0; i--) {
      entries.get(i).run();
    }
    entries.clear();
  }

  void listInserted(List<Object> list, int index) {
    entries.add(() -> list.remove(index));
  }

  void listRemoved(List<Object> list, int index, Object old) {
    entries.add(() -> list.add(index, old));
  }

  void listSet(List<Object> list, int index, Object old) {
    entries.add(() -> list.set(index, old));
  }

  void listMoved(List<Object> list, int from, int to) {
    entries.add(() -> list.add(from, list.remove(to)));
  }

  /** Call before the put; {@code existed} says whether the key was present. */
  void mapPut(Map<String, Object> map, String key, boolean existed, Object old) {
    if (existed) {
      // Re-putting an existing key keeps its position.
      entries.add(() -> map.put(key, old));
    } else {
      entries.add(() -> map.remove(key));
    }
  }

  /** Call before the removal, while the key's position can still be found. */
  void mapRemoved(Map<String, Object> map, String key, Object old) {
    int position = 0;
    for (String k : map.keySet()) {
      if (k.equals(key)) {
        break;
      }
      position++;
    }
    int at = position;
    entries.add(() -> reinsert(map, key, old, at));
  }

  private static void reinsert(Map<String, Object> map, String key, Object value, int position) {
    if (position >= map.size()) {
      map.put(key, value);
      return;
    }
    List<Map.Entry<String, Object>> rest = new ArrayList<>(map.size() - position);
    int i = 0;
    for (Map.Entry<String, Object> e : map.entrySet()) {
      if (i++ >= position) {
        // Map.entry rejects null values, which JSON has.
        rest.add(new AbstractMap.SimpleImmutableEntry<>(e.getKey(), e.getValue()));
      }
    }
    for (Map.Entry<String, Object> e : rest) {
      map.remove(e.getKey());
    }
    map.put(key, value);
    for (Map.Entry<String, Object> e : rest) {
      map.put(e.getKey(), e.getValue());
    }
  }
}

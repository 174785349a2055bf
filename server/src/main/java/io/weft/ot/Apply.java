package io.weft.ot;

import java.util.List;
import java.util.Map;

/**
 * In-place, atomic application of json0 ops. Each component is fully validated before it mutates
 * anything, so a single component never needs undoing; for longer ops an {@link UndoLog} rolls back
 * the earlier components when a later one fails. Inserted values are deep-copied so the document never
 * shares structure with the op (which is also logged and broadcast).
 */
final class Apply {
  private Apply() {}

  /**
   * Applies {@code op} to {@code root} and returns the new root. {@code log} may be null, in which case
   * one is only created when the op has several components.
   */
  static Object apply(Object root, List<Component> op, UndoLog log) throws OtException {
    int n = op.size();
    UndoLog undo = log != null ? log : (n > 1 ? new UndoLog() : null);
    try {
      for (int i = 0; i < n; i++) {
        root = applyComponent(root, op.get(i), i, undo);
      }
    } catch (OtException | RuntimeException e) {
      if (undo != null) {
        undo.revert();
      }
      throw e;
    }
    return root;
  }

  static Object applyComponent(Object root, Component c, int index, UndoLog undo) throws OtException {
    Object[] p = c.pathArray();
    int n = p.length;
    switch (c.kind()) {
      case STRING_INSERT, STRING_DELETE -> {
        // The last path element is the character offset; the string itself is one level up.
        return replaceAt(root, p, n - 2, index, undo, s -> editString(s, c, p, index));
      }
      case NUMBER_ADD -> {
        return replaceAt(root, p, n - 1, index, undo, v -> addNumber(v, c, p, index));
      }
      case LIST_INSERT, LIST_DELETE, LIST_REPLACE, LIST_MOVE -> {
        applyList(walk(root, p, n - 1, index), c, p, index, undo);
        return root;
      }
      default -> {
        if (n == 0) {
          // ot-json0 replaces or removes the root without looking at it.
          return c.kind().hasOi() ? DeepJson.deepCopy(c.inserted()) : null;
        }
        applyObject(walk(root, p, n - 1, index), c, p, index, undo);
        return root;
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void applyList(Object node, Component c, Object[] p, int index, UndoLog undo)
      throws OtException {
    String op = opName(c);
    if (!(node instanceof List<?>)) {
      throw OtException.at(index, op + " at path " + Paths.format(p) + " needs a list at "
          + Paths.format(p, p.length - 1) + ", found " + DeepJson.typeName(node));
    }
    List<Object> list = (List<Object>) node;
    int i = (Integer) p[p.length - 1];
    int size = list.size();
    int limit = c.kind() == Component.Kind.LIST_INSERT ? size : size - 1;
    if (i < 0 || i > limit) {
      throw OtException.at(index, op + " index " + i + " at path " + Paths.format(p) + " is out of range (list"
          + " length " + size + ")");
    }
    switch (c.kind()) {
      case LIST_INSERT -> {
        list.add(i, DeepJson.deepCopy(c.inserted()));
        if (undo != null) {
          undo.listInserted(list, i);
        }
      }
      case LIST_DELETE -> {
        Object old = list.remove(i);
        if (undo != null) {
          undo.listRemoved(list, i, old);
        }
      }
      case LIST_REPLACE -> {
        Object old = list.set(i, DeepJson.deepCopy(c.inserted()));
        if (undo != null) {
          undo.listSet(list, i, old);
        }
      }
      default -> {
        int to = c.moveTarget();
        if (to < 0 || to >= size) {
          throw OtException.at(index, "\"lm\" target " + to + " for path " + Paths.format(p)
              + " is out of range (list length " + size + ")");
        }
        if (to != i) {
          list.add(to, list.remove(i));
          if (undo != null) {
            undo.listMoved(list, i, to);
          }
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void applyObject(Object node, Component c, Object[] p, int index, UndoLog undo)
      throws OtException {
    String op = opName(c);
    if (!(node instanceof Map<?, ?>)) {
      throw OtException.at(index, op + " at path " + Paths.format(p) + " needs an object at "
          + Paths.format(p, p.length - 1) + ", found " + DeepJson.typeName(node));
    }
    Map<String, Object> map = (Map<String, Object>) node;
    String key = (String) p[p.length - 1];
    Object old = map.get(key);
    boolean existed = old != null || map.containsKey(key);
    // Like ot-json0, od does not look at what it deletes: of a missing key it deletes nothing, and with oi
    // it inserts. Webstrates' client sends {"od":null,"oi":value} for every new attribute.
    if (c.kind().hasOi()) {
      if (undo != null) {
        undo.mapPut(map, key, existed, old);
      }
      map.put(key, DeepJson.deepCopy(c.inserted()));
    } else if (existed) {
      if (undo != null) {
        undo.mapRemoved(map, key, old);
      }
      map.remove(key);
    }
  }

  private static String editString(Object s, Component c, Object[] p, int index) throws OtException {
    boolean insert = c.kind() == Component.Kind.STRING_INSERT;
    String op = insert ? "\"si\"" : "\"sd\"";
    if (!(s instanceof String str)) {
      throw OtException.at(index, op + " at path " + Paths.format(p) + " needs a string at "
          + Paths.format(p, p.length - 1) + ", found " + DeepJson.typeName(s));
    }
    int offset = (Integer) p[p.length - 1];
    if (offset > str.length()) {
      throw OtException.at(index, op + " offset " + offset + " at path " + Paths.format(p)
          + " is out of range (string length " + str.length() + ")");
    }
    if (insert) {
      String text = (String) c.inserted();
      return str.substring(0, offset) + text + str.substring(offset);
    }
    // Unlike ld/od, ot-json0 does verify sd (its text0 subtype refuses mismatching deletes).
    String text = (String) c.deleted();
    int end = offset + text.length();
    if (end > str.length() || !str.regionMatches(offset, text, 0, text.length())) {
      String found = str.substring(offset, Math.min(end, str.length()));
      throw OtException.at(index, "\"sd\" at path " + Paths.format(p) + " deletes " + snippet(text)
          + " but the document has " + snippet(found) + " there");
    }
    return str.substring(0, offset) + str.substring(end);
  }

  private static Number addNumber(Object v, Component c, Object[] p, int index) throws OtException {
    if (!(v instanceof Number n)) {
      throw OtException.at(index, "\"na\" at path " + Paths.format(p) + " needs a number, found "
          + DeepJson.typeName(v));
    }
    Number sum = Numbers.add(n, c.numberDelta());
    if (sum == null) {
      throw OtException.at(index, "\"na\" at path " + Paths.format(p) + " overflows the number");
    }
    return sum;
  }

  /** The node reached by following the first {@code depth} elements of {@code p}. */
  /** What a string or number edit makes of the value it applies to. */
  private interface ValueEdit {
    Object apply(Object value) throws OtException;
  }

  /**
   * Replaces the value at {@code p[0..depth]} (the root itself when {@code depth} is -1) with what
   * {@code edit} makes of it; returns the (new) root.
   */
  private static Object replaceAt(Object root, Object[] p, int depth, int index, UndoLog undo, ValueEdit edit)
      throws OtException {
    if (depth < 0) {
      return edit.apply(root);
    }
    Object container = walk(root, p, depth, index);
    Object value = step(container, p[depth], p, depth, index);
    set(container, p[depth], edit.apply(value), undo);
    return root;
  }

  private static Object walk(Object root, Object[] p, int depth, int index) throws OtException {
    Object node = root;
    for (int d = 0; d < depth; d++) {
      node = step(node, p[d], p, d, index);
    }
    return node;
  }

  /** The child {@code key} (= p[depth]) of {@code node}, which must exist. */
  private static Object step(Object node, Object key, Object[] p, int depth, int index) throws OtException {
    if (node instanceof Map<?, ?> map) {
      if (!(key instanceof String)) {
        throw OtException.at(index, "path " + Paths.format(p) + ": " + Paths.format(p, depth)
            + " is an object, so " + key + " must be a string key");
      }
      Object child = map.get(key);
      if (child == null && !map.containsKey(key)) {
        throw missing(p, depth, index, "no key " + Paths.element(key));
      }
      return child;
    }
    if (node instanceof List<?> list) {
      if (!(key instanceof Integer)) {
        throw OtException.at(index, "path " + Paths.format(p) + ": " + Paths.format(p, depth)
            + " is a list, so " + Paths.element(key) + " must be an integer index");
      }
      int i = (Integer) key;
      if (i >= list.size()) {
        throw missing(p, depth, index, "index " + i + " is past the end of the list (length " + list.size()
            + ")");
      }
      return list.get(i);
    }
    if (node == null) {
      throw OtException.at(index, "path " + Paths.format(p) + " goes through a missing node: "
          + (depth == 0 ? "the document is empty" : Paths.format(p, depth) + " is null"));
    }
    throw OtException.at(index, "path " + Paths.format(p) + " goes through " + DeepJson.typeName(node)
        + " at " + Paths.format(p, depth) + ", which has no children");
  }

  private static OtException missing(Object[] p, int depth, int index, String detail) {
    return OtException.at(index, "path " + Paths.format(p) + " goes through a missing node at "
        + Paths.format(p, depth + 1) + " (" + detail + ")");
  }

  /** Replaces an existing child, which {@link #step} has just looked up. */
  @SuppressWarnings("unchecked")
  private static void set(Object container, Object key, Object value, UndoLog undo) {
    if (container instanceof Map<?, ?>) {
      Map<String, Object> map = (Map<String, Object>) container;
      Object old = map.put((String) key, value);
      if (undo != null) {
        undo.mapPut(map, (String) key, true, old);
      }
    } else {
      List<Object> list = (List<Object>) container;
      int i = (Integer) key;
      Object old = list.set(i, value);
      if (undo != null) {
        undo.listSet(list, i, old);
      }
    }
  }

  private static String opName(Component c) {
    return switch (c.kind()) {
      case LIST_INSERT, LIST_REPLACE -> "\"li\"";
      case LIST_DELETE -> "\"ld\"";
      case LIST_MOVE -> "\"lm\"";
      case OBJECT_INSERT, OBJECT_REPLACE -> "\"oi\"";
      default -> "\"od\"";
    };
  }

  private static String snippet(String s) {
    return Paths.element(s.length() <= 40 ? s : s.substring(0, 37) + "...");
  }
}

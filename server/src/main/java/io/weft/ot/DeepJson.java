package io.weft.ot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Structural utilities over decoded JSON (Map, List, String, Number, Boolean, null). */
final class DeepJson {
  private DeepJson() {}

  static Object deepCopy(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, (int) (m.size() / 0.75f) + 1));
      for (Map.Entry<?, ?> e : m.entrySet()) {
        copy.put((String) e.getKey(), deepCopy(e.getValue()));
      }
      return copy;
    }
    if (v instanceof List<?> l) {
      List<Object> copy = new ArrayList<>(l.size());
      for (Object o : l) {
        copy.add(deepCopy(o));
      }
      return copy;
    }
    if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
      return v;
    }
    throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
  }

  /** Structural equality; numbers compare numerically and object key order is ignored. */
  static boolean deepEquals(Object a, Object b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return Numbers.equal(x, y);
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : x.entrySet()) {
        Object other = y.get(e.getKey());
        if (other == null && !y.containsKey(e.getKey())) {
          return false;
        }
        if (!deepEquals(e.getValue(), other)) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      int n = x.size();
      if (n != y.size()) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        if (!deepEquals(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /**
   * JavaScript {@code ===} as ot-json0's append sees it: values there are always fresh clones, so
   * objects and arrays are never identical, while primitives compare by value.
   */
  static boolean jsStrictEquals(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return Numbers.equal(x, y);
    }
    if (a instanceof String || a instanceof Boolean) {
      return a.equals(b);
    }
    return false;
  }

  static String typeName(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Map) {
      return "an object";
    }
    if (v instanceof List) {
      return "a list";
    }
    if (v instanceof String) {
      return "a string";
    }
    if (v instanceof Number) {
      return "a number";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    return "a " + v.getClass().getSimpleName();
  }

  /**
   * Null when {@code v} is plain JSON without a "__proto__" key anywhere (such keys would let a value
   * stored here pollute prototypes in JavaScript clients); otherwise a description of the problem.
   */
  static String findInvalid(Object v) {
    return findInvalid(v, new ArrayList<>());
  }

  private static String findInvalid(Object v, List<Object> where) {
    if (v instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        Object k = e.getKey();
        if (!(k instanceof String key)) {
          return "has a non-string object key at " + Paths.format(where);
        }
        if (Paths.FORBIDDEN_KEY.equals(key)) {
          return "contains the forbidden key \"__proto__\" at " + Paths.format(where);
        }
        where.add(key);
        String bad = findInvalid(e.getValue(), where);
        where.remove(where.size() - 1);
        if (bad != null) {
          return bad;
        }
      }
      return null;
    }
    if (v instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        where.add(i);
        String bad = findInvalid(l.get(i), where);
        where.remove(where.size() - 1);
        if (bad != null) {
          return bad;
        }
      }
      return null;
    }
    if (v instanceof Number n) {
      return Numbers.isFinite(n) ? null : "contains a non-finite number at " + Paths.format(where);
    }
    if (v == null || v instanceof String || v instanceof Boolean) {
      return null;
    }
    return "contains " + typeName(v) + ", which is not JSON, at " + Paths.format(where);
  }
}

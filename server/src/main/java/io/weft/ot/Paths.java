package io.weft.ot;

import java.util.List;

/** Rendering of json0 paths for error messages, as compact JSON: {@code [3,"x"]}. */
final class Paths {
  static final String FORBIDDEN_KEY = "__proto__";

  private Paths() {}

  static String format(List<Object> path) {
    return format(path.toArray(), path.size());
  }

  static String format(Object[] path) {
    return format(path, path.length);
  }

  /** The first {@code length} elements of {@code path}. */
  static String format(Object[] path, int length) {
    StringBuilder sb = new StringBuilder().append('[');
    for (int i = 0; i < length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      appendElement(sb, path[i]);
    }
    return sb.append(']').toString();
  }

  static String element(Object e) {
    return appendElement(new StringBuilder(), e).toString();
  }

  private static StringBuilder appendElement(StringBuilder sb, Object e) {
    if (e instanceof String s) {
      sb.append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '"' || c == '\\') {
          sb.append('\\').append(c);
        } else if (c < 0x20) {
          sb.append(String.format("\\u%04x", (int) c));
        } else {
          sb.append(c);
        }
      }
      return sb.append('"');
    }
    return sb.append(e);
  }
}

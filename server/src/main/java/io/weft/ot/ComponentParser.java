package io.weft.ot;

import io.weft.ot.Component.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Strict decoding of a json0 op from decoded JSON. Everything that can be checked without the
 * document is checked here, so apply/transform only meet well-formed components. Values are taken
 * over by reference (not copied): the caller must not modify the decoded JSON afterwards.
 *
 * <p>Only inserted values (li/oi) are scanned for "__proto__" keys: deleted values are never put into a
 * document by apply, and scanning them would make big deletes expensive (and would forbid removing
 * such a key that got in some other way). {@link Invert} checks them when it turns them into inserts.
 */
final class ComponentParser {
  private static final String KINDS = "si, sd, na, li, ld, lm, oi, od";

  private ComponentParser() {}

  static List<Component> parse(Object json) throws OtException {
    if (!(json instanceof List<?> list)) {
      throw new OtException("op must be a JSON array of components, got " + DeepJson.typeName(json));
    }
    List<Component> op = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      op.add(parseComponent(list.get(i), i));
    }
    return op;
  }

  private static Component parseComponent(Object raw, int index) throws OtException {
    if (!(raw instanceof Map<?, ?> map)) {
      throw OtException.at(index, "must be an object, got " + DeepJson.typeName(raw));
    }
    Object p = null;
    boolean hasP = false;
    Object si = null, sd = null, na = null, li = null, ld = null, lm = null, oi = null, od = null;
    boolean hasSi = false, hasSd = false, hasNa = false, hasLi = false, hasLd = false, hasLm = false,
        hasOi = false, hasOd = false;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      Object key = e.getKey();
      Object v = e.getValue();
      switch (key instanceof String s ? s : "") {
        case "p" -> { p = v; hasP = true; }
        case "si" -> { si = v; hasSi = true; }
        case "sd" -> { sd = v; hasSd = true; }
        case "na" -> { na = v; hasNa = true; }
        case "li" -> { li = v; hasLi = true; }
        case "ld" -> { ld = v; hasLd = true; }
        case "lm" -> { lm = v; hasLm = true; }
        case "oi" -> { oi = v; hasOi = true; }
        case "od" -> { od = v; hasOd = true; }
        case "t", "o" -> throw OtException.at(index,
            "subtype operations (\"t\"/\"o\") are not supported; use si/sd for text");
        default -> throw OtException.at(index, "unknown field " + Paths.element(String.valueOf(key))
            + " (a component has \"p\" and one of " + KINDS + ")");
      }
    }
    if (!hasP) {
      throw OtException.at(index, "missing path \"p\"");
    }
    Object[] path = parsePath(p, index);

    int families = (hasSi || hasSd ? 1 : 0) + (hasNa ? 1 : 0) + (hasLi || hasLd ? 1 : 0) + (hasLm ? 1 : 0)
        + (hasOi || hasOd ? 1 : 0);
    if (families == 0) {
      throw OtException.at(index, "has no instruction (expected one of " + KINDS + ")");
    }
    if (families > 1 || (hasSi && hasSd)) {
      throw OtException.at(index, "cannot combine instructions " + present(hasSi, hasSd, hasNa, hasLi, hasLd,
          hasLm, hasOi, hasOd) + " in one component");
    }
    String where = " at path " + Paths.format(path);
    if (hasSi || hasSd) {
      String name = hasSi ? "si" : "sd";
      Object text = hasSi ? si : sd;
      if (!(text instanceof String)) {
        throw OtException.at(index, "\"" + name + "\" must be a string, got " + DeepJson.typeName(text));
      }
      if (path.length == 0 || !(path[path.length - 1] instanceof Integer)) {
        throw OtException.at(index, "\"" + name + "\" needs the character offset (an integer) as the last path"
            + " element" + where);
      }
      return new Component(path, hasSi ? Kind.STRING_INSERT : Kind.STRING_DELETE, si, sd, null, -1);
    }
    if (hasNa) {
      if (!(na instanceof Number n) || !Numbers.isFinite(n)) {
        throw OtException.at(index, "\"na\" must be a finite number, got " + DeepJson.typeName(na));
      }
      return new Component(path, Kind.NUMBER_ADD, null, null, n, -1);
    }
    if (hasLm) {
      int target = Numbers.toIndex(lm);
      if (target < 0) {
        throw OtException.at(index, "\"lm\" must be a non-negative integer list index, got " + describe(lm));
      }
      requireLastIndex(path, index, "lm", where);
      return new Component(path, Kind.LIST_MOVE, null, null, null, target);
    }
    if (hasLi || hasLd) {
      requireLastIndex(path, index, hasLi ? "li" : "ld", where);
      checkValue(li, hasLi, "li", index);
      return new Component(path, Kind.list(hasLi, hasLd), li, ld, null, -1);
    }
    if (path.length > 0 && !(path[path.length - 1] instanceof String)) {
      throw OtException.at(index, "\"" + (hasOi ? "oi" : "od") + "\" needs an object key (a string) as the last"
          + " path element" + where);
    }
    checkValue(oi, hasOi, "oi", index);
    return new Component(path, Kind.object(hasOi, hasOd), oi, od, null, -1);
  }

  private static Object[] parsePath(Object p, int index) throws OtException {
    if (!(p instanceof List<?> list)) {
      throw OtException.at(index, "path \"p\" must be an array, got " + DeepJson.typeName(p));
    }
    Object[] path = new Object[list.size()];
    for (int i = 0; i < path.length; i++) {
      Object e = list.get(i);
      if (e instanceof String s) {
        if (Paths.FORBIDDEN_KEY.equals(s)) {
          throw OtException.at(index, "path element " + i + " is the forbidden key \"__proto__\"");
        }
        path[i] = s;
      } else {
        int idx = Numbers.toIndex(e);
        if (idx < 0) {
          throw OtException.at(index, "path element " + i + " must be a string key or a non-negative integer"
              + " index, got " + describe(e));
        }
        path[i] = idx;
      }
    }
    return path;
  }

  private static void requireLastIndex(Object[] path, int index, String name, String where) throws OtException {
    if (path.length == 0 || !(path[path.length - 1] instanceof Integer)) {
      throw OtException.at(index, "\"" + name + "\" needs a list index (an integer) as the last path element"
          + where);
    }
  }

  private static void checkValue(Object v, boolean present, String name, int index) throws OtException {
    if (present) {
      String bad = DeepJson.findInvalid(v);
      if (bad != null) {
        throw OtException.at(index, "\"" + name + "\" value " + bad);
      }
    }
  }

  private static String describe(Object v) {
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    if (v instanceof String s) {
      return Paths.element(s);
    }
    return DeepJson.typeName(v);
  }

  private static String present(boolean... flags) {
    String[] names = {"si", "sd", "na", "li", "ld", "lm", "oi", "od"};
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < flags.length; i++) {
      if (flags[i]) {
        sb.append(sb.length() == 0 ? "" : ", ").append(names[i]);
      }
    }
    return sb.toString();
  }
}

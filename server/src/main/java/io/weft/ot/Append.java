package io.weft.ot;

import io.weft.ot.Component.Kind;
import java.util.List;

/**
 * Port of ot-json0's {@code json.append}: pushes a component onto an op, merging it with the last one
 * where json0 does. Transform and compose results depend on these exact (and deliberately
 * non-minimal) rules, so they are kept as they are, quirks included.
 */
final class Append {
  private Append() {}

  static void append(List<Component> dest, Component c) throws OtException {
    int lastIndex = dest.size() - 1;
    if (lastIndex < 0) {
      dest.add(c);
      return;
    }
    Component last = dest.get(lastIndex);
    if (c.kind().isString() && last.kind().isString()) {
      appendText(dest, lastIndex, last, c);
      return;
    }
    if (!pathMatches(c.pathArray(), last.pathArray())) {
      dest.add(c);
      return;
    }
    Kind lk = last.kind();
    Kind ck = c.kind();
    if (lk == Kind.NUMBER_ADD && ck == Kind.NUMBER_ADD) {
      Number sum = Numbers.add(last.numberDelta(), c.numberDelta());
      if (sum == null) {
        throw new OtException("consecutive \"na\" amounts at path " + Paths.format(c.pathArray())
            + " overflow when combined");
      }
      dest.set(lastIndex, new Component(last.pathArray(), Kind.NUMBER_ADD, null, null, sum, -1));
    } else if (lk.hasLi() && ck == Kind.LIST_DELETE && DeepJson.jsStrictEquals(c.deleted(), last.inserted())) {
      // An insert followed by deleting the same (primitive) value cancels out.
      if (lk.hasLd()) {
        dest.set(lastIndex, new Component(last.pathArray(), Kind.LIST_DELETE, null, last.deleted(), null, -1));
      } else {
        dest.remove(lastIndex);
      }
    } else if (lk == Kind.OBJECT_DELETE && ck == Kind.OBJECT_INSERT) {
      dest.set(lastIndex, new Component(last.pathArray(), Kind.OBJECT_REPLACE, c.inserted(), last.deleted(),
          null, -1));
    } else if (lk.hasOi() && ck.hasOd()) {
      if (ck.hasOi()) {
        dest.set(lastIndex, new Component(last.pathArray(), lk, c.inserted(), last.deleted(), null, -1));
      } else if (lk.hasOd()) {
        dest.set(lastIndex, new Component(last.pathArray(), Kind.OBJECT_DELETE, null, last.deleted(), null, -1));
      } else {
        dest.remove(lastIndex);
      }
    } else if (ck == Kind.LIST_MOVE && c.pathArray()[c.pathLength() - 1].equals(c.moveTarget())) {
      // A move onto itself is dropped, but only when it follows a component on the same path.
    } else {
      dest.add(c);
    }
  }

  /**
   * Both are string ops: json0 hands them to text0's compose when they edit the same string, which
   * merges adjacent inserts/deletes and drops empty ones.
   */
  private static void appendText(List<Component> dest, int lastIndex, Component last, Component c) {
    Object[] lp = last.pathArray();
    Object[] cp = c.pathArray();
    int n = cp.length;
    if (lp.length != n || !prefixMatches(cp, lp, n - 1)) {
      dest.add(c);
      return;
    }
    boolean cInsert = c.kind() == Kind.STRING_INSERT;
    String cText = (String) (cInsert ? c.inserted() : c.deleted());
    if (cText.isEmpty()) {
      return;
    }
    int lPos = (Integer) lp[n - 1];
    int cPos = (Integer) cp[n - 1];
    if (cInsert && last.kind() == Kind.STRING_INSERT) {
      String lText = (String) last.inserted();
      if (lPos <= cPos && cPos <= lPos + lText.length()) {
        String merged = TextTransform.inject(lText, cPos - lPos, cText);
        dest.set(lastIndex, new Component(lp, Kind.STRING_INSERT, merged, null, null, -1));
        return;
      }
    } else if (!cInsert && last.kind() == Kind.STRING_DELETE) {
      String lText = (String) last.deleted();
      if (cPos <= lPos && lPos <= cPos + cText.length()) {
        String merged = TextTransform.inject(cText, lPos - cPos, lText);
        dest.set(lastIndex, new Component(cp, Kind.STRING_DELETE, null, merged, null, -1));
        return;
      }
    }
    dest.add(c);
  }

  static boolean pathMatches(Object[] a, Object[] b) {
    return a.length == b.length && prefixMatches(a, b, a.length);
  }

  private static boolean prefixMatches(Object[] a, Object[] b, int n) {
    for (int i = 0; i < n; i++) {
      if (!a[i].equals(b[i])) {
        return false;
      }
    }
    return true;
  }
}

package io.weft.ot;

import io.weft.ot.Component.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * ot-json0 transforms two si/sd components on the same string by converting them to its text0
 * subtype; this is a port of text0's transformComponent and append for that case. Offsets count
 * UTF-16 code units, as in JavaScript.
 */
final class TextTransform {
  private TextTransform() {}

  /** A text0 component: insert or delete {@code text} at {@code pos}. */
  private record Edit(boolean insert, String text, int pos) {}

  /** Transforms string op {@code c} by string op {@code other} on the same string, appending to dest. */
  static void transform(List<Component> dest, Draft c, Component other, Side side) throws OtException {
    Object[] op = other.pathArray();
    Edit mine = edit(c.kind, c.inserted, c.deleted, (Integer) c.p[c.p.length - 1]);
    Edit theirs = edit(other.kind(), other.inserted(), other.deleted(), (Integer) op[op.length - 1]);
    List<Edit> result = new ArrayList<>(2);
    transformEdit(result, mine, theirs, side, c.p);
    for (Edit e : result) {
      Object[] p = c.p.clone();
      p[p.length - 1] = e.pos;
      Append.append(dest, e.insert
          ? new Component(p, Kind.STRING_INSERT, e.text, null, null, -1)
          : new Component(p, Kind.STRING_DELETE, null, e.text, null, -1));
    }
  }

  private static Edit edit(Kind kind, Object inserted, Object deleted, int pos) {
    boolean insert = kind == Kind.STRING_INSERT;
    return new Edit(insert, (String) (insert ? inserted : deleted), pos);
  }

  private static void transformEdit(List<Edit> dest, Edit c, Edit other, Side side, Object[] path)
      throws OtException {
    if (c.insert) {
      append(dest, new Edit(true, c.text, transformPosition(c.pos, other, side == Side.RIGHT)));
      return;
    }
    int cEnd = c.pos + c.text.length();
    if (other.insert) {
      String s = c.text;
      if (c.pos < other.pos) {
        append(dest, new Edit(false, slice(s, 0, other.pos - c.pos), c.pos));
        s = slice(s, other.pos - c.pos, s.length());
      }
      if (!s.isEmpty()) {
        append(dest, new Edit(false, s, c.pos + other.text.length()));
      }
      return;
    }
    int otherEnd = other.pos + other.text.length();
    if (c.pos >= otherEnd) {
      append(dest, new Edit(false, c.text, c.pos - other.text.length()));
    } else if (cEnd <= other.pos) {
      append(dest, c);
    } else {
      String remaining = "";
      if (c.pos < other.pos) {
        remaining = slice(c.text, 0, other.pos - c.pos);
      }
      if (cEnd > otherEnd) {
        remaining += slice(c.text, otherEnd - c.pos, c.text.length());
      }
      int from = Math.max(c.pos, other.pos);
      int to = Math.min(cEnd, otherEnd);
      String mineOverlap = slice(c.text, from - c.pos, to - c.pos);
      String theirsOverlap = slice(other.text, from - other.pos, to - other.pos);
      if (!mineOverlap.equals(theirsOverlap)) {
        throw new OtException("cannot transform: concurrent \"sd\" components on the string at "
            + Paths.format(path, path.length - 1) + " delete different text in the same region");
      }
      if (!remaining.isEmpty()) {
        append(dest, new Edit(false, remaining, transformPosition(c.pos, other, false)));
      }
    }
  }

  private static int transformPosition(int pos, Edit c, boolean insertAfter) {
    if (c.insert) {
      return c.pos < pos || (c.pos == pos && insertAfter) ? pos + c.text.length() : pos;
    }
    if (pos <= c.pos) {
      return pos;
    }
    return pos <= c.pos + c.text.length() ? c.pos : pos - c.text.length();
  }

  /** text0's append: drops empty edits and merges touching inserts / deletes. */
  private static void append(List<Edit> op, Edit c) {
    if (c.text.isEmpty()) {
      return;
    }
    int lastIndex = op.size() - 1;
    if (lastIndex < 0) {
      op.add(c);
      return;
    }
    Edit last = op.get(lastIndex);
    if (last.insert && c.insert && last.pos <= c.pos && c.pos <= last.pos + last.text.length()) {
      op.set(lastIndex, new Edit(true, inject(last.text, c.pos - last.pos, c.text), last.pos));
    } else if (!last.insert && !c.insert && c.pos <= last.pos && last.pos <= c.pos + c.text.length()) {
      op.set(lastIndex, new Edit(false, inject(c.text, last.pos - c.pos, last.text), c.pos));
    } else {
      op.add(c);
    }
  }

  static String inject(String s, int pos, String insert) {
    return slice(s, 0, pos) + insert + slice(s, pos, s.length());
  }

  /** JavaScript's String.prototype.slice for non-negative bounds: clamps instead of throwing. */
  private static String slice(String s, int from, int to) {
    int n = s.length();
    int a = Math.min(from, n);
    int b = Math.min(to, n);
    return a >= b ? "" : s.substring(a, b);
  }
}

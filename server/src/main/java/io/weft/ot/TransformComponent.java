package io.weft.ot;

import io.weft.ot.Component.Kind;
import java.util.List;

/**
 * Port of ot-json0's {@code transformComponent}: transforms {@code c} so that it applies after
 * {@code other}, appending zero, one or two components to dest. Branch for branch the same as json0,
 * including its tie-breaks and lm quirks. Where json0 compares path elements that may be missing
 * (undefined in JavaScript), {@link Draft#at} yields null and the ordering helpers answer false, as
 * JavaScript's comparisons with undefined do.
 */
final class TransformComponent {
  /** commonLengthForOps returning JavaScript null. */
  private static final int NONE = Integer.MIN_VALUE;

  private TransformComponent() {}

  static void transform(List<Component> dest, Component original, Component other, Side side)
      throws OtException {
    Draft c = new Draft(original);
    int common = commonLength(other, original);
    int common2 = commonLength(original, other);
    int cplength = operandLength(original);
    int otherCplength = operandLength(other);
    Object[] op = other.pathArray();

    // If c deletes something that other edits inside, update c's deleted value so it stays invertible.
    if (common2 != NONE && otherCplength > cplength && same(c.at(common2), at(op, common2))) {
      if (c.kind.hasLd() || c.kind.hasOd()) {
        c.deleted = applyInside(c.deleted, other, cplength, original);
      }
    }

    if (common != NONE) {
      if (transformAt(dest, c, other, side, common, cplength == otherCplength, cplength, otherCplength)) {
        return;
      }
    }
    Append.append(dest, c.toComponent());
  }

  /** Returns true when c is finished with (dropped, or already appended). */
  private static boolean transformAt(List<Component> dest, Draft c, Component other, Side side, int common,
      boolean commonOperand, int cplength, int otherCplength) throws OtException {
    Object[] op = other.pathArray();
    Object otherAt = at(op, common);
    Object cAt = c.at(common);
    if (c.kind.isString() && other.kind().isString()) {
      TextTransform.transform(dest, c, other, side);
      return true;
    }
    switch (other.kind()) {
      case LIST_REPLACE -> {
        if (same(otherAt, cAt)) {
          if (!commonOperand) {
            return true;
          }
          if (c.kind.hasLd()) {
            if (c.kind.hasLi() && side == Side.LEFT) {
              // Both replace the same element: only one can survive.
              c.deleted = other.inserted();
            } else {
              return true;
            }
          }
        }
      }
      case LIST_INSERT -> {
        if (c.kind == Kind.LIST_INSERT && commonOperand && same(cAt, otherAt)) {
          if (side == Side.RIGHT) {
            c.shift(common, 1);
          }
        } else if (le(otherAt, cAt)) {
          c.shift(common, 1);
        }
        if (c.kind == Kind.LIST_MOVE && commonOperand && le(otherAt, c.lm)) {
          c.lm++;
        }
      }
      case LIST_DELETE -> {
        if (c.kind == Kind.LIST_MOVE && commonOperand) {
          if (same(otherAt, cAt)) {
            return true;
          }
          int to = c.lm;
          if (lt(otherAt, to) || (same(otherAt, to) && lt(cAt, to))) {
            c.lm--;
          }
        }
        if (lt(otherAt, cAt)) {
          c.shift(common, -1);
        } else if (same(otherAt, cAt)) {
          if (otherCplength < cplength) {
            return true;
          }
          if (c.kind.hasLd()) {
            if (c.kind.hasLi()) {
              c.kind = Kind.LIST_INSERT;
              c.deleted = null;
            } else {
              return true;
            }
          }
        }
      }
      case LIST_MOVE -> {
        return transformByMove(c, other, side, common, commonOperand);
      }
      case OBJECT_REPLACE -> {
        if (same(cAt, otherAt)) {
          if (c.kind.hasOi() && commonOperand) {
            if (side == Side.RIGHT) {
              return true;
            }
            c.kind = Kind.OBJECT_REPLACE;
            c.deleted = other.inserted();
          } else {
            return true;
          }
        }
      }
      case OBJECT_INSERT -> {
        // json0 checks neither the depth nor commonOperand here.
        if (c.kind.hasOi() && same(cAt, otherAt)) {
          if (side == Side.RIGHT) {
            return true;
          }
          Append.append(dest, new Component(c.p.clone(), Kind.OBJECT_DELETE, null, other.inserted(), null, -1));
        }
      }
      case OBJECT_DELETE -> {
        if (same(cAt, otherAt)) {
          if (!commonOperand || !c.kind.hasOi()) {
            return true;
          }
          c.kind = Kind.OBJECT_INSERT;
          c.deleted = null;
        }
      }
      default -> {
        // na and string edits never move anything else.
      }
    }
    return false;
  }

  private static boolean transformByMove(Draft c, Component other, Side side, int common,
      boolean commonOperand) {
    Object otherFrom = at(other.pathArray(), common);
    int otherTo = other.moveTarget();
    Object from = c.at(common);
    if (c.kind == Kind.LIST_MOVE && commonOperand) {
      int to = c.lm;
      if (same(otherFrom, otherTo)) {
        return false;
      }
      if (same(from, otherFrom)) {
        // They moved the element we move: tie-break.
        if (side == Side.RIGHT) {
          return true;
        }
        c.p[common] = otherTo;
        if (same(from, to)) {
          c.lm = otherTo;
        }
        return false;
      }
      if (shiftPastMove(c, common, from, otherFrom, otherTo) && same(from, to)) {
        c.lm++;
      }
      if (gt(to, otherFrom)) {
        c.lm--;
      } else if (same(to, otherFrom) && gt(to, from)) {
        c.lm--;
      }
      if (gt(to, otherTo)) {
        c.lm++;
      } else if (to == otherTo) {
        if ((gt(otherTo, otherFrom) && gt(to, from)) || (lt(otherTo, otherFrom) && lt(to, from))) {
          if (side == Side.RIGHT) {
            c.lm++;
          }
        } else if (gt(to, from)) {
          c.lm++;
        } else if (same(to, otherFrom)) {
          c.lm--;
        }
      }
    } else if (c.kind == Kind.LIST_INSERT && commonOperand) {
      if (gt(from, otherFrom)) {
        c.shift(common, -1);
      }
      if (gt(from, otherTo)) {
        c.shift(common, 1);
      }
    } else {
      // Everything else cares where its element went.
      if (same(from, otherFrom)) {
        c.p[common] = otherTo;
      } else {
        shiftPastMove(c, common, from, otherFrom, otherTo);
      }
    }
    return false;
  }

  /**
   * Moves c's index at {@code common} ({@code from}) as another op's move of an element from
   * {@code otherFrom} to {@code otherTo} moved the elements around it. True when c's element sat where
   * the moved one landed and was pushed up by a move from further on.
   */
  private static boolean shiftPastMove(Draft c, int common, Object from, Object otherFrom, int otherTo) {
    if (gt(from, otherFrom)) {
      c.shift(common, -1);
    }
    if (gt(from, otherTo)) {
      c.shift(common, 1);
    } else if (same(from, otherTo) && gt(otherFrom, otherTo)) {
      c.shift(common, 1);
      return true;
    }
    return false;
  }

  /** Applies other (re-rooted at the deleted value) to a copy of c's deleted value. */
  private static Object applyInside(Object deleted, Component other, int depth, Component c) throws OtException {
    Object[] op = other.pathArray();
    Object[] inner = new Object[op.length - Math.min(depth, op.length)];
    System.arraycopy(op, op.length - inner.length, inner, 0, inner.length);
    try {
      return Apply.applyComponent(DeepJson.deepCopy(deleted), other.withPath(inner), 0, null);
    } catch (OtException e) {
      throw new OtException("cannot transform: the value deleted at " + Paths.format(c.pathArray())
          + " does not fit a concurrent edit inside it (" + withoutPrefix(e.getMessage()) + ")");
    }
  }

  private static String withoutPrefix(String message) {
    String prefix = "component 0: ";
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }

  /** json0's commonLengthForOps(a, b), with NONE for null. */
  static int commonLength(Component a, Component b) {
    int alen = operandLength(a);
    int blen = operandLength(b);
    if (alen == 0) {
      return -1;
    }
    if (blen == 0) {
      return NONE;
    }
    alen--;
    blen--;
    Object[] ap = a.pathArray();
    Object[] bp = b.pathArray();
    for (int i = 0; i < alen; i++) {
      if (i >= blen || !ap[i].equals(bp[i])) {
        return NONE;
      }
    }
    return alen;
  }

  /** Path length, counting an na's number as one more level (json0's cplength). */
  private static int operandLength(Component c) {
    return c.pathLength() + (c.kind() == Kind.NUMBER_ADD ? 1 : 0);
  }

  private static Object at(Object[] p, int i) {
    return i >= 0 && i < p.length ? p[i] : null;
  }

  private static boolean same(Object a, Object b) {
    return a == null ? b == null : a.equals(b);
  }

  private static boolean same(Object a, int b) {
    return a instanceof Integer i && i == b;
  }

  private static boolean lt(Object a, Object b) {
    return a instanceof Integer x && b instanceof Integer y && x < y;
  }

  private static boolean le(Object a, Object b) {
    return a instanceof Integer x && b instanceof Integer y && x <= y;
  }

  private static boolean gt(Object a, Object b) {
    return a instanceof Integer x && b instanceof Integer y && x > y;
  }
}

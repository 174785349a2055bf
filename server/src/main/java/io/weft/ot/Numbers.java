package io.weft.ot;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Number handling for decoded JSON. JavaScript has one number type, so ot-json0 treats 3, 3.0 and
 * 3L alike; Jackson gives us several boxed types, which this class reconciles.
 */
final class Numbers {
  private Numbers() {}

  /** True for the boxed types that hold whole numbers exactly. */
  static boolean isIntegral(Object n) {
    return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
        || n instanceof BigInteger;
  }

  /**
   * The value as a non-negative int (path index, string offset, move target), or -1 when it is not
   * one. Integral floating values such as 2.0 are accepted because JSON, like JavaScript, does not
   * distinguish 2 from 2.0.
   */
  static int toIndex(Object n) {
    if (n instanceof Integer i) {
      return i >= 0 ? i : -1;
    }
    if (n instanceof Long || n instanceof Short || n instanceof Byte) {
      long v = ((Number) n).longValue();
      return v >= 0 && v <= Integer.MAX_VALUE ? (int) v : -1;
    }
    if (n instanceof BigInteger b) {
      return b.signum() >= 0 && b.bitLength() < 32 ? b.intValue() : -1;
    }
    if (n instanceof Double || n instanceof Float) {
      double d = ((Number) n).doubleValue();
      return d >= 0 && d <= Integer.MAX_VALUE && d == Math.rint(d) ? (int) d : -1;
    }
    if (n instanceof BigDecimal b) {
      try {
        int v = b.intValueExact();
        return v >= 0 ? v : -1;
      } catch (ArithmeticException e) {
        return -1;
      }
    }
    return -1;
  }

  static boolean isFinite(Number n) {
    if (n instanceof Double || n instanceof Float) {
      return Double.isFinite(n.doubleValue());
    }
    return true;
  }

  /**
   * a + b. Whole numbers stay whole (Integer when it fits, else Long, else BigInteger when an operand
   * already was one); anything else is added as doubles, as JavaScript would. Returns null when a
   * double sum is not finite.
   */
  static Number add(Number a, Number b) {
    if (isIntegral(a) && isIntegral(b)) {
      if (a instanceof BigInteger || b instanceof BigInteger) {
        return narrow(toBigInteger(a).add(toBigInteger(b)));
      }
      long x = a.longValue();
      long y = b.longValue();
      long sum = x + y;
      if (((x ^ sum) & (y ^ sum)) < 0) {
        // Long overflow: JavaScript would have lost precision long before, so behave like it.
        return (double) x + (double) y;
      }
      return narrow(sum);
    }
    double sum = a.doubleValue() + b.doubleValue();
    return Double.isFinite(sum) ? sum : null;
  }

  static Number negate(Number n) {
    if (n instanceof Integer i) {
      return i == Integer.MIN_VALUE ? Long.valueOf(-(long) i) : Integer.valueOf(-i);
    }
    if (n instanceof Long l) {
      return l == Long.MIN_VALUE ? BigInteger.valueOf(l).negate() : narrow(-l);
    }
    if (n instanceof Short || n instanceof Byte) {
      return -n.intValue();
    }
    if (n instanceof BigInteger b) {
      return narrow(b.negate());
    }
    if (n instanceof BigDecimal b) {
      return b.negate();
    }
    return -n.doubleValue();
  }

  /** Numeric equality across boxed types: 3 == 3L == 3.0. NaN equals nothing. */
  static boolean equal(Number a, Number b) {
    boolean aSmall = a instanceof Integer || a instanceof Long || a instanceof Short || a instanceof Byte;
    boolean bSmall = b instanceof Integer || b instanceof Long || b instanceof Short || b instanceof Byte;
    if (aSmall && bSmall) {
      return a.longValue() == b.longValue();
    }
    if (a instanceof Double || a instanceof Float || b instanceof Double || b instanceof Float) {
      return a.doubleValue() == b.doubleValue();
    }
    return toBigDecimal(a).compareTo(toBigDecimal(b)) == 0;
  }

  private static Number narrow(long v) {
    // Not a ternary: mixing Integer and Long there would promote both to Long.
    if (v == (int) v) {
      return Integer.valueOf((int) v);
    }
    return Long.valueOf(v);
  }

  private static Number narrow(BigInteger v) {
    return v.bitLength() < 64 ? narrow(v.longValue()) : v;
  }

  private static BigInteger toBigInteger(Number n) {
    return n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue());
  }

  private static BigDecimal toBigDecimal(Number n) {
    if (n instanceof BigDecimal b) {
      return b;
    }
    if (n instanceof BigInteger b) {
      return new BigDecimal(b);
    }
    return new BigDecimal(n.toString());
  }
}

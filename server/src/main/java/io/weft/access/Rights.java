package io.weft.access;

/**
 * A set of the rights a permission list grants: {@code r} read, {@code w} write, {@code a} admin
 * (manage permissions and invites). Written in that order, whatever order they were given in.
 */
public final class Rights {
  private static final String LETTERS = "rwa";
  private static final Rights[] ALL = new Rights[8];

  static {
    for (int bits = 0; bits < ALL.length; bits++) {
      ALL[bits] = new Rights(bits);
    }
  }

  public static final Rights NONE = ALL[0];

  private final int bits;

  private Rights(int bits) {
    this.bits = bits;
  }

  /** The rights written as letters; null if {@code letters} holds anything but r, w and a. */
  public static Rights parse(String letters) {
    if (letters == null) {
      return null;
    }
    int bits = 0;
    for (int i = 0; i < letters.length(); i++) {
      int index = LETTERS.indexOf(letters.charAt(i));
      if (index < 0) {
        return null;
      }
      bits |= 1 << index;
    }
    return ALL[bits];
  }

  public boolean has(char right) {
    int index = LETTERS.indexOf(right);
    return index >= 0 && (bits & (1 << index)) != 0;
  }

  public boolean canRead() {
    return has('r');
  }

  public boolean canWrite() {
    return has('w');
  }

  public boolean isAdmin() {
    return has('a');
  }

  public boolean isEmpty() {
    return bits == 0;
  }

  public Rights union(Rights other) {
    return ALL[bits | other.bits];
  }

  /** Whether every right of {@code other} is also in this set. */
  public boolean containsAll(Rights other) {
    return (bits & other.bits) == other.bits;
  }

  /** The name of a right, for error messages: r → read. */
  public static String nameOf(char right) {
    return switch (right) {
      case 'r' -> "read";
      case 'w' -> "write";
      case 'a' -> "admin";
      default -> throw new IllegalArgumentException("no right '" + right + "'");
    };
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(3);
    for (int i = 0; i < LETTERS.length(); i++) {
      if ((bits & (1 << i)) != 0) {
        out.append(LETTERS.charAt(i));
      }
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Rights r && r.bits == bits;
  }

  @Override
  public int hashCode() {
    return bits;
  }
}

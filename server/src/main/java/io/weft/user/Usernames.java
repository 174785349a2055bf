package io.weft.user;

import java.util.regex.Pattern;

/**
 * What a username may be. Usernames end up inside permission lists (JSON in an HTML attribute), in
 * user ids ({@code name:provider}) and on pages, so they are kept to letters, digits and a few marks:
 * no quotes, {@code &}, {@code :}, angle brackets, spaces or control characters.
 */
public final class Usernames {
  public static final int MAX_LENGTH = 40;
  private static final Pattern VALID = Pattern.compile("[\\p{L}\\p{N}_.-]{1," + MAX_LENGTH + "}");

  private Usernames() {
  }

  /** Null if {@code name} may be a username, else why not, for the person choosing it. */
  public static String problem(String name) {
    if (name == null || name.isEmpty()) {
      return "Choose a username";
    }
    if (!VALID.matcher(name).matches()) {
      return "A username is 1 to " + MAX_LENGTH + " letters, digits, '_', '.' or '-'";
    }
    if (name.equalsIgnoreCase(User.ANONYMOUS.username())) {
      return "That username is reserved";
    }
    return null;
  }
}

package io.weft.protocol;

import java.util.regex.Pattern;

/** The one rule for document ids (and collection names): [A-Za-z0-9_-]{1,64}. */
public final class DocIds {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private DocIds() {
  }

  public static boolean isValid(String id) {
    return id != null && VALID.matcher(id).matches();
  }
}

package io.weft.http;

/**
 * Where to send a browser after a login or logout: only a path on this server, so a crafted
 * {@code ?return=} link cannot bounce a freshly logged-in user to another site.
 */
public final class ReturnPaths {
  private static final int MAX_LENGTH = 2048;

  private ReturnPaths() {
  }

  /** {@code path} if it is a local path ({@code /doc/?x}), else {@code /}. */
  public static String safe(String path) {
    if (path == null || path.isEmpty() || path.length() > MAX_LENGTH || path.charAt(0) != '/'
        || path.startsWith("//") || path.startsWith("/\\")) {
      return "/";
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x21 || c == 0x7f || c == '\\') {
        return "/";
      }
    }
    return path;
  }
}

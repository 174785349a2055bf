package io.weft.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JsonML pages for tests. */
public final class Pages {
  private Pages() {
  }

  /** The skeleton a new page starts with (PROTOCOL.md §1). */
  public static List<Object> skeleton(String title) {
    return new ArrayList<>(List.of("html", new LinkedHashMap<>(), "\n",
        new ArrayList<>(List.of("head", new LinkedHashMap<>(), "\n",
            new ArrayList<>(List.of("title", new LinkedHashMap<>(), title)), "\n")),
        "\n", new ArrayList<>(List.of("body", new LinkedHashMap<>(), "\n"))));
  }

  /** A component setting attribute {@code name} of {@code <html>}. */
  public static Map<String, Object> setHtmlAttribute(String name, String value) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("p", List.of(1, name));
    c.put("oi", value);
    return c;
  }
}

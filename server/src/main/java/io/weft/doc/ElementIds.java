package io.weft.doc;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Element ids ({@code __wid}) for JsonML the server makes itself (the front page, a new page): every
 * element gets one, as a browser's create gives them, so node events and signals work on such a page
 * from its first version.
 */
public final class ElementIds {
  private static final String WID = "__wid";
  /** Eight characters without look-alikes, as the browser client makes them (jsonml.js). */
  private static final String WID_CHARS = "23456789abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
  private static final SecureRandom RANDOM = new SecureRandom();

  private ElementIds() {
  }

  /** {@code node} with an id on every element that has none; text and comments as they are. */
  public static Object added(Object node) {
    if (!(node instanceof List<?> element) || element.isEmpty() || "!".equals(element.get(0))) {
      return node;
    }
    List<Object> out = new ArrayList<>(element.size());
    out.add(element.get(0));
    int children = 1;
    Map<String, Object> attrs = new LinkedHashMap<>();
    if (element.size() > 1 && element.get(1) instanceof Map<?, ?> given) {
      given.forEach((k, v) -> attrs.put((String) k, v));
      children = 2;
    }
    attrs.putIfAbsent(WID, newWid());
    out.add(attrs);
    for (int i = children; i < element.size(); i++) {
      out.add(added(element.get(i)));
    }
    return out;
  }

  private static String newWid() {
    StringBuilder wid = new StringBuilder(8);
    for (int i = 0; i < 8; i++) {
      wid.append(WID_CHARS.charAt(RANDOM.nextInt(WID_CHARS.length())));
    }
    return wid.toString();
  }
}

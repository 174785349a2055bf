package io.weft.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random json0 edits of a JsonML page that are valid on the copy they are made from: set and remove
 * attributes, insert and delete text inside text nodes, insert and remove children. Attribute keys
 * come from a small set so that concurrent edits collide.
 */
public final class PageEdits {
  private static final String[] KEYS = {"a", "b", "c", "class", "title"};
  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789";
  /** Elements deeper than this get no new children, so the page stays small. */
  private static final int MAX_DEPTH = 4;

  private PageEdits() {
  }

  private record Element(List<Object> path, List<?> node) {
  }

  private record Text(List<Object> path, String text) {
  }

  /** One random edit of {@code page} as a json0 op (a one-component list). */
  public static List<Object> random(Random rnd, Object page) {
    List<Element> elements = new ArrayList<>();
    List<Text> texts = new ArrayList<>();
    collect(page, new ArrayList<>(), elements, texts);
    for (int attempt = 0; attempt < 10; attempt++) {
      Map<String, Object> c = switch (rnd.nextInt(20)) {
        case 0, 1, 2, 3, 4 -> setAttribute(rnd, pick(rnd, elements));
        case 5, 6 -> removeAttribute(rnd, pick(rnd, elements));
        case 7, 8, 9, 10 -> insertText(rnd, texts);
        case 11, 12, 13 -> deleteText(rnd, texts);
        case 14, 15, 16 -> insertChild(rnd, pick(rnd, elements));
        default -> removeChild(rnd, elements);
      };
      if (c != null) {
        return new ArrayList<>(List.of(c));
      }
    }
    return new ArrayList<>(List.of(setAttribute(rnd, elements.get(0))));
  }

  private static void collect(Object node, List<Object> path, List<Element> elements, List<Text> texts) {
    if (!(node instanceof List<?> list) || list.isEmpty() || "!".equals(list.get(0))) {
      return;
    }
    elements.add(new Element(List.copyOf(path), list));
    for (int i = 2; i < list.size(); i++) {
      Object child = list.get(i);
      List<Object> childPath = new ArrayList<>(path);
      childPath.add(i);
      if (child instanceof String s) {
        texts.add(new Text(childPath, s));
      } else {
        collect(child, childPath, elements, texts);
      }
    }
  }

  private static <T> T pick(Random rnd, List<T> list) {
    return list.isEmpty() ? null : list.get(rnd.nextInt(list.size()));
  }

  private static Map<String, Object> setAttribute(Random rnd, Element e) {
    String key = KEYS[rnd.nextInt(KEYS.length)];
    Map<?, ?> attrs = (Map<?, ?>) e.node.get(1);
    Map<String, Object> c = component(e.path, 1, key);
    if (attrs.containsKey(key)) {
      c.put("od", attrs.get(key));
    }
    c.put("oi", word(rnd));
    return c;
  }

  private static Map<String, Object> removeAttribute(Random rnd, Element e) {
    Map<?, ?> attrs = (Map<?, ?>) e.node.get(1);
    if (attrs.isEmpty()) {
      return null;
    }
    List<?> keys = new ArrayList<>(attrs.keySet());
    String key = (String) keys.get(rnd.nextInt(keys.size()));
    Map<String, Object> c = component(e.path, 1, key);
    c.put("od", attrs.get(key));
    return c;
  }

  private static Map<String, Object> insertText(Random rnd, List<Text> texts) {
    Text t = pick(rnd, texts);
    if (t == null) {
      return null;
    }
    Map<String, Object> c = component(t.path, rnd.nextInt(t.text.length() + 1));
    c.put("si", word(rnd));
    return c;
  }

  private static Map<String, Object> deleteText(Random rnd, List<Text> texts) {
    Text t = pick(rnd, texts);
    if (t == null || t.text.isEmpty()) {
      return null;
    }
    int from = rnd.nextInt(t.text.length());
    int to = Math.min(t.text.length(), from + 1 + rnd.nextInt(3));
    Map<String, Object> c = component(t.path, from);
    c.put("sd", t.text.substring(from, to));
    return c;
  }

  private static Map<String, Object> insertChild(Random rnd, Element e) {
    if (e.path.size() >= MAX_DEPTH) {
      return null;
    }
    Map<String, Object> c = component(e.path, 2 + rnd.nextInt(e.node.size() - 1));
    if (rnd.nextInt(3) == 0) {
      c.put("li", word(rnd));
    } else {
      Map<String, Object> attrs = new LinkedHashMap<>();
      if (rnd.nextBoolean()) {
        attrs.put(KEYS[rnd.nextInt(KEYS.length)], word(rnd));
      }
      c.put("li", new ArrayList<>(List.of(rnd.nextBoolean() ? "span" : "p", attrs, word(rnd))));
    }
    return c;
  }

  /** Removes a child of an element below the root, so <head> and <body> stay. */
  private static Map<String, Object> removeChild(Random rnd, List<Element> elements) {
    List<Element> parents = elements.stream().filter(e -> !e.path.isEmpty() && e.node.size() > 2).toList();
    Element e = pick(rnd, parents);
    if (e == null) {
      return null;
    }
    int index = 2 + rnd.nextInt(e.node.size() - 2);
    Map<String, Object> c = component(e.path, index);
    c.put("ld", e.node.get(index));
    return c;
  }

  private static Map<String, Object> component(List<Object> base, Object... more) {
    List<Object> p = new ArrayList<>(base);
    p.addAll(List.of(more));
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("p", p);
    return c;
  }

  private static String word(Random rnd) {
    int n = 1 + rnd.nextInt(3);
    StringBuilder out = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      out.append(LETTERS.charAt(rnd.nextInt(LETTERS.length())));
    }
    return out.toString();
  }
}

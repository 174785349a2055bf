package io.weft.doc;

import io.weft.ot.Component;
import java.util.List;
import java.util.Map;

/**
 * What keeps a page a page: its content must stay JsonML, {@code [tag, {attrs}, ...children]} where a
 * child is text, {@code ["!", comment]} or an element, and attribute values are strings. Checked
 * after each component is applied, looking only at what that component touched, so an edit to a
 * page of thousands of elements costs the size of one element, not of the page.
 */
final class PageRules {
  private enum Role { ELEMENT, COMMENT, TAG, ATTRS, STRING }

  /**
   * Deepest nesting of JSON a page may reach (an element is one level, its attributes another). Far
   * beyond any real page, and well inside what storage and every client parse back.
   */
  static final int MAX_DEPTH = 256;

  private PageRules() {
  }

  /** Null if {@code page} is valid JsonML, else what is wrong. */
  static String problemWithPage(Object page) {
    if (depth(page) > MAX_DEPTH) {
      return "the page would be nested deeper than " + MAX_DEPTH + " levels";
    }
    return deep(page, Role.ELEMENT, "[]");
  }

  /** Null if the page is still valid after {@code component} was applied to it, else what is wrong. */
  static String problemAfter(Object page, Component component) {
    List<Object> path = component.path();
    Component.Kind kind = component.kind();
    // The node whose shape the change can break: the container of the changed value, or for a text
    // edit the node holding the edited string (a tag name or comment marker is a string too).
    int depth = path.size() - (kind.isString() ? 2 : 1);
    if (depth < 0) {
      return problemWithPage(page);
    }
    Object node = page;
    Role role = Role.ELEMENT;
    for (int i = 0; i < depth; i++) {
      Object step = path.get(i);
      Object next = child(node, step);
      if (next == NO_NODE) {
        return "the page lost its structure at " + path.subList(0, i + 1);
      }
      role = roleOf(role, step, next);
      node = next;
    }
    String where = path.subList(0, depth).toString();
    String problem = shallow(node, role, where);
    if (problem != null || !(kind.hasLi() || kind.hasOi() || kind == Component.Kind.NUMBER_ADD)) {
      return problem;
    }
    Object step = path.get(depth);
    Object changed = child(node, step);
    if (changed == NO_NODE) {
      return null;
    }
    if (path.size() + depth(changed) > MAX_DEPTH) {
      return "the page would be nested deeper than " + MAX_DEPTH + " levels at " + path;
    }
    return deep(changed, roleOf(role, step, changed), path.toString());
  }

  /** Levels of nesting in a JSON value: 0 for a scalar. */
  private static int depth(Object value) {
    int deepest = 0;
    if (value instanceof List<?> list) {
      for (Object child : list) {
        deepest = Math.max(deepest, depth(child));
      }
      return deepest + 1;
    }
    if (value instanceof Map<?, ?> map) {
      for (Object child : map.values()) {
        deepest = Math.max(deepest, depth(child));
      }
      return deepest + 1;
    }
    return 0;
  }

  private static final Object NO_NODE = new Object();

  private static Object child(Object node, Object step) {
    if (node instanceof List<?> list && step instanceof Integer i && i >= 0 && i < list.size()) {
      return list.get(i);
    }
    if (node instanceof Map<?, ?> map && step instanceof String key && map.containsKey(key)) {
      return map.get(key);
    }
    return NO_NODE;
  }

  private static Role roleOf(Role parentRole, Object step, Object node) {
    return switch (parentRole) {
      case ELEMENT, COMMENT -> {
        int index = (Integer) step;
        if (index == 0) {
          yield Role.TAG;
        }
        if (index == 1) {
          yield parentRole == Role.COMMENT ? Role.STRING : Role.ATTRS;
        }
        yield childRole(node);
      }
      default -> Role.STRING;
    };
  }

  private static Role childRole(Object node) {
    if (node instanceof List<?> list && !list.isEmpty() && "!".equals(list.get(0))) {
      return Role.COMMENT;
    }
    return node instanceof String ? Role.STRING : Role.ELEMENT;
  }

  /** Checks one node as its role demands, its children only by kind. */
  private static String shallow(Object node, Role role, String where) {
    return switch (role) {
      case ELEMENT -> element(node, where);
      case COMMENT -> node instanceof List<?> list && list.size() == 2 && list.get(1) instanceof String ? null
          : "a comment must be [\"!\", text] at " + where;
      case ATTRS -> attributes(node, where);
      case TAG -> node instanceof String s && !s.isEmpty() ? null : "a tag name must be a non-empty string at " + where;
      case STRING -> node instanceof String ? null : "expected text at " + where;
    };
  }

  private static String element(Object node, String where) {
    if (!(node instanceof List<?> list) || list.size() < 2) {
      return "an element must be [tag, {attributes}, ...children] at " + where;
    }
    if (!(list.get(0) instanceof String tag) || tag.isEmpty() || tag.equals("!")) {
      return "an element needs a tag name at " + where;
    }
    String attrs = attributes(list.get(1), where);
    if (attrs != null) {
      return attrs;
    }
    for (int i = 2; i < list.size(); i++) {
      Object child = list.get(i);
      if (!(child instanceof String) && !(child instanceof List<?> c && !c.isEmpty() && c.get(0) instanceof String)) {
        return "child " + (i - 2) + " of the element at " + where + " is neither text nor a node";
      }
    }
    return null;
  }

  private static String attributes(Object node, String where) {
    if (!(node instanceof Map<?, ?> map)) {
      return "attributes must be an object at " + where;
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getValue() instanceof String)) {
        return "attribute '" + e.getKey() + "' at " + where + " must have a string value";
      }
    }
    return null;
  }

  /** Checks a whole subtree. */
  private static String deep(Object node, Role role, String where) {
    String problem = shallow(node, role, where);
    if (problem != null || role != Role.ELEMENT) {
      return problem;
    }
    List<?> list = (List<?>) node;
    for (int i = 2; i < list.size(); i++) {
      Object child = list.get(i);
      Role childRole = childRole(child);
      if (childRole != Role.STRING) {
        String inner = deep(child, childRole, where + "/" + i);
        if (inner != null) {
          return inner;
        }
      }
    }
    return null;
  }
}

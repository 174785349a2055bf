package io.weft.invite.email;

import io.weft.doc.SnapshotView;
import io.weft.json.Json;
import java.util.List;
import java.util.Map;

/** A page's {@code <title>}, read from its JsonML snapshot, for mails and the invitation page. */
final class PageTitle {
  private static final int MAX_DEPTH = 6;

  private PageTitle() {
  }

  /** The title's text, or the page id if the page has none (or does not exist). */
  static String of(SnapshotView view, String docId) {
    if (!view.exists() || view.json() == null) {
      return docId;
    }
    try {
      Object data = Json.parse(view.json());
      String title = find(data instanceof Map<?, ?> m && m.containsKey("data") ? m.get("data") : data, 0);
      return title == null || title.isBlank() ? docId : title.strip();
    } catch (RuntimeException unreadable) {
      return docId;
    }
  }

  private static String find(Object node, int depth) {
    if (!(node instanceof List<?> list) || list.isEmpty() || depth > MAX_DEPTH) {
      return null;
    }
    if ("title".equals(list.get(0))) {
      StringBuilder text = new StringBuilder();
      for (Object child : list) {
        if (child instanceof String s && child != list.get(0)) {
          text.append(s);
        }
      }
      return text.toString();
    }
    for (Object child : list) {
      String found = find(child, depth + 1);
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}

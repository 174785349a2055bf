package io.weft.browser;

import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import io.weft.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** What the share dialog's browser tests share: logged-in pages, JsonML compared around the dialog, screenshots. */
final class ShareDialogChecks {

  private ShareDialogChecks() {
  }

  /** A blank page in a context of its own, holding {@code username}'s session cookie from the test provider. */
  static Page loggedIn(Chromium chromium, TestServer server, String username) {
    String cookie = server.login(username).cookie();
    int eq = cookie.indexOf('=');
    Page page = chromium.newPage();
    page.context().addCookies(List.of(new Cookie(cookie.substring(0, eq), cookie.substring(eq + 1))
        .setUrl(server.mainUrl("/"))));
    return page;
  }

  /** The root's attributes in a page's JsonML. */
  static Map<?, ?> rootAttributes(Object jsonml) {
    return (Map<?, ?>) ((List<?>) jsonml).get(1);
  }

  /**
   * The page's DOM as JsonML without the dialog's frame and its backdrop: the client's own node, which
   * the test's independent reading of the DOM cannot tell from the page's (the document never holds it).
   */
  static Object withoutDialog(Object jsonml) {
    return filtered(jsonml, node -> "div".equals(node.get(0)) && node.subList(2, node.size()).stream()
        .anyMatch(c -> c instanceof List<?> frame && "iframe".equals(frame.get(0))
            && String.valueOf(((Map<?, ?>) frame.get(1)).get("src")).endsWith("?share&framed")));
  }

  /** The JsonML with the root's permission list left out. */
  static Object withoutAuth(Object jsonml) {
    List<Object> copy = new ArrayList<>((List<?>) jsonml);
    Map<Object, Object> attrs = new TreeMap<>(rootAttributes(jsonml));
    attrs.remove("data-auth");
    copy.set(1, attrs);
    return copy;
  }

  private static Object filtered(Object jsonml, Predicate<List<?>> drop) {
    if (!(jsonml instanceof List<?> node) || node.size() < 2 || !(node.get(1) instanceof Map<?, ?>)) {
      return jsonml;
    }
    List<Object> out = new ArrayList<>(node.subList(0, 2));
    for (Object child : node.subList(2, node.size())) {
      if (!(child instanceof List<?> element && element.size() >= 2 && drop.test(element))) {
        out.add(filtered(child, drop));
      }
    }
    return out;
  }

  /** The page with the dialog over it, {@code selector} of the dialog in view, at desktop and phone width. */
  static void shoot(Page page, Frame dialog, String selector, String name) {
    page.setViewportSize(1280, 800);
    dialog.locator(selector).scrollIntoViewIfNeeded();
    page.screenshot(new Page.ScreenshotOptions().setPath(Screenshots.file(name, 1280)));
    page.setViewportSize(375, 740);
    dialog.locator(selector).scrollIntoViewIfNeeded();
    page.screenshot(new Page.ScreenshotOptions().setPath(Screenshots.file(name, 375)));
    page.setViewportSize(1280, 800);
  }
}

package io.weft.browser;

import com.microsoft.playwright.Page;
import io.weft.json.Json;
import io.weft.testing.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A browser page showing one live document, with the checks the browser tests share. */
final class LivePage {
  /**
   * The page's DOM as JsonML, computed here independently of the client: transient elements and
   * attributes left out, {@code __wid} from the node property, attribute names stored escaped.
   */
  static final String DOM_AS_JSONML = """
      () => {
        const esc = (n) => n.replace(/&/g, '&amp;').replace(/\\./g, '&dot;').replace(/"/g, '&quot;');
        const walk = (node) => {
          if (node.nodeType === Node.TEXT_NODE) return node.data;
          if (node.nodeType === Node.COMMENT_NODE) return ['!', node.data];
          if (node.nodeType !== Node.ELEMENT_NODE || node.localName === 'transient') return undefined;
          const found = {};
          if (node.__wid) found.__wid = node.__wid;
          for (const a of node.attributes) if (!a.name.startsWith('transient-')) found[esc(a.name)] = a.value;
          const attrs = {};
          for (const k of Object.keys(found).sort()) attrs[k] = found[k];
          const tag = node.namespaceURI === 'http://www.w3.org/1999/xhtml' ? node.localName : node.tagName;
          const out = [tag, attrs];
          const host = node.localName === 'template' ? node.content : node;
          for (const c of host.childNodes) { const j = walk(c); if (j !== undefined) out.push(j); }
          return out;
        };
        return JSON.stringify(walk(document.documentElement));
      }""";

  final Page page;
  final String docId;

  private LivePage(Page page, String docId) {
    this.page = page;
    this.docId = docId;
  }

  /** Opens {@code /<docId>/} and waits for the client's {@code loaded}. */
  static LivePage open(Chromium chromium, TestServer server, String docId) {
    return openPath(chromium, server, docId, "/" + docId + "/");
  }

  /** Opens {@code path}, a path of {@code docId} with a query (a token link), in a context of its own. */
  static LivePage openPath(Chromium chromium, TestServer server, String docId, String path) {
    Page page = chromium.newPage();
    page.navigate(server.url(path));
    LivePage live = new LivePage(page, docId);
    live.waitFor("window.webstrate && webstrate.loaded");
    return live;
  }

  /**
   * In a context of its own, logs in as {@code <username>:test} through the test provider's form, which
   * returns to {@code /<docId>/}; waits for the client's {@code loaded}.
   */
  static LivePage openAs(Chromium chromium, TestServer server, String docId, String username) {
    Page page = chromium.newPage();
    String path = "/" + docId + "/";
    page.navigate(server.url("/auth/test?return=" + URLEncoder.encode(path, StandardCharsets.UTF_8)));
    page.fill("input[name=username]", username);
    page.click("button[type=submit]");
    page.waitForURL(server.pageUrl(docId, path));
    LivePage live = new LivePage(page, docId);
    live.waitFor("window.webstrate && webstrate.loaded");
    return live;
  }

  /** As {@link #openAs}, then makes {@code username} the page's only admin (its permission list) and waits for it to be saved. */
  static LivePage openAsAdmin(Chromium chromium, TestServer server, String docId, String username) {
    LivePage live = openAs(chromium, server, docId, username);
    live.eval("(list) => document.documentElement.setAttribute('data-auth', list)", LivePermissionsTest.list(username, "rwa"));
    live.saved();
    return live;
  }

  void waitFor(String expression) {
    page.waitForFunction(expression, null, new Page.WaitForFunctionOptions().setTimeout(Chromium.WAIT_MILLIS));
  }

  void waitFor(String expression, Object arg) {
    page.waitForFunction(expression, arg, new Page.WaitForFunctionOptions().setTimeout(Chromium.WAIT_MILLIS));
  }

  Object eval(String expression) {
    return page.evaluate(expression);
  }

  Object eval(String expression, Object arg) {
    return page.evaluate(expression, arg);
  }

  /** The page's DOM as JsonML (plain Java values). */
  Object dom() {
    return Json.parse((String) page.evaluate(DOM_AS_JSONML));
  }

  /** The document as the server holds it ({@code ?json}, read by the page from its own origin). */
  Object serverJson() {
    return Json.parse((String) page.evaluate("() => fetch(location.pathname + '?json').then(r => r.text())"));
  }

  /** Waits until everything this page changed is acknowledged by the server. */
  void saved() {
    page.evaluate("() => webstrate.dataSaved()");
  }

  /** Waits until the page's DOM, as JsonML, is exactly {@code expected}. */
  void waitForDom(Object expected) {
    page.waitForFunction("([fn, expected]) => (0, eval)('(' + fn + ')')() === expected",
        java.util.List.of(DOM_AS_JSONML, canonical(expected)),
        new Page.WaitForFunctionOptions().setTimeout(Chromium.WAIT_MILLIS).setPollingInterval(20));
  }

  /** JSON text with object keys sorted, as DOM_AS_JSONML writes it. */
  static String canonical(Object value) {
    return Json.encode(sorted(value));
  }

  private static Object sorted(Object value) {
    if (value instanceof java.util.Map<?, ?> map) {
      java.util.TreeMap<String, Object> out = new java.util.TreeMap<>();
      map.forEach((k, v) -> out.put((String) k, sorted(v)));
      return out;
    }
    if (value instanceof java.util.List<?> list) {
      return list.stream().map(LivePage::sorted).toList();
    }
    return value;
  }

  void close() {
    page.context().close();
  }
}

package io.weft.browser;

import static io.weft.testing.Wire.arr;
import static io.weft.testing.Wire.c;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weft.testing.RecordingClient;
import io.weft.testing.Wire;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * As in Webstrates, a page's scripts run when the page loads; a script that arrives by op from another
 * page is inserted into the DOM but not run there, whatever way it arrives, until that page reloads.
 */
class RemoteScriptTest {
  @RegisterExtension
  static final BrowserRig RIG = new BrowserRig();

  /** Counts runs per script in {@code window.__runs}, so a test sees which ran and how often. */
  private static String counting(String name) {
    return "window.__runs = window.__runs || {}; window.__runs." + name + " = (window.__runs." + name + " || 0) + 1;";
  }

  /**
   * Runs {@code bCode} on B; once A shows its result ({@code shownOnA}) and a later change of B's, checks
   * that what ran on A is still {@code runsOnA}.
   */
  private static void changeOnBAndCheckA(LivePage a, LivePage b, String bCode, String shownOnA, String runsOnA) {
    b.eval(bCode);
    b.saved();
    Object marker = b.eval("() => { const m = String(Math.random()); document.body.setAttribute('data-marker', m); return m; }");
    a.waitFor(shownOnA);
    a.waitFor("(m) => document.body.getAttribute('data-marker') === m", marker);
    b.saved();
    a.saved();
    a.waitForDom(Wire.pageJson(RIG.server(), a.docId));
    assertEquals(runsOnA, a.eval("JSON.stringify(window.__runs || {})"), "no script that arrived by op ran on A");
  }

  private static void changeOnBAndCheckA(LivePage a, LivePage b, String bCode, String shownOnA) {
    changeOnBAndCheckA(a, b, bCode, shownOnA, "{}");
  }

  @Test
  void aScriptInsertedOnOnePageDoesNotRunOnTheOtherUntilItReloads() {
    LivePage a = LivePage.open(RIG.chromium(), RIG.server(), "script1");
    LivePage b = LivePage.open(RIG.chromium(), RIG.server(), "script1");
    try {
      changeOnBAndCheckA(a, b, "() => { const s = document.createElement('script'); s.id = 's1';"
          + " s.textContent = '" + counting("inline") + "'; document.body.appendChild(s); }",
          "document.getElementById('s1') !== null && document.getElementById('s1').textContent.includes('inline')");
      assertEquals("{\"inline\":1}", b.eval("JSON.stringify(window.__runs)"), "B ran its own script, as any page would");
      a.page.reload();
      a.waitFor("window.webstrate && webstrate.loaded");
      assertEquals("{\"inline\":1}", a.eval("JSON.stringify(window.__runs)"), "a reload runs the page's scripts once");
    } finally {
      a.close();
      b.close();
    }
  }

  @Test
  void scriptsInsideANewSubtreeExternalAndSvgScriptsDoNotRunEither() {
    LivePage a = LivePage.open(RIG.chromium(), RIG.server(), "script2");
    LivePage b = LivePage.open(RIG.chromium(), RIG.server(), "script2");
    try {
      changeOnBAndCheckA(a, b, "() => { const d = document.createElement('div'); d.id = 'box';"
          + " d.innerHTML = '<p>text</p>';"
          + " const s = document.createElement('script'); s.textContent = '" + counting("nested") + "'; d.appendChild(s);"
          + " const e = document.createElement('script');"
          + " e.src = 'data:text/javascript,' + encodeURIComponent('" + counting("external") + "'); d.appendChild(e);"
          + " const NS = 'http://www.w3.org/2000/svg'; const svg = document.createElementNS(NS, 'svg');"
          + " const v = document.createElementNS(NS, 'script'); v.textContent = '" + counting("svg") + "';"
          + " svg.appendChild(v); d.appendChild(svg); document.body.appendChild(d); }",
          "document.querySelectorAll('#box script').length === 3");
      a.page.reload();
      a.waitFor("window.webstrate && webstrate.loaded && window.__runs && window.__runs.external === 1");
      assertEquals("{\"nested\":1,\"external\":1,\"svg\":1}", a.eval("JSON.stringify(window.__runs)"),
          "after a reload each ran once");
    } finally {
      a.close();
      b.close();
    }
  }

  /** A script's text or src can arrive after the script itself; that does not run it either. */
  @Test
  void textOrSrcAddedLaterToAnInsertedScriptDoesNotRunIt() {
    LivePage a = LivePage.open(RIG.chromium(), RIG.server(), "script3");
    LivePage b = LivePage.open(RIG.chromium(), RIG.server(), "script3");
    try {
      // An empty script does not start when inserted, so text or a src given later would run it.
      changeOnBAndCheckA(a, b, "() => { for (const id of ['later-text', 'later-src']) { const s = document.createElement('script');"
          + " s.id = id; document.body.appendChild(s); } }",
          "document.getElementById('later-src') !== null");
      changeOnBAndCheckA(a, b, "() => { document.getElementById('later-text').textContent = '" + counting("text") + "';"
          + " document.getElementById('later-src').src = 'data:text/javascript,' + encodeURIComponent('" + counting("src") + "'); }",
          "document.getElementById('later-src').hasAttribute('src')"
          + " && document.getElementById('later-text').textContent.includes('text')");
      assertEquals("{\"text\":1,\"src\":1}", b.eval("JSON.stringify(window.__runs)"), "B ran them when it filled them in");
    } finally {
      a.close();
      b.close();
    }
  }

  /**
   * Ops the DOM has no finer counterpart for re-render part of the page (a tag name replaced) or all of
   * it (the root replaced); the scripts in what is re-rendered do not run again.
   */
  @Test
  void reRenderingAfterAnOpDoesNotRunThePagesScriptsAgain() {
    LivePage a = LivePage.open(RIG.chromium(), RIG.server(), "script4");
    a.eval("() => { const s = document.createElement('script'); s.textContent = '" + counting("loaded") + "';"
        + " document.head.appendChild(s); }");
    a.saved();
    a.page.reload();
    a.waitFor("window.webstrate && webstrate.loaded");
    assertEquals("{\"loaded\":1}", a.eval("JSON.stringify(window.__runs)"));
    try (RecordingClient other = RIG.server().connect("script4")) {
      other.subscribe("script4");
      int version = Wire.pageVersion(RIG.server(), "script4");
      other.submit("script4", (long) version, List.of(c(arr(3, 0), "ld", "head", "li", "head")));
      assertEquals(version, other.next().get("v"), "the head's tag is replaced");
      Object page = Wire.pageJson(RIG.server(), "script4");
      other.submit("script4", (long) version + 1, List.of(c(arr(), "od", page, "oi", page)));
      assertEquals(version + 1, other.next().get("v"), "the whole page is replaced");
      a.waitFor("(v) => webstrate.version === v", version + 2);
      a.waitForDom(Wire.pageJson(RIG.server(), "script4"));
      assertEquals("{\"loaded\":1}", a.eval("JSON.stringify(window.__runs)"), "the head's script did not run again");
    } finally {
      a.close();
    }
  }
}

package io.weft.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.testing.Wire;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two people on one page, in a real browser: what either does to the DOM reaches the other and the
 * server, and both DOMs and the server's JsonML end equal.
 */
class LiveDomTest {
  @RegisterExtension
  static final BrowserRig RIG = new BrowserRig();

  /** Both pages saved everything, and both DOMs equal the server's JsonML. */
  private static void assertConverged(LivePage a, LivePage b) {
    a.saved();
    b.saved();
    Object json = Wire.pageJson(RIG.server(), a.docId);
    a.waitForDom(json);
    b.waitForDom(json);
    assertEquals(LivePage.canonical(json), LivePage.canonical(a.dom()));
  }

  @Test
  void aNewPageIsCreatedWithTheSkeletonAndEveryElementHasAHiddenWid() {
    LivePage a = LivePage.open(RIG.chromium(), RIG.server(), "new1");
    try {
      a.saved();
      List<?> json = (List<?>) Wire.pageJson(RIG.server(), "new1");
      assertEquals("html", json.get(0));
      assertEquals(1, Wire.pageVersion(RIG.server(), "new1"), "the wids are part of the create");
      assertEquals("new1", a.eval("document.title"));
      assertEquals(LivePage.canonical(json), LivePage.canonical(a.dom()));
      assertEquals(Boolean.TRUE, a.eval("typeof document.body.__wid === 'string' && document.body.__wid.length === 8"));
      assertEquals(Boolean.FALSE, a.eval("document.body.hasAttribute('__wid')"));
      assertEquals(a.eval("document.body.__wid"), a.eval("document.body.webstrate.id"));
    } finally {
      a.close();
    }
  }

  @Test
  void typingIntoAContentEditableReachesTheOtherPageAsTextEdits() {
    LivePage a = LivePage.open(RIG.chromium(), RIG.server(), "type1");
    a.eval("() => { const d = document.createElement('div'); d.id = 'ed'; d.contentEditable = 'true';"
        + " d.textContent = 'Hello'; document.body.appendChild(d); }");
    a.saved();
    LivePage b = LivePage.open(RIG.chromium(), RIG.server(), "type1");
    try {
      a.page.click("#ed");
      a.page.keyboard().press("End");
      a.page.keyboard().type(" world, typed.");
      b.waitFor("document.getElementById('ed') && document.getElementById('ed').textContent === 'Hello world, typed.'");
      assertConverged(a, b);
      List<?> ops = (List<?>) a.eval("webstrate.getOps(0)");
      boolean textEdits = ops.stream().map(o -> String.valueOf(((Map<?, ?>) o).get("op"))).anyMatch(s -> s.contains("si="));
      assertTrue(textEdits, "typing is sent as si, not as whole replacements: " + ops);
    } finally {
      a.close();
      b.close();
    }
  }

  @Test
  void addingMovingRemovingAndAttributeChangesReachTheOtherPage() {
    LivePage a = LivePage.open(RIG.chromium(), RIG.server(), "edit1");
    LivePage b = LivePage.open(RIG.chromium(), RIG.server(), "edit1");
    try {
      a.eval("() => { const ul = document.createElement('ul'); ul.id = 'list';"
          + " for (const t of ['one', 'two', 'three']) { const li = document.createElement('li'); li.textContent = t;"
          + " ul.appendChild(li); } document.body.appendChild(ul); }");
      b.waitFor("document.querySelectorAll('#list li').length === 3");
      a.eval("() => { const ul = document.getElementById('list'); ul.appendChild(ul.firstElementChild);"
          + " ul.setAttribute('class', 'moved'); ul.lastElementChild.setAttribute('data-x', 'y'); }");
      b.waitFor("document.getElementById('list').className === 'moved'"
          + " && [...document.querySelectorAll('#list li')].map(l => l.textContent).join() === 'two,three,one'");
      String movedWid = (String) a.eval("document.querySelector('#list li:last-child').__wid");
      assertEquals(movedWid, b.eval("document.querySelector('#list li:last-child').__wid"), "a moved element keeps its wid");
      b.eval("() => { const ul = document.getElementById('list'); ul.firstElementChild.remove();"
          + " ul.removeAttribute('class'); const p = document.createElement('p'); p.append('para ', document.createElement('b'));"
          + " document.body.insertBefore(p, ul); }");
      a.waitFor("document.querySelectorAll('#list li').length === 2 && !document.getElementById('list').hasAttribute('class')"
          + " && document.querySelector('body > p > b') !== null");
      assertConverged(a, b);
    } finally {
      a.close();
      b.close();
    }
  }

  @Test
  void concurrentEditsFromBothPagesConverge() {
    LivePage a = LivePage.open(RIG.chromium(), RIG.server(), "conc1");
    a.eval("() => { const p = document.createElement('p'); p.id = 't'; p.textContent = 'shared text';"
        + " document.body.appendChild(p); }");
    a.saved();
    LivePage b = LivePage.open(RIG.chromium(), RIG.server(), "conc1");
    try {
      // Both bursts run at once, each in many small ops, so their ops cross on the wire.
      String loop = "async (who) => { const t = () => document.getElementById('t').firstChild;"
          + " for (let i = 0; i < 25; i++) { const s = document.createElement('span'); s.textContent = who + i;"
          + " s.setAttribute('data-who', who); const body = document.body;"
          + " if (i % 3 === 0) body.insertBefore(s, body.firstElementChild); else body.appendChild(s);"
          + " t().insertData(i % (t().length + 1), who); document.documentElement.setAttribute('data-last', who + i);"
          + " if (i % 5 === 4) body.lastElementChild.remove(); await new Promise(r => setTimeout(r, 1)); } }";
      a.page.evaluate("(loop) => { window.__burst = (0, eval)('(' + loop + ')')('A'); }", loop);
      b.page.evaluate("(loop) => { window.__burst = (0, eval)('(' + loop + ')')('B'); }", loop);
      a.eval("() => window.__burst");
      b.eval("() => window.__burst");
      assertConverged(a, b);
      String text = (String) a.eval("document.getElementById('t').textContent");
      assertEquals(25, text.chars().filter(ch -> ch == 'A').count(), "every A typed survives: " + text);
      assertEquals(25, text.chars().filter(ch -> ch == 'B').count(), "every B typed survives: " + text);
    } finally {
      a.close();
      b.close();
    }
  }

  @Test
  void aReloadedPageShowsTheEditsAndRunsItsScriptsOnceInOrder() {
    LivePage a = LivePage.open(RIG.chromium(), RIG.server(), "reload1");
    try {
      a.eval("""
          () => {
            const add = (code, src) => { const s = document.createElement('script'); if (src) s.src = src; else s.textContent = code;
              document.head.appendChild(s); };
            add("window.__log = (window.__log || []).concat('first');");
            add("window.__log = (window.__log || []).concat('second');");
            const p = document.createElement('p'); p.id = 'kept'; p.textContent = 'still here'; document.body.appendChild(p);
          }""");
      a.saved();
      Object before = a.dom();
      a.page.reload();
      a.waitFor("window.webstrate && webstrate.loaded");
      assertEquals("still here", a.eval("document.getElementById('kept').textContent"));
      assertEquals(List.of("first", "second"), a.eval("window.__log"), "each script ran once, in order");
      assertEquals(LivePage.canonical(before), LivePage.canonical(a.dom()));
      a.saved();
      assertEquals(LivePage.canonical(Wire.pageJson(RIG.server(), "reload1")), LivePage.canonical(a.dom()),
          "running the scripts changed nothing");
    } finally {
      a.close();
    }
  }

  @Test
  void transientElementsAndAttributesStayLocal() {
    LivePage a = LivePage.open(RIG.chromium(), RIG.server(), "trans1");
    LivePage b = LivePage.open(RIG.chromium(), RIG.server(), "trans1");
    try {
      a.eval("() => { const t = document.createElement('transient'); t.id = 'local'; t.innerHTML = '<b>mine</b>';"
          + " document.body.appendChild(t); document.body.setAttribute('transient-state', 'open');"
          + " const p = document.createElement('p'); p.id = 'shared'; p.setAttribute('transient-x', '1');"
          + " p.textContent = 'for all'; document.body.appendChild(p); }");
      b.waitFor("document.getElementById('shared') !== null");
      a.eval("() => { document.querySelector('#local b').textContent = 'changed'; }");
      assertConverged(a, b);
      assertEquals(Boolean.TRUE, a.eval("document.getElementById('local') !== null"));
      assertEquals(Boolean.TRUE, b.eval("document.getElementById('local') === null"));
      assertEquals(Boolean.FALSE, b.eval("document.body.hasAttribute('transient-state')"));
      assertEquals(Boolean.FALSE, b.eval("document.getElementById('shared').hasAttribute('transient-x')"));
      assertFalse(Wire.pageJson(RIG.server(), "trans1").toString().contains("transient"));
    } finally {
      a.close();
      b.close();
    }
  }

  @Test
  void svgAndItsNamespacesSurviveTheRoundTrip() {
    LivePage a = LivePage.open(RIG.chromium(), RIG.server(), "svg1");
    LivePage b = LivePage.open(RIG.chromium(), RIG.server(), "svg1");
    try {
      a.eval("""
          () => {
            const NS = 'http://www.w3.org/2000/svg', XL = 'http://www.w3.org/1999/xlink';
            const svg = document.createElementNS(NS, 'svg'); svg.setAttribute('viewBox', '0 0 10 10');
            const grad = document.createElementNS(NS, 'linearGradient'); grad.id = 'g';
            const use = document.createElementNS(NS, 'use'); use.setAttributeNS(XL, 'xlink:href', '#c');
            const fo = document.createElementNS(NS, 'foreignObject'); const div = document.createElement('div');
            div.textContent = 'html inside'; fo.appendChild(div);
            svg.append(grad, use, fo); document.body.appendChild(svg);
          }""");
      b.waitFor("document.querySelector('body > svg') !== null");
      String check = """
          () => {
            const svg = document.querySelector('body > svg');
            const use = svg.querySelector('use'), grad = svg.querySelector('linearGradient'), div = svg.querySelector('div');
            return [svg.namespaceURI, grad && grad.namespaceURI, grad && grad.tagName,
              use.getAttributeNS('http://www.w3.org/1999/xlink', 'href'), div.namespaceURI].join('|');
          }""";
      String expected = "http://www.w3.org/2000/svg|http://www.w3.org/2000/svg|linearGradient|#c|http://www.w3.org/1999/xhtml";
      assertEquals(expected, b.eval(check));
      assertConverged(a, b);
      a.page.reload();
      a.waitFor("window.webstrate && webstrate.loaded");
      assertEquals(expected, a.eval(check), "and after a reload");
    } finally {
      a.close();
      b.close();
    }
  }

  @Test
  void templateContentIsSyncedButItsScriptsDoNotRun() {
    LivePage a = LivePage.open(RIG.chromium(), RIG.server(), "tpl1");
    LivePage b = LivePage.open(RIG.chromium(), RIG.server(), "tpl1");
    try {
      a.eval("() => { document.body.insertAdjacentHTML('beforeend',"
          + " '<template id=\"tp\"><p>in template</p><script>window.__ran = true;</script></template>'); }");
      b.waitFor("document.getElementById('tp') && document.getElementById('tp').content.textContent.startsWith('in template')");
      a.eval("() => { document.getElementById('tp').content.firstChild.textContent = 'changed'; }");
      b.waitFor("document.getElementById('tp').content.firstChild.textContent === 'changed'");
      b.eval("() => { document.getElementById('tp').content.appendChild(document.createElement('hr')); }");
      a.waitFor("document.getElementById('tp').content.querySelector('hr') !== null");
      assertConverged(a, b);
      assertEquals(Boolean.TRUE, b.eval("window.__ran === undefined"), "template content is inert");
    } finally {
      a.close();
      b.close();
    }
  }

  @Test
  void remoteEditsAreNotEchoedBack() {
    LivePage a = LivePage.open(RIG.chromium(), RIG.server(), "echo1");
    LivePage b = LivePage.open(RIG.chromium(), RIG.server(), "echo1");
    try {
      a.eval("() => document.body.setAttribute('data-n', '1')");
      b.waitFor("document.body.getAttribute('data-n') === '1'");
      b.saved();
      a.saved();
      int version = Wire.pageVersion(RIG.server(), "echo1");
      assertEquals(version, ((Number) b.eval("webstrate.version")).intValue());
      assertEquals(version, ((Number) a.eval("webstrate.version")).intValue());
      assertNotEquals(0, version);
    } finally {
      a.close();
      b.close();
    }
  }
}

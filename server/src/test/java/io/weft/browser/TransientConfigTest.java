package io.weft.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.weft.testing.Wire;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A page replaces {@code webstrate.config.isTransientElement(DOMNode)} and
 * {@code isTransientAttribute(DOMNode, attributeName)} with functions written for Webstrates, in its
 * argument order; the client calls them that way when sending ops and when applying them.
 */
class TransientConfigTest {
  @RegisterExtension
  static final BrowserRig RIG = new BrowserRig();

  /** Webstrates-style rules: attribute {@code data-local} of element {@code #panel}, and elements of class {@code mine}. */
  private static final String RULES = """
      () => {
        window.__calls = [];
        webstrate.config.isTransientAttribute = function (DOMNode, attributeName) {
          window.__calls.push([DOMNode instanceof Element, typeof attributeName]);
          return attributeName === 'data-local' && DOMNode.id === 'panel';
        };
        webstrate.config.isTransientElement = (DOMNode) => DOMNode.classList.contains('mine');
      }""";

  @Test
  void pageRulesGetTheNodeFirstAndTheAttributeNameSecond() {
    LivePage a = LivePage.open(RIG.chromium(), RIG.server(), "rules1");
    LivePage b = LivePage.open(RIG.chromium(), RIG.server(), "rules1");
    try {
      a.eval(RULES);
      a.eval("() => { const p = document.createElement('div'); p.id = 'panel'; p.setAttribute('data-local', 'open');"
          + " document.body.appendChild(p); const q = document.createElement('div'); q.id = 'other';"
          + " q.setAttribute('data-local', 'shared'); document.body.appendChild(q);"
          + " const m = document.createElement('aside'); m.className = 'mine'; document.body.appendChild(m); }");
      b.waitFor("document.getElementById('other') !== null");
      a.eval("() => { document.getElementById('panel').setAttribute('data-local', 'changed');"
          + " document.getElementById('other').setAttribute('data-local', 'changed too'); }");
      b.waitFor("document.getElementById('other').getAttribute('data-local') === 'changed too'");
      a.saved();
      Object page = Wire.pageJson(RIG.server(), "rules1");
      assertFalse(attributesOf(page, "panel").containsKey("data-local"), "#panel's data-local stays local: " + page);
      assertEquals("changed too", attributesOf(page, "other").get("data-local"), "other elements' is shared");
      assertEquals(Boolean.TRUE, b.eval("document.getElementById('panel').getAttribute('data-local') === null"));
      assertEquals(Boolean.TRUE, b.eval("document.querySelector('aside') === null"), "the transient element stayed local");
      assertEquals(Boolean.TRUE, a.eval("window.__calls.length > 0 && window.__calls.every(([node, name]) => node && name === 'string')"),
          "called as (DOMNode, attributeName): " + a.eval("JSON.stringify(window.__calls)"));
    } finally {
      a.close();
      b.close();
    }
  }

  /** The attributes of the element with id {@code id} in a page's JsonML, or an empty map. */
  private static Map<?, ?> attributesOf(Object node, String id) {
    if (node instanceof List<?> element && element.size() > 1 && element.get(1) instanceof Map<?, ?> attrs) {
      if (id.equals(attrs.get("id"))) {
        return attrs;
      }
      for (Object child : element.subList(2, element.size())) {
        Map<?, ?> found = attributesOf(child, id);
        if (!found.isEmpty()) {
          return found;
        }
      }
    }
    return Map.of();
  }

  /** A remote od of an attribute the page's rule calls transient is ignored there (WEBSTRATES-API.md). */
  @Test
  void aRemoteRemovalOfAnAttributeThePageCallsTransientIsIgnored() {
    LivePage a = LivePage.open(RIG.chromium(), RIG.server(), "rules2");
    LivePage b = LivePage.open(RIG.chromium(), RIG.server(), "rules2");
    try {
      a.eval(RULES);
      b.eval("() => { const p = document.createElement('div'); p.id = 'panel'; p.setAttribute('data-local', 'from b');"
          + " document.body.appendChild(p); }");
      a.waitFor("document.getElementById('panel') && document.getElementById('panel').getAttribute('data-local') === 'from b'");
      b.eval("() => document.getElementById('panel').removeAttribute('data-local')");
      b.saved();
      int version = Wire.pageVersion(RIG.server(), "rules2");
      a.waitFor("(v) => webstrate.version === v", version);
      assertEquals("from b", a.eval("document.getElementById('panel').getAttribute('data-local')"));
      assertEquals(Boolean.TRUE, a.eval("window.__calls.every(([node, name]) => node && name === 'string')"),
          "called as (DOMNode, attributeName): " + a.eval("JSON.stringify(window.__calls)"));
    } finally {
      a.close();
      b.close();
    }
  }
}

package io.weft.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.weft.testing.Wire;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Anonymous visitors in real browsers, each with its own cookies: one cannot have another's edits taken
 * for duplicates by sending ops under their src, and each one's op resent after a reconnect (under its
 * old socket's src) is still applied, once.
 */
class SrcBindingBrowserTest {
  @RegisterExtension
  static final BrowserRig RIG = new BrowserRig();

  /**
   * Run in the attacker's page: opens a socket of its own (with its browser's cookies), subscribes, and
   * sends ops under the victim's src for every seq up to {@code upTo}; resolves to the error codes.
   */
  private static final String FORGE = """
      async ([victim, upTo]) => {
        const ws = new WebSocket(location.href.replace(/^http/, 'ws'));
        const frames = [];
        let wake = () => {};
        ws.onmessage = (e) => { const m = JSON.parse(e.data); if (!m.wa) { frames.push(m); wake(); } };
        const next = () => frames.length ? Promise.resolve(frames.shift())
            : new Promise((resolve) => { wake = () => { wake = () => {}; resolve(frames.shift()); }; });
        await next(); // init
        ws.send(JSON.stringify({ a: 's', c: 'webstrates', d: 'srcb1' }));
        while ((await next()).a !== 's') {}
        const codes = [];
        for (let seq = 1; seq <= upTo; seq++) {
          ws.send(JSON.stringify({ a: 'op', c: 'webstrates', d: 'srcb1', v: null, src: victim, seq,
            op: [{ p: [1, 'data-forged-' + seq], oi: 'x' }] }));
          let reply;
          do { reply = await next(); } while (!(reply.a === 'op' && reply.src === victim && reply.seq === seq));
          codes.push(reply.error ? reply.error.code : 'accepted');
        }
        ws.close();
        return codes;
      }""";

  @Test
  void anotherAnonymousBrowserCannotHaveAVisitorsEditsDropped() {
    LivePage victim = LivePage.open(RIG.chromium(), RIG.server(), "srcb1");
    LivePage attacker = LivePage.open(RIG.chromium(), RIG.server(), "srcb1");
    try {
      victim.saved();
      String victimId = (String) victim.eval("webstrate.clientId");
      attacker.waitFor("id => webstrate.clients.includes(id)", victimId);

      @SuppressWarnings("unchecked")
      List<String> codes = (List<String>) attacker.eval(FORGE, List.of(victimId, 40));

      for (int i = 0; i < 20; i++) {
        victim.eval("i => document.body.setAttribute('data-edit-' + i, 'yes')", i);
        victim.saved();
      }
      Object json = Wire.pageJson(RIG.server(), "srcb1");
      victim.waitForDom(json);
      attacker.waitForDom(json);
      Map<?, ?> bodyAttributes = (Map<?, ?>) ((List<?>) body(json)).get(1);
      for (int i = 0; i < 20; i++) {
        assertEquals("yes", bodyAttributes.get("data-edit-" + i), "edit " + i + " was kept: " + bodyAttributes);
      }
      assertEquals(Collections.nCopies(40, "ERR_SRC_NOT_YOURS"), codes);
      assertEquals(null, ((Map<?, ?>) ((List<?>) json).get(1)).get("data-forged-1"), "nothing forged was committed");
    } finally {
      victim.close();
      attacker.close();
    }
  }

  @Test
  void aVisitorsOpLostWithItsSocketIsResentUnderItsOldSrcAfterTheReconnectAndAppliedOnce() {
    LivePage page = LivePage.open(RIG.chromium(), RIG.server(), "srcb2");
    try {
      page.saved();
      int before = Wire.pageVersion(RIG.server(), "srcb2");
      String firstId = (String) page.eval("webstrate.clientId");
      // The next op frame goes nowhere and its socket dies: the op is in flight when the client reconnects.
      page.eval("""
          () => {
            const send = WebSocket.prototype.send;
            WebSocket.prototype.send = function (data) {
              if (typeof data === 'string' && data.startsWith('{"a":"op"')) {
                WebSocket.prototype.send = send;
                window.__lost = JSON.parse(data);
                this.close(4000, 'lost');
                return;
              }
              return send.call(this, data);
            };
            document.body.setAttribute('data-resent', 'once');
            window.__saved = false;
            webstrate.dataSaved().then(() => { window.__saved = true; });
          }""");
      page.waitFor("window.__lost && window.__saved");
      assertNotEquals(firstId, page.eval("webstrate.clientId"), "a new socket");
      assertEquals(firstId, page.eval("window.__lost.src"), "the lost op was sent under the first socket's id");

      Object json = Wire.pageJson(RIG.server(), "srcb2");
      page.waitForDom(json);
      assertEquals("once", ((Map<?, ?>) ((List<?>) body(json)).get(1)).get("data-resent"), "not rolled back");
      assertEquals(before + 1, Wire.pageVersion(RIG.server(), "srcb2"), "applied exactly once");
      @SuppressWarnings("unchecked")
      Map<String, Object> last = (Map<String, Object>) page.eval("async v => (await webstrate.getOps(v))[0]", before);
      assertEquals(firstId, last.get("src"), "committed under its original src");
      assertEquals(page.eval("window.__lost.seq"), last.get("seq"));
    } finally {
      page.close();
    }
  }

  /** The {@code <body>} element of a page's JsonML. */
  private static Object body(Object json) {
    for (Object child : (List<?>) json) {
      if (child instanceof List<?> element && "body".equals(element.get(0))) {
        return element;
      }
    }
    throw new AssertionError("no body in " + json);
  }
}

package io.weft.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.PlaywrightException;
import io.weft.testing.Wire;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code window.webstrate} in a real browser: presence, signals, dataSaved and getOps. */
class ConsoleApiTest {
  @RegisterExtension
  static final BrowserRig RIG = new BrowserRig();

  @Test
  void helloGivesTheClientIdTheAnonymousUserAndTheClientsAndOthersJoinAndPart() {
    LivePage a = LivePage.open(RIG.chromium(), RIG.server(), "presence1");
    try {
      assertEquals(Map.of("userId", "anonymous:", "username", "anonymous", "provider", "", "permissions", "rwa"),
          a.eval("({...webstrate.user})"));
      String aId = (String) a.eval("webstrate.clientId");
      assertEquals(32, aId.length());
      assertEquals(List.of(aId), a.eval("webstrate.clients"));
      assertEquals("presence1", a.eval("webstrate.webstrateId"));
      a.eval("() => { window.__joins = []; window.__parts = [];"
          + " webstrate.on('clientJoin', id => __joins.push(id)); webstrate.on('clientPart', id => __parts.push(id)); }");
      LivePage b = LivePage.open(RIG.chromium(), RIG.server(), "presence1");
      String bId = (String) b.eval("webstrate.clientId");
      a.waitFor("(id) => __joins.includes(id) && webstrate.clients.includes(id)", bId);
      assertEquals(List.of(aId, bId), b.eval("webstrate.clients"));
      b.close();
      a.waitFor("(id) => __parts.includes(id) && !webstrate.clients.includes(id)", bId);
      assertEquals(List.of(aId), a.eval("webstrate.clients"));
      assertEquals(List.of(aId), a.eval("new Promise(r => webstrate.on('loaded', (id, client) => r([client])))"),
          "a loaded listener added late is still called");
      PlaywrightException unknown = assertThrows(PlaywrightException.class, () -> a.eval("webstrate.on('nope', () => {})"));
      assertTrue(unknown.getMessage().contains("Event nope doesn't exist."), unknown.getMessage());
    } finally {
      a.close();
    }
  }

  @Test
  void aSignalGoesFromOnePageToTheOtherWithTheSendersId() {
    LivePage a = LivePage.open(RIG.chromium(), RIG.server(), "signal1");
    a.eval("() => { const d = document.createElement('div'); d.id = 'target'; document.body.appendChild(d); }");
    a.saved();
    LivePage b = LivePage.open(RIG.chromium(), RIG.server(), "signal1");
    try {
      b.eval("() => { window.__got = []; webstrate.on('signal', (m, s) => __got.push(['document', m, s]));"
          + " const el = document.getElementById('target');"
          + " el.webstrate.on('signal', (m, s, node) => __got.push([node.webstrate.id, m, s]));"
          + " webstrate.signal('ping', [webstrate.clientId]); el.webstrate.signal('ping', [webstrate.clientId]); }");
      // A socket's messages are handled in order: once B hears its own pings, its listeners are in place.
      b.waitFor("() => __got.filter(g => g[1] === 'ping').length === 2");
      String aId = (String) a.eval("webstrate.clientId");
      String wid = (String) a.eval("document.getElementById('target').__wid");
      a.eval("() => { webstrate.signal({hello: 'world'}); document.getElementById('target').webstrate.signal('to the div'); }");
      b.waitFor("() => __got.length === 4");
      List<?> got = (List<?>) b.eval("__got.filter(g => g[1] !== 'ping')");
      assertEquals(List.of(List.of("document", Map.of("hello", "world"), aId), List.of(wid, "to the div", aId)), got);
    } finally {
      a.close();
      b.close();
    }
  }

  @Test
  void dataSavedResolvesOnlyOnceTheServerHasTheEdit() {
    LivePage a = LivePage.open(RIG.chromium(), RIG.server(), "saved1");
    try {
      for (int i = 0; i < 5; i++) {
        a.eval("(i) => { document.body.setAttribute('data-i', String(i)); document.body.append('x' + i); }", i);
        a.saved();
        Map<?, ?> attrs = (Map<?, ?>) ((List<?>) ((List<?>) Wire.pageJson(RIG.server(), "saved1")).get(5)).get(1);
        assertEquals(String.valueOf(i), attrs.get("data-i"), "the server had edit " + i + " when dataSaved resolved");
      }
    } finally {
      a.close();
    }
  }

  @Test
  void getOpsReturnsTheOpLogWithPromiseOrCallback() {
    LivePage a = LivePage.open(RIG.chromium(), RIG.server(), "ops1");
    try {
      a.eval("() => document.body.setAttribute('data-v', '2')");
      a.saved();
      List<?> ops = (List<?>) a.eval("webstrate.getOps(0)");
      assertEquals(2, ops.size());
      Map<?, ?> create = (Map<?, ?>) ops.get(0);
      assertEquals(0, ((Number) create.get("v")).intValue());
      assertTrue(create.containsKey("create") && create.containsKey("src") && create.containsKey("seq"));
      assertEquals(List.of(1), a.eval("new Promise(r => webstrate.getOps(1, 2, (err, ops) => r(ops.map(o => o.v))))"));
    } finally {
      a.close();
    }
  }
}

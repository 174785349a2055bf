package io.weft.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weft.testing.TestServer;
import io.weft.testing.Wire;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Edits made while the server is down are kept, and arrive once it is back. */
class ReconnectTest {
  private static Chromium chromium;

  @BeforeAll
  static void start() {
    chromium = Chromium.launch();
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void editsMadeWhileTheServerRestartsArriveAfterItIsBack() {
    TestServer server = TestServer.start();
    int port = server.port();
    LivePage a = LivePage.open(chromium, server, "restart1");
    LivePage b = null;
    try {
      a.eval("() => { const p = document.createElement('p'); p.id = 'p'; p.textContent = 'before'; document.body.appendChild(p);"
          + " window.__events = []; webstrate.on('disconnect', () => __events.push('disconnect'));"
          + " webstrate.on('reconnect', () => __events.push('reconnect')); }");
      a.saved();
      b = LivePage.open(chromium, server, "restart1");
      String firstId = (String) a.eval("webstrate.clientId");

      server.close();
      a.waitFor("__events.includes('disconnect')");
      a.eval("() => { const p = document.getElementById('p'); p.firstChild.appendData(' and during');"
          + " p.setAttribute('data-offline', 'yes'); document.body.append(document.createElement('hr')); }");
      a.eval("() => { window.__saved = false; webstrate.dataSaved().then(() => { window.__saved = true; }); }");
      assertEquals(Boolean.FALSE, a.eval("window.__saved"), "nothing is saved while the server is down");

      server = TestServer.start(server.dataDir(), Map.of("http.port", String.valueOf(port)));
      a.waitFor("__events.includes('reconnect') && window.__saved");
      b.waitFor("document.getElementById('p').textContent === 'before and during'"
          + " && document.getElementById('p').getAttribute('data-offline') === 'yes' && document.querySelector('body > hr')");
      assertEquals(Boolean.TRUE, !firstId.equals(a.eval("webstrate.clientId")), "a new socket, a new client id");

      Object json = Wire.pageJson(server, "restart1");
      a.waitForDom(json);
      b.waitForDom(json);
      b.eval("() => document.getElementById('p').firstChild.appendData(', after')");
      a.waitFor("document.getElementById('p').textContent === 'before and during, after'");
    } finally {
      a.close();
      if (b != null) {
        b.close();
      }
      server.close();
    }
  }
}

package io.weft.browser;

import static io.weft.browser.LivePermissionsTest.list;
import static io.weft.browser.LivePermissionsTest.pageJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import io.weft.testing.TestServer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code webstrate.user.tokens} from the console, and what a token link does in another browser. */
class AccessTokenBrowserTest {
  /** Turns a promise into ["ok", value] or ["error", message] so a rejection can be asserted on. */
  private static final String SETTLE = "(expr) => (0, eval)(expr).then(v => ['ok', v],"
      + " e => ['error', e instanceof Error ? e.message : 'not an Error: ' + e])";
  private static final String SET_LIST = "(list) => document.documentElement.setAttribute('data-auth', list)";

  @RegisterExtension
  static final BrowserRig RIG = new BrowserRig();

  @Test
  void aTokenLinkActsAsItsMinterUntilThePermissionListChanges() {
    String doc = "tokenpage1";
    TestServer.Login aliceHttp = RIG.server().login("alice");
    LivePage alice = LivePage.openAs(RIG.chromium(), RIG.server(), doc, "alice");
    LivePage guest = null;
    try {
      alice.eval(SET_LIST, list("alice", "rwa"));
      alice.saved();
      assertForbidden(doc, "/" + doc + "/");

      Instant before = Instant.now();
      Map<?, ?> created = (Map<?, ?>) alice.eval("webstrate.user.tokens.create({maxAge: 600})");
      assertEquals(Set.of("id", "webstrateId", "username", "provider", "expiresAt", "token", "url"), created.keySet());
      assertEquals(doc, created.get("webstrateId"));
      assertEquals("alice", created.get("username"));
      assertEquals("test", created.get("provider"));
      assertEquals("/" + doc + "/?token=" + created.get("token"), created.get("url"));
      Instant expires = Instant.parse((String) created.get("expiresAt"));
      assertTrue(!expires.isBefore(before.plusSeconds(599)) && expires.isBefore(Instant.now().plusSeconds(601)),
          "expires in 600 s: " + expires);

      // Anyone with the link reads and writes as alice.
      guest = LivePage.openPath(RIG.chromium(), RIG.server(), doc, (String) created.get("url"));
      assertEquals("alice", guest.eval("webstrate.user.username"));
      assertEquals("alice:test", guest.eval("webstrate.user.userId"));
      assertEquals("rwa", guest.eval("webstrate.user.permissions"));
      guest.eval("() => { window.__events = []; webstrate.on('disconnect', () => __events.push('disconnect'));"
          + " webstrate.on('reconnect', () => __events.push('reconnect'));"
          + " const p = document.createElement('p'); p.id = 'guest'; p.textContent = 'via the link';"
          + " document.body.appendChild(p); }");
      guest.saved();
      alice.waitFor("document.getElementById('guest')?.textContent === 'via the link'");
      guest.waitForDom(pageJson(RIG.server(), doc, aliceHttp));

      // The list shows the token without its secret.
      Map<String, Object> described = new LinkedHashMap<>();
      created.forEach((k, v) -> {
        if (!k.equals("token") && !k.equals("url")) {
          described.put((String) k, v);
        }
      });
      assertEquals(List.of(described), alice.eval("webstrate.user.tokens.get()"));

      // Any change of the list ends every token of the page: the guest is let go and the link is dead.
      alice.eval(SET_LIST, list("alice", "rwa", "bob", "rw"));
      alice.saved();
      guest.waitFor("__events.includes('disconnect')");
      assertEquals("", guest.eval("webstrate.user.permissions"), "as the anonymous visitor it now is");
      assertForbidden(doc, (String) created.get("url"));
      assertEquals(List.of(), alice.eval("webstrate.user.tokens.get()"));
      guest.page.waitForTimeout(1000);
      assertEquals(List.of("disconnect"), guest.eval("__events"), "the dead link does not reconnect");
    } finally {
      alice.close();
      if (guest != null) {
        guest.close();
      }
    }
  }

  @Test
  void tokenRequestsRejectWithTheServersMessageAndTokensCanBeRemoved() {
    String doc = "tokenpage2";
    LivePage anonymous = LivePage.open(RIG.chromium(), RIG.server(), doc);
    LivePage alice = null;
    LivePage bob = null;
    try {
      assertEquals(List.of("error", "Must be logged in to create access tokens"),
          anonymous.eval(SETTLE, "webstrate.user.tokens.create()"));
      alice = LivePage.openAs(RIG.chromium(), RIG.server(), doc, "alice");
      alice.eval(SET_LIST, list("alice", "rwa", "bob", "rw"));
      alice.saved();
      bob = LivePage.openAs(RIG.chromium(), RIG.server(), doc, "bob");

      List<?> listed = (List<?>) bob.eval(SETTLE, "webstrate.user.tokens.get()");
      assertEquals("error", listed.get(0), "only admins list tokens");
      assertTrue(((String) listed.get(1)).startsWith("Forbidden"), listed.toString());

      String bobsToken = (String) bob.eval("webstrate.user.tokens.create({maxAge: 60}).then(t => t.id)");
      String alicesToken = (String) alice.eval("webstrate.user.tokens.create().then(t => t.id)");
      assertFalse(bobsToken.equals(alicesToken));
      assertEquals(List.of("error", "No such access token, or not yours to remove"),
          bob.eval(SETTLE, "webstrate.user.tokens.remove('" + alicesToken + "')"));
      assertEquals(List.of("ok", Map.of("removed", true)),
          bob.eval(SETTLE, "webstrate.user.tokens.remove('" + bobsToken + "')"));
      assertEquals(List.of(alicesToken), alice.eval("webstrate.user.tokens.get().then(ts => ts.map(t => t.id))"));
      assertEquals(Map.of("removed", true),
          alice.eval("webstrate.user.tokens.remove('" + alicesToken + "', '" + doc + "')"));
      assertEquals(List.of(), alice.eval("webstrate.user.tokens.get('" + doc + "')"));
    } finally {
      anonymous.close();
      if (alice != null) {
        alice.close();
      }
      if (bob != null) {
        bob.close();
      }
    }
  }

  /** A fresh anonymous browser is refused {@code path} with 403. */
  private static void assertForbidden(String doc, String path) {
    Page page = RIG.chromium().newPage();
    try {
      assertEquals(403, page.navigate(RIG.server().url(path)).status(), path + " of " + doc);
    } finally {
      page.context().close();
    }
  }
}

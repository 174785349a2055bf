package io.weft.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import io.weft.json.Json;
import io.weft.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Permission changes as the people on a page live through them: their rights follow the list at once,
 * refused edits are undone in the page, and whoever loses read access (or logs out) is let go for good.
 */
class LivePermissionsTest {
  /** Long enough for several of the client's reconnect attempts (the first comes after ~250 ms). */
  private static final double NO_RECONNECT_MILLIS = 2000;
  /** Records the page's permissionsChanged, disconnect, reconnect and editingError events. */
  private static final String RECORD_EVENTS = """
      () => {
        window.__perm = []; window.__events = []; window.__errors = [];
        webstrate.on('permissionsChanged', (now, before) => __perm.push([now, before]));
        webstrate.on('disconnect', () => __events.push('disconnect'));
        webstrate.on('reconnect', () => __events.push('reconnect'));
        webstrate.on('editingError', () => __errors.push('error'));
      }""";
  private static final String SET_LIST = "(list) => document.documentElement.setAttribute('data-auth', list)";

  @RegisterExtension
  static final BrowserRig RIG = new BrowserRig();

  @Test
  void aDemotedUserGetsNewRightsHasEditsRolledBackAndIsLetGoOnceRemoved() {
    String doc = "liveperms1";
    TestServer.Login aliceHttp = RIG.server().login("alice");
    LivePage alice = LivePage.openAs(RIG.chromium(), RIG.server(), doc, "alice");
    LivePage bob = null;
    try {
      alice.eval(RECORD_EVENTS);
      alice.eval(SET_LIST, list("alice", "rwa", "bob", "rw"));
      alice.saved();
      assertEquals("rwa", alice.eval("webstrate.user.permissions"));

      bob = LivePage.openAs(RIG.chromium(), RIG.server(), doc, "bob");
      LivePage bobPage = bob;
      assertEquals("bob:test", bob.eval("webstrate.user.userId"));
      assertEquals("rw", bob.eval("webstrate.user.permissions"));
      assertEquals(Json.parse(list("alice", "rwa", "bob", "rw")), bob.eval("webstrate.permissions"));
      bob.eval(RECORD_EVENTS);
      bob.eval("() => { const p = document.createElement('p'); p.id = 'bobs'; p.textContent = 'by bob';"
          + " document.body.appendChild(p); }");
      bob.saved();
      alice.waitFor("document.getElementById('bobs')?.textContent === 'by bob'");

      // Demoted to reader: told at once, and what he then changes is refused and undone in his page.
      alice.eval(SET_LIST, list("alice", "rwa", "bob", "r"));
      alice.saved();
      bob.waitFor("__perm.length === 1");
      assertEquals(List.of(List.of("r", "rw")), bob.eval("__perm"));
      assertEquals("r", bob.eval("webstrate.user.permissions"));
      assertEquals(Json.parse(list("alice", "rwa", "bob", "r")), bob.eval("webstrate.permissions"));
      Object beforeEdit = pageJson(RIG.server(), doc, aliceHttp);
      // Three edits in three tasks: the later ones wait behind the first as a pending op, and all are undone.
      bob.eval("async () => { const tick = () => new Promise(r => setTimeout(r, 0));"
          + " document.body.setAttribute('data-bob', 'x'); await tick();"
          + " document.getElementById('bobs').firstChild.appendData('!'); await tick();"
          + " document.body.appendChild(document.createElement('hr')); }");
      bob.waitFor("__errors.length > 0");
      bob.waitForDom(beforeEdit);
      bob.saved();
      assertEquals(beforeEdit, pageJson(RIG.server(), doc, aliceHttp), "the server has none of the reader's edit");
      assertEquals(LivePage.canonical(alice.dom()), LivePage.canonical(bob.dom()));
      assertEquals("r", bob.eval("webstrate.user.permissions"), "a refused edit leaves the rights as they were");

      // Removed from the list: no read access, so the page is let go and stays disconnected.
      List<String> console = Collections.synchronizedList(new ArrayList<>());
      bob.page.onConsoleMessage(m -> console.add(m.text()));
      AtomicInteger sockets = new AtomicInteger();
      bob.page.onWebSocket(ws -> sockets.incrementAndGet());
      alice.eval(SET_LIST, list("alice", "rwa"));
      alice.saved();
      Object afterRemoval = pageJson(RIG.server(), doc, aliceHttp);
      bob.waitFor("__events.includes('disconnect')");
      assertEquals(List.of("", "r"), ((List<?>) bob.eval("__perm")).get(1));
      assertEquals("", bob.eval("webstrate.user.permissions"));
      bob.eval("() => document.body.setAttribute('data-after', 'removed')");
      bob.page.waitForTimeout(NO_RECONNECT_MILLIS);
      assertEquals(List.of("disconnect"), bob.eval("__events"), "disconnected once, never reconnected");
      assertEquals(0, sockets.get(), "no new socket was opened");
      assertTrue(console.stream().anyMatch(m -> m.contains("lost read permission")), console.toString());
      assertEquals(afterRemoval, pageJson(RIG.server(), doc, aliceHttp), "nothing of bob's reached the server");
      assertEquals(403, bobPage.page.context().newPage().navigate(RIG.server().url("/" + doc + "/")).status(),
          "bob cannot open the page again");

      assertEquals(List.of(), alice.eval("__perm"), "alice's rights never changed, so she heard nothing");
      assertEquals(List.of(), alice.eval("__events"));
    } finally {
      alice.close();
      if (bob != null) {
        bob.close();
      }
    }
  }

  @Test
  void anAnonymousVisitorWithoutRightsGetsForbidden() {
    String doc = "liveperms2";
    LivePage alice = LivePage.openAs(RIG.chromium(), RIG.server(), doc, "alice");
    Page anonymous = RIG.chromium().newPage();
    try {
      alice.eval(SET_LIST, list("alice", "rwa"));
      alice.saved();
      assertEquals(403, anonymous.navigate(RIG.server().url("/" + doc + "/")).status());
      assertEquals(403, RIG.server().get("/" + doc + "/?json").statusCode());
    } finally {
      anonymous.context().close();
      alice.close();
    }
  }

  @Test
  void anAdminWhoDemotesThemselfSeesItAtOnceAndCannotTakeItBack() {
    String doc = "liveperms3";
    TestServer.Login daveHttp = RIG.server().login("dave");
    LivePage dave = LivePage.openAs(RIG.chromium(), RIG.server(), doc, "dave");
    try {
      dave.eval(RECORD_EVENTS);
      dave.eval(SET_LIST, list("dave", "rwa"));
      dave.saved();
      assertEquals(List.of(), dave.eval("__perm"), "rwa by default, rwa by the list: no change");

      dave.eval(SET_LIST, list("dave", "rw"));
      dave.waitFor("__perm.length === 1");
      assertEquals(List.of(List.of("rw", "rwa")), dave.eval("__perm"), "told as soon as the page changed");
      dave.saved();
      assertEquals("rw", dave.eval("webstrate.user.permissions"));

      // Without 'a' the list cannot be changed back: the edit is refused and the page shows the list in force.
      dave.eval(SET_LIST, list("dave", "rwa"));
      dave.waitFor("__errors.length > 0");
      Object json = pageJson(RIG.server(), doc, daveHttp);
      dave.waitForDom(json);
      dave.saved();
      assertEquals(Json.parse(list("dave", "rw")), dave.eval("webstrate.permissions"));
      assertEquals("rw", dave.eval("webstrate.user.permissions"));
      List<?> events = (List<?>) dave.eval("__perm");
      assertEquals(List.of("rw", "rwa"), events.get(events.size() - 1), "the last change reported is back to rw");
      assertEquals(List.of(), dave.eval("__events"));
    } finally {
      dave.close();
    }
  }

  @Test
  void loggingOutDisconnectsThePageForGood() {
    String doc = "liveperms4";
    LivePage carol = LivePage.openAs(RIG.chromium(), RIG.server(), doc, "carol");
    try {
      carol.eval(RECORD_EVENTS);
      List<String> console = Collections.synchronizedList(new ArrayList<>());
      carol.page.onConsoleMessage(m -> console.add(m.text()));
      AtomicInteger sockets = new AtomicInteger();
      carol.page.onWebSocket(ws -> sockets.incrementAndGet());

      Page logout = carol.page.context().newPage();
      logout.navigate(RIG.server().url("/auth/logout"));
      logout.click("button[type=submit]");
      carol.waitFor("__events.includes('disconnect')");
      carol.page.waitForTimeout(NO_RECONNECT_MILLIS);
      assertEquals(List.of("disconnect"), carol.eval("__events"));
      assertEquals(0, sockets.get(), "no new socket was opened");
      assertTrue(console.stream().anyMatch(m -> m.contains("logged out")), console.toString());
    } finally {
      carol.close();
    }
  }

  /** A data-auth value from alternating usernames (of the test provider) and rights. */
  static String list(String... usersAndRights) {
    List<Map<String, Object>> entries = new ArrayList<>();
    for (int i = 0; i < usersAndRights.length; i += 2) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("username", usersAndRights[i]);
      entry.put("provider", "test");
      entry.put("permissions", usersAndRights[i + 1]);
      entries.add(entry);
    }
    return Json.encode(entries);
  }

  /** {@code GET /<doc>/?json} as a logged-in user. */
  static Object pageJson(TestServer server, String doc, TestServer.Login login) {
    HttpResponse<String> response = server.get("/" + doc + "/?json", login.headers());
    assertEquals(200, response.statusCode(), "GET ?json of " + doc + ": " + response.body());
    return Json.parse(response.body());
  }
}

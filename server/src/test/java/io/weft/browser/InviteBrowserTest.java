package io.weft.browser;

import static io.weft.browser.LivePermissionsTest.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.Cookie;
import io.weft.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Invites as people meet them: created from the inviter's console, followed as a link in another
 * browser (through login or sign-up when logged out), and refused with a page or an error code when
 * they cannot be used. The inviter's open page sees the new rights and hears of the acceptance live.
 */
class InviteBrowserTest {
  /**
   * Turns a promise into ["ok", value] or ["error", message, code], so a rejection and its code can be
   * asserted on.
   */
  private static final String SETTLE = "(expr) => (0, eval)(expr).then(v => ['ok', v],"
      + " e => ['error', e instanceof Error ? e.message : 'not an Error: ' + e, e?.code ?? null])";
  private static final String SET_LIST = "(list) => document.documentElement.setAttribute('data-auth', list)";
  /** Records what the page's 'accepted' listener hears, registered as an inviter would before sharing a link. */
  private static final String RECORD_ACCEPTED =
      "() => { window.__accepted = []; webstrate.user.invites.on('accepted', e => __accepted.push(e)); }";
  private static final String PASSWORD = "invite-password-1";

  @RegisterExtension
  static final BrowserRig RIG = new BrowserRig();

  @Test
  void aLoggedOutVisitorSignsUpOnTheWayAndLandsOnThePageWithTheInvitedRights() {
    String doc = "invitelink1";
    LivePage alice = adminPage(doc, "alice");
    Page guest = RIG.chromium().newPage();
    try {
      alice.eval(RECORD_ACCEPTED);
      Map<?, ?> invite = (Map<?, ?>) alice.eval("webstrate.user.invites.create({permissions: 'rw'})");
      String key = (String) invite.get("key");
      assertEquals("/" + doc + "/?acceptInvite=" + key, invite.get("url"));
      assertEquals("rw", invite.get("permissions"));
      List<String> visited = Collections.synchronizedList(new ArrayList<>());
      guest.onRequest(r -> {
        if (r.isNavigationRequest()) {
          visited.add(r.method() + " " + r.url());
        }
      });

      // Logged out: the key goes into a cookie and the browser is sent to log in, coming back to ?pendingInvite.
      String pending = enc("/" + doc + "/?pendingInvite");
      guest.navigate(RIG.server().mainUrl((String) invite.get("url")));
      assertEquals(RIG.server().mainUrl("/auth/local?return=" + pending), guest.url());
      Cookie waiting = inviteCookie(guest, doc);
      assertEquals(key, waiting == null ? null : waiting.value);
      assertTrue(waiting.httpOnly, "no script reads the waiting key");
      guest.click("a[href^='/auth/local/signup']");
      guest.waitForURL(RIG.server().mainUrl("/auth/local/signup?return=" + pending));
      guest.fill("#username", "ines");
      guest.fill("#email", "ines@example.org");
      guest.fill("#password", PASSWORD);
      guest.click("button[type=submit]");
      guest.waitForURL(RIG.server().pageUrl(doc, "/" + doc + "/"));

      waitFor(guest, "window.webstrate && webstrate.loaded");
      assertEquals("ines:local", guest.evaluate("webstrate.user.userId"));
      assertEquals("rw", guest.evaluate("webstrate.user.permissions"));
      assertTrue(visited.contains("GET " + RIG.server().mainUrl("/" + doc + "/?pendingInvite")), visited.toString());
      assertEquals(1, visited.stream().filter(u -> u.contains(key)).count(),
          "only the link itself carries the key: " + visited);
      assertNull(inviteCookie(guest, doc), "the waiting key is forgotten once accepted");

      // Alice's open page sees the list change live and hears who accepted.
      String expected = list("alice", "rwa").replace("]", ",{\"username\":\"ines\",\"provider\":\"local\","
          + "\"permissions\":\"rw\"}]");
      alice.waitFor("(list) => document.documentElement.getAttribute('data-auth') === list", expected);
      assertEquals(Json.parse(expected), alice.eval("webstrate.permissions"));
      alice.waitFor("__accepted.length === 1");
      Map<?, ?> heard = (Map<?, ?>) ((List<?>) alice.eval("__accepted")).get(0);
      assertEquals(doc, heard.get("webstrateId"));
      assertEquals(invite.get("id"), heard.get("invite"));
      assertEquals("rw", heard.get("permissions"));
      assertEquals("", heard.get("before"));
      Map<?, ?> user = (Map<?, ?>) heard.get("user");
      assertEquals("ines", user.get("username"));
      assertEquals("local", user.get("provider"));
      assertEquals("ines:local", user.get("userId"));
    } finally {
      guest.context().close();
      alice.close();
    }
  }

  @Test
  void aLoggedInUserOpeningTheLinkIsLetInAtOnceAndCountedOnce() {
    String doc = "invitelink2";
    LivePage alice = adminPage(doc, "alice");
    Page bob = loggedIn("bob");
    try {
      Map<?, ?> invite = (Map<?, ?>) alice.eval("webstrate.user.invites.create({permissions: 'rw'})");
      String key = (String) invite.get("key");

      Response response = bob.navigate(RIG.server().mainUrl((String) invite.get("url")));
      assertEquals(RIG.server().pageUrl(doc, "/" + doc + "/"), bob.url(), "the key is not in the page's URL");
      assertEquals(200, response.status());
      waitFor(bob, "window.webstrate && webstrate.loaded");
      assertEquals("rw", bob.evaluate("webstrate.user.permissions"));
      assertFalse(((String) bob.evaluate("document.referrer")).contains(key), "nor in its referrer");
      assertNull(inviteCookie(bob, doc), "nor left in a cookie");

      List<?> listed = (List<?>) alice.eval("webstrate.user.invites.get()");
      assertEquals(1, listed.size(), listed.toString());
      Map<?, ?> described = (Map<?, ?>) listed.get(0);
      assertEquals(invite.get("id"), described.get("id"));
      assertFalse(described.containsKey("key"), "the list never shows keys");
      assertEquals(1, ((Number) described.get("uses")).intValue());
      List<?> acceptedBy = (List<?>) described.get("acceptedBy");
      assertEquals(1, acceptedBy.size(), acceptedBy.toString());
      Map<?, ?> bobs = (Map<?, ?>) acceptedBy.get(0);
      assertEquals("bob", bobs.get("username"));
      assertEquals("test", bobs.get("provider"));
      assertEquals("", bobs.get("before"));
      assertEquals("rw", bobs.get("after"));

      // Following the same link again lets bob in again but takes no second use.
      bob.navigate(RIG.server().mainUrl((String) invite.get("url")));
      assertEquals(RIG.server().pageUrl(doc, "/" + doc + "/"), bob.url());
      assertEquals(List.of(1), alice.eval("webstrate.user.invites.get().then(is => is.map(i => i.uses))"));
    } finally {
      bob.context().close();
      alice.close();
    }
  }

  @Test
  void anUnknownOrUsedUpLinkShowsWhyWithoutGrantingAnything() {
    String doc = "invitelink3";
    LivePage alice = adminPage(doc, "alice");
    Page bob = loggedIn("bob");
    Page carol = loggedIn("carol");
    try {
      String unknown = "/" + doc + "/?acceptInvite=" + randomKey();
      Response response = carol.navigate(RIG.server().mainUrl(unknown));
      assertEquals(404, response.status());
      assertTrue(carol.textContent("body").contains("Invalid invitation key"), carol.textContent("body"));

      Map<?, ?> invite = (Map<?, ?>) alice.eval("webstrate.user.invites.create({permissions: 'rw', maxUses: 1})");
      String link = RIG.server().mainUrl((String) invite.get("url"));
      bob.navigate(link);
      assertEquals(RIG.server().pageUrl(doc, "/" + doc + "/"), bob.url(), "bob takes the only use");
      response = carol.navigate(link);
      assertEquals(410, response.status());
      assertTrue(carol.textContent("body").contains("used as many times as it allows"), carol.textContent("body"));
      assertEquals(403, carol.navigate(RIG.server().mainUrl("/" + doc + "/")).status(), "carol gained nothing");
      assertEquals(Json.parse(list("alice", "rwa", "bob", "rw")), alice.eval("webstrate.permissions"));
    } finally {
      carol.context().close();
      bob.context().close();
      alice.close();
    }
  }

  @Test
  void consoleRefusalsCarryCodesAndSayWhy() {
    String doc = "invitelink4";
    LivePage alice = adminPage(doc, "alice");
    alice.eval(SET_LIST, list("alice", "rwa", "bob", "rw"));
    alice.saved();
    LivePage bob = LivePage.openAs(RIG.chromium(), RIG.server(), doc, "bob");
    try {
      assertEquals(List.of("error", "Invalid invitation key", "INVITE_UNKNOWN"),
          bob.eval(SETTLE, "webstrate.user.invites.check('nonsense')"));

      List<?> created = (List<?>) bob.eval(SETTLE, "webstrate.user.invites.create({permissions: 'r'})");
      assertEquals("error", created.get(0), created.toString());
      assertTrue(((String) created.get(1)).contains("admin"), created.toString());

      // A cancelled invite is refused with its own code, not as unknown.
      String key = (String) alice.eval("webstrate.user.invites.create({permissions: 'r'}).then(i => i.key)");
      alice.eval("(key) => webstrate.user.invites.remove(key)", key);
      List<?> checked = (List<?>) bob.eval(SETTLE, "webstrate.user.invites.check('" + key + "')");
      assertEquals("INVITE_REMOVED", checked.get(2), checked.toString());
    } finally {
      bob.close();
      alice.close();
    }
  }

  /** {@code username} logged in on {@code /<doc>/}, made its only admin by the page's permission list. */
  private static LivePage adminPage(String doc, String username) {
    LivePage page = LivePage.openAs(RIG.chromium(), RIG.server(), doc, username);
    page.eval(SET_LIST, list(username, "rwa"));
    page.saved();
    return page;
  }

  /** A blank page in a context of its own, holding {@code username}'s session cookie from the test provider. */
  private static Page loggedIn(String username) {
    String cookie = RIG.server().login(username).cookie();
    int eq = cookie.indexOf('=');
    Page page = RIG.chromium().newPage();
    page.context().addCookies(List.of(new Cookie(cookie.substring(0, eq), cookie.substring(eq + 1))
        .setUrl(RIG.server().mainUrl("/"))));
    return page;
  }

  /** The browser's cookie holding a key on its way through login, sent to {@code /<doc>/} only; null if none. */
  private static Cookie inviteCookie(Page page, String doc) {
    return page.context().cookies(RIG.server().mainUrl("/" + doc + "/")).stream().filter(c -> c.name.equals("weft_invite"))
        .findFirst().orElse(null);
  }

  private static void waitFor(Page page, String expression) {
    page.waitForFunction(expression, null, new Page.WaitForFunctionOptions().setTimeout(Chromium.WAIT_MILLIS));
  }

  /** A key of the real keys' shape (32 random bytes, base64url): 43 characters that name no invite. */
  private static String randomKey() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}

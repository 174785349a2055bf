package io.weft.browser;

import static io.weft.browser.LivePermissionsTest.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Page;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The share dialog's frame: {@code webstrate.share()} shows {@code /<id>/?share} of the main origin over
 * the page; the page's scripts can neither read it nor reach into it; closing it gives the page back,
 * and none of it ever becomes part of the document.
 */
class ShareDialogBrowserTest {
  @RegisterExtension
  static final BrowserRig RIG = new BrowserRig();

  @Test
  void theDialogShowsOverThePageFromTheMainOriginOutOfThePagesReach() {
    String doc = "sharedialog1";
    LivePage alice = LivePage.openAsAdmin(RIG.chromium(), RIG.server(), doc, "alice");
    try {
      Object before = alice.dom();
      alice.eval("window.__joined = []; webstrate.on('clientJoin', id => __joined.push(id))");
      alice.eval("webstrate.share()");
      Frame dialog = dialogFrame(alice.page);
      dialog.waitForSelector("#own-rights:has-text('You are an admin')");
      // The dialog's socket observes the page: past the time after which a silent client is announced
      // anyway (Presence.JOIN_FALLBACK_MILLIS, 2 s), nobody on the page has heard of it.
      alice.page.waitForTimeout(2_500);
      assertEquals(List.of(), alice.eval("__joined"), "no clientJoin for the dialog");
      assertEquals(1, ((List<?>) alice.eval("webstrate.clients")).size(), "alice's own client only");
      assertEquals(RIG.server().mainUrl("/" + doc + "/?share&framed"), dialog.url(), "served by the main origin");
      // The page's own script, trying every door into the frame.
      assertEquals(Boolean.TRUE, alice.eval("document.querySelector('iframe').contentDocument === null"));
      assertEquals("SecurityError", alice.eval("(() => { try { return String(document.querySelector('iframe')"
          + ".contentWindow.document.body.innerHTML); } catch (e) { return e.name; } })()"));
      assertEquals(Boolean.TRUE, alice.eval("fetch('/" + doc + "/?share').then(r => r.status === 404)"),
          "the page's origin does not serve the dialog to a script");
      dialog.click("#close");
      alice.waitFor("!document.querySelector('iframe')");
      alice.saved();
      assertEquals(LivePage.canonical(before), LivePage.canonical(alice.dom()), "the DOM is the document's again");
      assertEquals(LivePage.canonical(before), LivePage.canonical(alice.serverJson()), "nothing of it was sent");
    } finally {
      alice.close();
    }
  }

  @Test
  void someoneWhoIsNoAdminIsToldTheirRightsAndWhoMayShare() {
    String doc = "sharedialog2";
    LivePage alice = LivePage.openAs(RIG.chromium(), RIG.server(), doc, "alice");
    LivePage bob = LivePage.openAs(RIG.chromium(), RIG.server(), doc, "bob");
    try {
      alice.eval("(list) => document.documentElement.setAttribute('data-auth', list)", list("alice", "rwa", "bob", "rw"));
      alice.saved();
      bob.waitFor("webstrate.user.permissions === 'rw'");
      bob.eval("webstrate.share()");
      Frame dialog = dialogFrame(bob.page);
      dialog.waitForSelector("#own-rights:has-text('You can edit this page. Only its admins can share it')");
      assertTrue(dialog.isHidden("#links"), "no way to share for a non-admin");
      // Made an admin while looking: the dialog follows the list live.
      alice.eval("(list) => document.documentElement.setAttribute('data-auth', list)", list("alice", "rwa", "bob", "rwa"));
      dialog.waitForSelector("#links:not([hidden])");
    } finally {
      bob.close();
      alice.close();
    }
  }

  @Test
  void aVisitorWhoIsNotLoggedInIsSentToLogInInTheWholeWindow() {
    String doc = "sharedialog3";
    LivePage visitor = LivePage.open(RIG.chromium(), RIG.server(), doc);
    try {
      visitor.eval("webstrate.share()");
      Frame dialog = dialogFrame(visitor.page);
      dialog.waitForSelector("text=Only people who are logged in can share a page");
      assertEquals("_top", dialog.getAttribute(".login-links a", "target"), "the login pages refuse frames");
      dialog.click(".login-links a");
      visitor.page.waitForURL(url -> url.startsWith(RIG.server().mainUrl("/auth/")));
      assertTrue(visitor.page.url().contains(java.net.URLEncoder.encode("/" + doc + "/", java.nio.charset.StandardCharsets.UTF_8)),
          "back to the page afterwards: " + visitor.page.url());
    } finally {
      visitor.close();
    }
  }

  @Test
  void theDialogsOwnAddressOpensItInAWindowOfTheMainOrigin() {
    String doc = "sharedialog4";
    LivePage alice = LivePage.openAsAdmin(RIG.chromium(), RIG.server(), doc, "alice");
    try {
      // Typed on the page's own origin: the dialog is never served there, the browser is sent on.
      alice.page.navigate(RIG.server().pageUrl(doc, "/" + doc + "/?share"));
      assertEquals(RIG.server().mainUrl("/" + doc + "/?share"), alice.page.url());
      alice.page.waitForSelector("#own-rights:has-text('You are an admin')");
      alice.page.waitForSelector("#people:not([hidden])");
      assertTrue(alice.page.isHidden("#close") || alice.page.querySelector("#close") == null, "nothing to close in a window");
    } finally {
      alice.close();
    }
  }

  static Frame dialogFrame(Page page) {
    return page.waitForSelector("iframe[title^='Share']").contentFrame();
  }
}

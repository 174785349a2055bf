package io.weft.browser;

import static io.weft.browser.LivePermissionsTest.list;
import static io.weft.browser.ShareDialogBrowserTest.dialogFrame;
import static io.weft.browser.ShareDialogChecks.rootAttributes;
import static io.weft.browser.ShareDialogChecks.shoot;
import static io.weft.browser.ShareDialogChecks.withoutAuth;
import static io.weft.browser.ShareDialogChecks.withoutDialog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Frame;
import com.microsoft.playwright.options.SelectOption;
import io.weft.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The share dialog's "People with access" as an admin uses it, choosing and clicking: bob's rights
 * change in his open page at once, then he is removed and his page is let go. The dialog refuses to
 * leave the page without an admin and asks before alice removes herself. A page on the server's
 * defaults shows them, and its first change writes them out as its own list, keeping alice an admin.
 * Each change is one change of the page's permission list, and nothing else. Screenshots of each state,
 * desktop and phone width, go under {@code target/screenshots/}.
 */
class SharePeopleBrowserTest {
  private static final String SET_LIST = "(list) => document.documentElement.setAttribute('data-auth', list)";
  private static final String RECORD = "() => { window.__perm = []; window.__events = [];"
      + " webstrate.on('permissionsChanged', (now, before) => __perm.push([now, before]));"
      + " webstrate.on('disconnect', () => __events.push('disconnect')); }";

  @RegisterExtension
  static final BrowserRig RIG = new BrowserRig();

  @Test
  void anAdminChangesThenRemovesBobsRightsAndBobsPageFollows() {
    String doc = "sharepeople1";
    LivePage alice = LivePage.openAs(RIG.chromium(), RIG.server(), doc, "alice");
    LivePage bob = null;
    try {
      alice.eval(SET_LIST, list("alice", "rwa", "bob", "r"));
      alice.saved();
      bob = LivePage.openAs(RIG.chromium(), RIG.server(), doc, "bob");
      bob.eval(RECORD);
      Object stored = alice.serverJson();
      Object dom = alice.dom();

      alice.eval("webstrate.share()");
      Frame dialog = dialogFrame(alice.page);
      dialog.waitForSelector("#people-table tr:has-text('bob')");
      assertTrue(dialog.textContent("#people-table tr:has-text('alice')").contains("(you)"));
      assertEquals("rwa", dialog.getByLabel("Access for alice").inputValue());
      assertEquals("r", dialog.getByLabel("Access for bob").inputValue());
      assertEquals("", dialog.getByLabel("General access").inputValue(), "no anonymous entry: no access");
      shoot(alice.page, dialog, "#people", "share-people-list");

      // bob can edit: his open page hears it at once.
      dialog.getByLabel("Access for bob").selectOption(new SelectOption().setLabel("Can edit"));
      bob.waitFor("webstrate.user.permissions === 'rw'");
      assertEquals(List.of(List.of("rw", "r")), bob.eval("__perm"));
      dialog.waitForSelector("#status:has-text('bob can now edit.')");
      alice.saved();
      assertEquals(Json.parse(list("alice", "rwa", "bob", "rw")), authOf(alice.serverJson()));
      assertEquals(LivePage.canonical(withoutAuth(stored)), LivePage.canonical(withoutAuth(alice.serverJson())),
          "only the permission list changed");
      assertEquals(LivePage.canonical(withoutAuth(dom)), LivePage.canonical(withoutAuth(withoutDialog(alice.dom()))));
      shoot(alice.page, dialog, "#people", "share-people-changed");

      // The last admin cannot step down: refused in plain words, nothing written.
      Object version = alice.eval("webstrate.version");
      dialog.getByLabel("Access for alice").selectOption(new SelectOption().setLabel("Can edit"));
      dialog.waitForSelector("#problem:has-text('A page needs at least one admin')");
      assertEquals("rwa", dialog.getByLabel("Access for alice").inputValue(), "the choice is put back");
      dialog.click("#people-table button[aria-label='Remove yourself']");
      dialog.waitForSelector("#problem:has-text('A page needs at least one admin')");
      assertTrue(dialog.isHidden("#people .confirm"), "nothing to ask: it is refused");
      shoot(alice.page, dialog, "#people", "share-people-last-admin");
      alice.saved();
      assertEquals(version, alice.eval("webstrate.version"), "no op was sent");

      // With bob an admin too, removing herself is asked first; Cancel keeps everything.
      dialog.getByLabel("Access for bob").selectOption(new SelectOption().setLabel("Admin"));
      bob.waitFor("webstrate.user.permissions === 'rwa'");
      dialog.click("#people-table button[aria-label='Remove yourself']");
      dialog.waitForSelector("#people .confirm:has-text('Remove yourself?')");
      assertEquals("Cancel", dialog.evaluate("document.activeElement.textContent"), "focus on the safe answer");
      shoot(alice.page, dialog, "#people", "share-people-confirm");
      dialog.click("#people .confirm button:has-text('Cancel')");
      dialog.waitForSelector("#status:has-text('Nothing changed')");
      assertTrue(dialog.isHidden("#people .confirm"));
      assertEquals("Remove yourself", dialog.evaluate("document.activeElement.getAttribute('aria-label')"),
          "focus back where it was");
      alice.saved();
      assertEquals(Json.parse(list("alice", "rwa", "bob", "rwa")), authOf(alice.serverJson()));

      // bob removed: his page loses access and is let go.
      dialog.click("#people-table button[aria-label='Remove bob']");
      bob.waitFor("__events.includes('disconnect')");
      assertEquals(List.of("", "rwa"), ((List<?>) bob.eval("__perm")).get(2));
      assertEquals("", bob.eval("webstrate.user.permissions"));
      dialog.waitForSelector("#status:has-text('bob was removed.')");
      assertFalse(dialog.isVisible("#people-table tr:has-text('bob')"));
      assertEquals("remove-0", dialog.evaluate("document.activeElement.id"), "focus stays among the people");
      alice.saved();
      assertEquals(Json.parse(list("alice", "rwa")), authOf(alice.serverJson()));
      assertEquals(403, bob.page.context().newPage().navigate(RIG.server().url("/" + doc + "/")).status(),
          "bob cannot open the page again");
      shoot(alice.page, dialog, "#people", "share-people-removed");
      assertEquals(LivePage.canonical(withoutAuth(stored)), LivePage.canonical(withoutAuth(alice.serverJson())));
    } finally {
      if (bob != null) {
        bob.close();
      }
      alice.close();
    }
  }

  @Test
  void aPageOnTheDefaultsGetsAListOfItsOwnAtTheFirstChangeKeepingItsAdmin() {
    String doc = "sharepeople2";
    LivePage alice = LivePage.openAs(RIG.chromium(), RIG.server(), doc, "alice");
    LivePage bob = null;
    try {
      assertEquals(null, rootAttributes(alice.serverJson()).get("data-auth"), "the page follows the defaults");
      alice.eval("webstrate.share()");
      Frame dialog = dialogFrame(alice.page);
      dialog.waitForSelector("#people p:has-text(\"follows the server's default access\")");
      assertEquals("rwa", dialog.getByLabel("General access").inputValue(), "the default: anyone is an admin");
      assertTrue(dialog.isVisible("#people p:has-text('Nobody is listed by name')"));
      shoot(alice.page, dialog, "#people", "share-people-defaults");

      dialog.getByLabel("General access").selectOption(new SelectOption().setLabel("Can view"));
      dialog.waitForSelector("#status:has-text('You are listed by name as an admin')");
      alice.saved();
      assertEquals(Json.parse("[{\"username\":\"alice\",\"provider\":\"test\",\"permissions\":\"rwa\"},"
          + "{\"username\":\"anonymous\",\"provider\":\"\",\"permissions\":\"r\"}]"), authOf(alice.serverJson()));
      dialog.waitForSelector("#people-table tr:has-text('alice')");
      assertTrue(dialog.isHidden("#people p:has-text(\"follows the server's default access\")"));
      assertEquals("rwa", alice.eval("webstrate.user.permissions"));
      shoot(alice.page, dialog, "#people", "share-people-own-list");

      bob = LivePage.openAs(RIG.chromium(), RIG.server(), doc, "bob");
      assertEquals("r", bob.eval("webstrate.user.permissions"), "everyone else now only views");
    } finally {
      if (bob != null) {
        bob.close();
      }
      alice.close();
    }
  }

  /** The page's permission list, parsed. */
  private static Object authOf(Object jsonml) {
    return Json.parse((String) rootAttributes(jsonml).get("data-auth"));
  }
}

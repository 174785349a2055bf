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
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.SelectOption;
import io.weft.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The share dialog's "Invite by link" as people use it, clicking and typing: alice makes a link that
 * lets people edit, bob follows it from his web mail and accepts, alice's open dialog shows the use and
 * bob in the ledger at once, she revokes it, and it then lets nobody in. None of it is an op on the
 * page: the document changes only by bob's acceptance, in its permission list. Another page cannot
 * frame the dialog. Each state is saved as a screenshot, desktop and phone width, under
 * {@code target/screenshots/}.
 */
class ShareLinkBrowserTest {
  private static final String SET_LIST = "(list) => document.documentElement.setAttribute('data-auth', list)";
  /** A Share button an author might put on the page; transient, so the document never holds it. */
  private static final String ADD_SHARE_BUTTON = "() => { const t = document.createElement('transient');"
      + " const b = document.createElement('button'); b.id = 'share-button'; b.textContent = 'Share';"
      + " b.addEventListener('click', () => webstrate.share()); t.append(b); document.body.append(t); }";
  /** bob's web mail: another site, holding the link alice sent. */
  private static final String MAIL = "http://mail.test/inbox";

  @RegisterExtension
  static final BrowserRig RIG = new BrowserRig();

  @Test
  void aLinkMadeInTheDialogLetsBobEditShowsHimInTheLedgerAndOnceRevokedLetsNobodyIn() {
    String doc = "sharelink1";
    LivePage alice = LivePage.openAs(RIG.chromium(), RIG.server(), doc, "alice");
    Page bob = ShareDialogChecks.loggedIn(RIG.chromium(), RIG.server(), "bob");
    Page carol = ShareDialogChecks.loggedIn(RIG.chromium(), RIG.server(), "carol");
    try {
      alice.eval(SET_LIST, list("alice", "rwa"));
      alice.saved();
      Object version = alice.eval("webstrate.version");
      Object dom = alice.dom();
      Object stored = alice.serverJson();

      alice.eval(ADD_SHARE_BUTTON);
      alice.page.click("#share-button");
      Frame dialog = dialogFrame(alice.page);
      dialog.waitForSelector("#link-form");
      dialog.waitForSelector("#links-none");
      shoot(alice.page, dialog, "#links", "share-link-empty");
      dialog.selectOption("#link-rights", new SelectOption().setLabel("Can edit"));
      dialog.selectOption("#link-lifetime", new SelectOption().setLabel("1 day"));
      dialog.selectOption("#link-uses", new SelectOption().setLabel("5 people"));
      dialog.click("#link-create");
      dialog.waitForSelector("#link-new:not([hidden])");
      String link = dialog.inputValue("#link-url");
      assertTrue(link.startsWith(RIG.server().mainUrl("/" + doc + "/?acceptInvite=")), link);
      assertEquals("link-url", dialog.evaluate("document.activeElement.id"), "focus on the new link");
      assertTrue(dialog.textContent("#link-about").contains("can edit"), dialog.textContent("#link-about"));
      assertTrue(dialog.textContent("#link-about").contains("1 day"), dialog.textContent("#link-about"));
      assertTrue(dialog.textContent("#link-about").contains("at most 5 people"), dialog.textContent("#link-about"));
      dialog.waitForSelector("#links-table td[data-label='Uses']:has-text('0 of 5')");
      assertTrue(dialog.textContent("#links-table td[data-label='Gives']").contains("can edit"));
      String left = dialog.textContent("#links-table td[data-label='Status']");
      assertEquals("1 day left", left, "a link made for a day, just now");
      alice.page.context().grantPermissions(List.of("clipboard-read", "clipboard-write"));
      List<String> console = Collections.synchronizedList(new ArrayList<>());
      alice.page.onConsoleMessage(m -> console.add(m.text()));
      dialog.click("#link-copy");
      dialog.waitForSelector("#status:text-is('Copied')");
      assertEquals(link, alice.eval("navigator.clipboard.readText()"), "the link is on the clipboard");
      assertFalse(console.stream().anyMatch(m -> m.contains("Clipboard API has been blocked")),
          "the frame may use the clipboard, not only the fallback: " + console);
      shoot(alice.page, dialog, "#links", "share-link-created");

      // Making a link is no edit of the page.
      alice.saved();
      assertEquals(version, alice.eval("webstrate.version"), "no op was sent");
      assertEquals(LivePage.canonical(dom), LivePage.canonical(withoutDialog(alice.dom())), "only the dialog was added");
      assertEquals(LivePage.canonical(stored), LivePage.canonical(alice.serverJson()));

      // bob follows the link from his web mail: another site, so the server asks him first.
      bob.route("http://mail.test/**", route -> route.fulfill(new Route.FulfillOptions()
          .setContentType("text/html").setBody("<!doctype html><title>Mail</title><p>alice wrote: join my page"
              + " <a id=\"invite\" href=\"" + link + "\">here</a></p>")));
      bob.navigate(MAIL);
      bob.click("#invite");
      bob.waitForSelector("form button[type=submit]:has-text('Accept')");
      assertEquals(RIG.server().mainUrl("/" + doc + "/?pendingInvite"), bob.url(), "no key in the address");
      String asked = bob.textContent("main");
      assertTrue(asked.contains("alice invites you to " + doc), asked);
      assertTrue(asked.contains("logged in as bob"), asked);
      Screenshots.shoot(bob, "share-link-bob-confirm");
      bob.click("form button[type=submit]");
      bob.waitForURL(RIG.server().pageUrl(doc, "/" + doc + "/"));
      bob.waitForFunction("window.webstrate && webstrate.loaded");
      assertEquals("rw", bob.evaluate("webstrate.user.permissions"));

      // alice's dialog, without a reload: one use of five, bob in the ledger, bob among the people.
      dialog.waitForSelector("#links-table td[data-label='Uses']:has-text('1 of 5')");
      dialog.waitForSelector("#links-table td[data-label='Accepted by'] li:has-text('bob')");
      assertTrue(dialog.textContent("#links-table td[data-label='Accepted by']").contains("just now"));
      dialog.waitForSelector("#status:has-text('bob accepted a link')");
      dialog.waitForSelector("#people-table tr:has-text('bob')");
      assertEquals("rw", dialog.inputValue("#people-table tr:has-text('bob') select"));
      shoot(alice.page, dialog, "#links", "share-link-accepted");
      // bob's acceptance is the only change to the document: its permission list.
      alice.saved();
      Object withBob = Json.parse(list("alice", "rwa", "bob", "rw"));
      assertEquals(withBob, Json.parse((String) rootAttributes(alice.serverJson()).get("data-auth")));
      assertEquals(LivePage.canonical(withoutAuth(stored)), LivePage.canonical(withoutAuth(alice.serverJson())));
      assertEquals(LivePage.canonical(withoutAuth(dom)), LivePage.canonical(withoutAuth(withoutDialog(alice.dom()))));
      Object afterBob = alice.serverJson();
      Object versionAfterBob = alice.eval("webstrate.version");

      dialog.click("#links-table button:has-text('Revoke')");
      dialog.waitForSelector("#links-table td[data-label='Status']:has-text('Revoked')");
      dialog.waitForSelector("#status:has-text('Link revoked')");
      assertEquals(0, dialog.locator("#links-table button:has-text('Revoke')").count(), "nothing left to revoke");
      assertEquals("link-create", dialog.evaluate("document.activeElement.id"), "focus stays in the section");
      shoot(alice.page, dialog, "#links", "share-link-revoked");

      Response refused = carol.navigate(link);
      assertEquals(410, refused.status());
      assertTrue(carol.textContent("body").contains("This invitation was cancelled"), carol.textContent("body"));
      assertEquals(403, carol.navigate(RIG.server().mainUrl("/" + doc + "/")).status(), "carol gained nothing");

      alice.saved();
      assertEquals(versionAfterBob, alice.eval("webstrate.version"), "revoking sent no op");
      assertEquals(LivePage.canonical(afterBob), LivePage.canonical(alice.serverJson()));
      dialog.click("#close");
      alice.waitFor("!document.querySelector('iframe')");
      assertEquals(LivePage.canonical(afterBob), LivePage.canonical(alice.dom()),
          "closed, the page is the document again");
    } finally {
      carol.context().close();
      bob.context().close();
      alice.close();
    }
  }

  @Test
  void anotherPageCannotFrameAPagesShareDialog() {
    String doc = "sharelink2";
    LivePage alice = LivePage.openAs(RIG.chromium(), RIG.server(), doc, "alice");
    LivePage other = null;
    try {
      alice.eval(SET_LIST, list("alice", "rwa"));
      alice.saved();
      other = LivePage.openAs(RIG.chromium(), RIG.server(), doc + "b", "alice");
      List<String> console = Collections.synchronizedList(new ArrayList<>());
      other.page.onConsoleMessage(m -> console.add(m.text()));
      String dialogUrl = RIG.server().mainUrl("/" + doc + "/?share&framed");
      // Page B puts page A's dialog in a frame, as a page that wants alice to click in it unawares would.
      other.eval("(src) => new Promise((resolve) => { const f = document.createElement('iframe'); f.src = src;"
          + " f.addEventListener('load', resolve); document.body.append(f); })", dialogUrl);
      other.page.waitForTimeout(500);
      for (Frame frame : other.page.frames()) {
        if (frame != other.page.mainFrame()) {
          assertFalse(frame.url().equals(dialogUrl) && frame.querySelector("#share") != null,
              "page B shows A's dialog: " + frame.url());
        }
      }
      assertTrue(console.stream().anyMatch(m -> m.contains("frame-ancestors")), console.toString());

      // The same frame in page A itself shows the dialog: the refusal is about who frames it.
      alice.eval("(src) => { const f = document.createElement('iframe'); f.title = 'Share by hand'; f.src = src;"
          + " document.body.append(f); }", dialogUrl);
      dialogFrame(alice.page).waitForSelector("#own-rights:has-text('You are an admin')");
    } finally {
      if (other != null) {
        other.close();
      }
      alice.close();
    }
  }
}

package io.weft.browser;

import static io.weft.browser.LivePermissionsTest.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Page;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "Invite in person" in the share dialog, as two people use it, clicking and typing only (the console
 * only sets the first permission list): alice makes a code in the dialog over her page; bob redeems it
 * on {@code /invite}; alice's dialog shows bob's name, the phrase bob's page shows, the PIN in halves and
 * a countdown; a wrong PIN shows the tries left on both screens, the right one lets bob in and both see
 * it. Then a guest turned away, the dialog reloaded while a guest waits, and a cancel bob hears live.
 * Screenshots of each state go to {@code target/screenshots/share-code-*}.
 */
class ShareCodeBrowserTest {
  private static final String CARD = "#in-person .code-card";

  @RegisterExtension
  static final BrowserRig RIG = new BrowserRig();

  @Test
  void aGuestRedeemsTheDialogsCodeMissesThePinOnceThenJoinsAndBothSeeIt() {
    String doc = "sharecode1";
    LivePage alice = LivePage.openAsAdmin(RIG.chromium(), RIG.server(), doc, "alice");
    Page bob = InviteDialogs.loggedIn(RIG.chromium(), RIG.server(), "bob", "/invite");
    try {
      Frame dialog = InviteDialogs.open(alice, "in-person");
      dialog.selectOption("#code-rights", "rw");
      dialog.click("#code-create");
      String code = dialog.waitForSelector(CARD + " .big-code").textContent();
      assertTrue(code.matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}"), code);
      assertEquals("copy-code", dialog.evaluate("document.activeElement.dataset.role"), "focus on the code's Copy");
      assertEquals(RIG.server().mainUrl("/invite?code=" + URLEncoder.encode(code, StandardCharsets.UTF_8)),
          dialog.getAttribute(CARD + " .redeem-address", "href"), "the redeem address to read out");
      assertTrue(dialog.textContent(CARD + " .outcome").contains("Waiting for someone to redeem the code"));
      alice.page.context().grantPermissions(List.of("clipboard-read", "clipboard-write"));
      dialog.click(CARD + " [data-role=copy-code]");
      dialog.waitForSelector("#status:text-is('Copied the code.')");
      assertEquals(code, alice.eval("navigator.clipboard.readText()"), "the code is on the clipboard");
      InviteDialogs.shoot(alice.page, dialog, "in-person", "share-code-created");

      // Bob types the code he was told on the redeem page.
      bob.waitForSelector("#redeem:not([disabled])");
      bob.click("#code");
      bob.keyboard().type(code);
      bob.keyboard().press("Enter");
      bob.waitForSelector("#pin-step:not([hidden])");
      dialog.waitForSelector(CARD + " .guest-name:text-is('bob')");
      assertEquals(bob.textContent("#phrase"), dialog.textContent(CARD + " .verification"), "the same phrase on both screens");
      assertEquals(2, dialog.querySelectorAll(CARD + " .pin-half").size());
      String pin = dialog.textContent(CARD + " [data-role=pin-0]") + dialog.textContent(CARD + " [data-role=pin-1]");
      assertTrue(pin.matches("[0-9]{6}"), pin);
      assertEquals("3 tries left.", dialog.textContent(CARD + " .attempts"));
      String count = dialog.textContent(CARD + " .countdown");
      assertTrue(count.matches("[23]:[0-5][0-9] left to enter the PIN"), count);
      dialog.waitForSelector(CARD + " .countdown:not(:text-is('" + count + "'))");
      assertTrue(dialog.textContent("#status").contains("bob redeemed the code"), dialog.textContent("#status"));
      InviteDialogs.shoot(alice.page, dialog, "in-person", "share-code-redeemed");
      dialog.click(CARD + " [data-role=pin-1]");
      dialog.waitForSelector("#status:text-is('Copied the PIN\\'s second half.')");
      assertEquals(pin.substring(3), alice.eval("navigator.clipboard.readText()"));

      bob.keyboard().type(String.format("%06d", (Integer.parseInt(pin) + 1) % 1_000_000));
      bob.keyboard().press("Enter");
      bob.waitForSelector("#problem:has-text('2 tries left')");
      dialog.waitForSelector(CARD + " .attempts:text-is('2 tries left.')");
      assertTrue(dialog.textContent(CARD + " .outcome").contains("bob entered a wrong PIN"));
      assertEquals(pin, dialog.textContent(CARD + " [data-role=pin-0]") + dialog.textContent(CARD + " [data-role=pin-1]"),
          "the PIN stays while it is live");
      InviteDialogs.shoot(alice.page, dialog, "in-person", "share-code-wrong-pin");

      bob.fill("#pin", pin);
      bob.click("#join");
      bob.waitForSelector("#done-step:not([hidden])");
      dialog.waitForSelector(CARD + "[data-state=success] .outcome:has-text('bob joined: they can edit this page now')");
      assertFalse(dialog.isVisible(CARD + " .pin-half"), "no PIN once it is used");
      assertFalse(dialog.isVisible(CARD + " [data-role=cancel]"), "nothing left to cancel");
      InviteDialogs.shoot(alice.page, dialog, "in-person", "share-code-success");
      bob.click("#open");
      bob.waitForURL(RIG.server().pageUrl(doc, "/" + doc + "/"));
      bob.waitForFunction("window.webstrate && webstrate.loaded");
      assertEquals("rw", bob.evaluate("webstrate.user.permissions"));
    } finally {
      bob.context().close();
      alice.close();
    }
  }

  @Test
  void aGuestTurnedAwayRedeemsAgainThenTheCancelReachesThemLiveAndTheListSurvivesAReload() {
    String doc = "sharecode2";
    LivePage alice = LivePage.openAsAdmin(RIG.chromium(), RIG.server(), doc, "alice");
    Page bob = InviteDialogs.loggedIn(RIG.chromium(), RIG.server(), "bob", "/invite");
    try {
      Frame dialog = InviteDialogs.open(alice, "in-person");
      dialog.selectOption("#code-rights", "rwa");
      dialog.click("#code-create");
      String code = dialog.waitForSelector(CARD + " .big-code").textContent();
      InviteDialogs.redeem(bob, code);
      dialog.waitForSelector(CARD + " .guest-name:text-is('bob')");
      String firstPin = dialog.textContent(CARD + " [data-role=pin-0]") + dialog.textContent(CARD + " [data-role=pin-1]");

      dialog.click(CARD + " [data-role=reject]");
      bob.waitForSelector("#problem:has-text('turned this request away')");
      dialog.waitForSelector(CARD + "[data-state=waiting] .outcome:has-text('You turned bob away')");
      assertFalse(dialog.isVisible(CARD + " .guest"), "no guest any more");
      InviteDialogs.shoot(alice.page, dialog, "in-person", "share-code-rejected");

      // Bob tries again; alice closes the dialog and opens it anew while bob's PIN step shows.
      bob.click("#again");
      bob.waitForSelector("#pin-step:not([hidden])");
      dialog.waitForSelector(CARD + " .guest-name:text-is('bob')");
      dialog.click("#close");
      alice.waitFor("!document.querySelector('iframe')");
      dialog = InviteDialogs.open(alice, "in-person");
      dialog.waitForSelector(CARD + "[data-state=ready_for_authentication] .guest-name:text-is('bob')");
      assertTrue(dialog.textContent(CARD).contains("The code was shown only when it was made"), "the code is not shown again");
      assertEquals(bob.textContent("#phrase"), dialog.textContent(CARD + " .verification"));
      String pin = dialog.textContent(CARD + " [data-role=pin-0]") + dialog.textContent(CARD + " [data-role=pin-1]");
      assertTrue(pin.matches("[0-9]{6}"), "the live PIN after a reload: " + pin);
      assertNotEquals(firstPin, pin, "a new PIN for the new try");
      assertTrue(dialog.textContent(CARD + " .countdown").endsWith("left to enter the PIN"));
      InviteDialogs.shoot(alice.page, dialog, "in-person", "share-code-reloaded");

      dialog.click(CARD + " [data-role=cancel]");
      bob.waitForSelector("#problem:has-text('cancelled')");
      assertFalse(bob.isVisible("#pin-step"), "bob's PIN step is gone");
      dialog.waitForSelector(CARD + "[data-state=cancelled] .outcome:has-text('Cancelled: the code no longer works')");
      assertFalse(dialog.isVisible(CARD + " .guest"));
      InviteDialogs.shoot(alice.page, dialog, "in-person", "share-code-cancelled");
      Screenshots.shoot(bob, "share-code-cancelled-guest");

      // An ended invitation leaves the list at the admin's word.
      dialog.click(CARD + " [data-role=remove]");
      dialog.waitForSelector("#status:text-is('Removed the invitation from the list.')");
      assertEquals(0, dialog.querySelectorAll(CARD).size());
    } finally {
      bob.context().close();
      alice.close();
    }
  }
}

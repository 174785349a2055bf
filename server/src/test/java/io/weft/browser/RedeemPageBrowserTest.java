package io.weft.browser;

import static io.weft.browser.Screenshots.shoot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The redeem page as a guest meets it, typing and clicking only: alice (through her page's console)
 * creates an interactive invitation and reads its code out; bob, logged out, opens {@code /invite?code=…},
 * signs up and comes back to the same code, sees who invites him where and the verification phrase,
 * types a wrong PIN, then the right one, and opens the page with his new rights. A second invitation,
 * cancelled by alice while bob's PIN step shows, is told to bob without a reload. Each state is saved
 * as a screenshot, desktop and phone width, under {@code target/screenshots/}.
 */
class RedeemPageBrowserTest {
  private static final String RECORD_STATES =
      "() => { window.__states = []; webstrate.user.invites.on('state', e => __states.push(e)); }";

  @RegisterExtension
  static final BrowserRig RIG = new BrowserRig();

  @Test
  void aGuestRedeemsACodeEntersAWrongThenTheRightPinAndOpensThePage() {
    String doc = "redeem1";
    LivePage alice = LivePage.openAsAdmin(RIG.chromium(), RIG.server(), doc, "alice");
    alice.eval(RECORD_STATES);
    Map<?, ?> created = (Map<?, ?>) alice.eval("webstrate.user.invites.createInteractive({permissions: 'rw'})");
    String code = (String) created.get("code");
    String back = "/invite?code=" + URLEncoder.encode(code, StandardCharsets.UTF_8);
    Page bob = RIG.chromium().newPage();
    try {
      bob.navigate(RIG.server().url(back));
      assertEquals(RIG.server().mainUrl(back), bob.url(), "redeemed on the main origin");
      shoot(bob, "redeem-logged-out");
      bob.click("#signup");
      bob.fill("#username", "bob");
      bob.fill("#email", "bob@example.org");
      bob.fill("#password", "bob-password-1");
      bob.click("button[type=submit]");
      bob.waitForURL(RIG.server().mainUrl(back));

      bob.waitForSelector("#pin-step:not([hidden])");
      alice.waitFor("() => __states.some(s => s.pin)");
      Map<?, ?> shown = (Map<?, ?>) alice.eval("__states.find(s => s.pin)");
      String pin = (String) shown.get("pin");
      assertTrue(bob.textContent("#offer").contains("alice"), bob.textContent("#offer"));
      assertTrue(bob.textContent("#offer").contains(doc));
      assertTrue(bob.textContent("#offer").contains("view and edit"));
      assertEquals(shown.get("verification"), bob.textContent("#phrase"), "the same phrase on both screens");
      assertEquals("pin", bob.evaluate("document.activeElement.id"), "focus moved to the PIN");
      assertEquals("3 tries left.", bob.textContent("#attempts"));
      assertFalse(bob.isVisible("#code-step"), "one step at a time");
      shoot(bob, "redeem-pin");

      bob.keyboard().type(String.format("%06d", (Integer.parseInt(pin) + 1) % 1_000_000));
      bob.keyboard().press("Enter");
      // Waiting by selector, not by a function: the page's policy allows no eval, not even Playwright's.
      bob.waitForSelector("#problem:has-text('2 tries left')");
      assertTrue(bob.textContent("#problem").contains("not right"));
      shoot(bob, "redeem-wrong-pin");

      bob.fill("#pin", pin);
      bob.click("#join");
      bob.waitForSelector("#done-step:not([hidden])");
      assertEquals("open", bob.evaluate("document.activeElement.id"));
      shoot(bob, "redeem-success");
      bob.click("#open");
      bob.waitForURL(RIG.server().pageUrl(doc, "/" + doc + "/"));
      bob.waitForFunction("window.webstrate && webstrate.loaded");
      assertEquals("rw", bob.evaluate("webstrate.user.permissions"));

      // A second invitation, cancelled by alice while bob's PIN step shows: told to bob live.
      Map<?, ?> other = (Map<?, ?>) alice.eval("webstrate.user.invites.createInteractive({permissions: 'rwa'})");
      bob.navigate(RIG.server().mainUrl("/invite"));
      bob.waitForSelector("#redeem:not([disabled])");
      bob.click("#code");
      bob.keyboard().type((String) other.get("code"));
      bob.click("#redeem");
      bob.waitForSelector("#pin-step:not([hidden])");
      assertTrue(bob.textContent("#offer").contains("manage who has access"));
      alice.eval("(id) => webstrate.user.invites.cancel(id)", other.get("id"));
      bob.waitForSelector("#problem:has-text('cancelled')");
      assertFalse(bob.isVisible("#pin-step"), "the PIN step is gone");
      assertFalse(bob.isVisible("#again"), "a cancelled invitation cannot be redeemed again");
      assertTrue(bob.isVisible("#code"));
      shoot(bob, "redeem-cancelled");
    } finally {
      bob.context().close();
      alice.close();
    }
  }
}

package io.weft.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The redeem page's PIN step counts down to the PIN's timeout (invites.pinTimeoutSeconds, 13 s here),
 * once a second on screen, while the polite status region says the time left only at set moments (10
 * seconds left here), not every second.
 */
class RedeemCountdownBrowserTest {
  @RegisterExtension
  static final BrowserRig RIG = new BrowserRig(Map.of("invites.pinTimeoutSeconds", "13"));

  @Test
  void thePinStepCountsDownAndSaysTheTimeLeftAtSetMomentsOnly() {
    LivePage alice = LivePage.openAsAdmin(RIG.chromium(), RIG.server(), "redeem3", "alice");
    Map<?, ?> created = (Map<?, ?>) alice.eval("webstrate.user.invites.createInteractive({permissions: 'r'})");
    Page bob = InviteDialogs.loggedIn(RIG.chromium(), RIG.server(), "bob", "/invite");
    try {
      InviteDialogs.redeem(bob, (String) created.get("code"));
      String first = bob.textContent("#time-left");
      assertTrue(first.matches("0:1[0-3] left to enter the PIN"), first);
      String told = bob.textContent("#status");
      assertTrue(told.contains("within 1"), "the time is said once, with the PIN step: " + told);
      bob.waitForTimeout(1500);
      String later = bob.textContent("#time-left");
      assertNotEquals(first, later, "the countdown moves each second");
      assertEquals(told, bob.textContent("#status"), "the status region is not told every second");
      bob.waitForSelector("#status:has-text('10 seconds left to enter the PIN.')");
      assertEquals("pin", bob.evaluate("document.activeElement.id"), "telling the time moves no focus");
      bob.setViewportSize(375, 740);
      bob.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "redeem-countdown-375.png")));
      bob.waitForSelector("#problem:has-text('ran out')");
    } finally {
      bob.context().close();
      alice.close();
    }
  }
}

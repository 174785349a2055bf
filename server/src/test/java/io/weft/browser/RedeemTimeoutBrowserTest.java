package io.weft.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A PIN not entered in time (invites.pinTimeoutSeconds, 4 s here) on the redeem page: the guest is told
 * without a reload, and "Redeem the code again" brings a new PIN step.
 */
class RedeemTimeoutBrowserTest {
  @RegisterExtension
  static final BrowserRig RIG = new BrowserRig(Map.of("invites.pinTimeoutSeconds", "4"));

  @Test
  void aTimedOutPinStepIsToldLiveAndTheCodeCanBeRedeemedAgain() {
    String doc = "redeem2";
    LivePage alice = LivePage.openAsAdmin(RIG.chromium(), RIG.server(), doc, "alice");
    Map<?, ?> created = (Map<?, ?>) alice.eval("webstrate.user.invites.createInteractive({permissions: 'r'})");
    Page bob = InviteDialogs.loggedIn(RIG.chromium(), RIG.server(), "bob", "/invite");
    try {
      InviteDialogs.redeem(bob, (String) created.get("code"));
      assertTrue(bob.textContent("#offer").contains("able to view."), bob.textContent("#offer"));

      bob.waitForSelector("#problem:has-text('ran out')");
      assertFalse(bob.isVisible("#pin-step"));
      assertEquals("again", bob.evaluate("document.activeElement.id"), "focus on the way on");
      bob.keyboard().press("Enter");
      bob.waitForSelector("#pin-step:not([hidden])");
      assertFalse(bob.isVisible("#again"));
      assertEquals("", bob.textContent("#problem"));
    } finally {
      bob.context().close();
      alice.close();
    }
  }
}

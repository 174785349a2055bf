package io.weft.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An interactive invitation as two people at two browsers meet it, through the console API only:
 * alice, admin of her page, creates one and reads the code out; bob, on a page of his own, redeems it;
 * alice's page shows her the PIN and bob's does not; bob types one wrong PIN, then the right one.
 */
class InteractiveInviteBrowserTest {
  /** Records every 'state' event the page hears, as a sharing UI would, in window.__states. */
  private static final String RECORD_STATES =
      "() => { window.__states = []; webstrate.user.invites.on('state', e => __states.push(e)); }";
  /** Turns a promise into ['ok', value] or ['error', message, code, attemptsLeft]. */
  private static final String SETTLE = "(expr) => (0, eval)(expr).then(v => ['ok', v],"
      + " e => ['error', e.message, e.code ?? null, e.attemptsLeft ?? null])";

  @RegisterExtension
  static final BrowserRig RIG = new BrowserRig();

  @Test
  void twoPeopleAtTwoBrowsersCompleteTheFlowThroughTheConsole() {
    String doc = "interactive1";
    LivePage alice = LivePage.openAsAdmin(RIG.chromium(), RIG.server(), doc, "alice");
    LivePage bob = LivePage.openAs(RIG.chromium(), RIG.server(), "bobs-desk", "bob");
    try {
      alice.eval(RECORD_STATES);
      bob.eval(RECORD_STATES);
      Map<?, ?> created = (Map<?, ?>) alice.eval("webstrate.user.invites.createInteractive({permissions: 'rw'})");
      assertEquals("waiting", created.get("state"));
      String id = (String) created.get("id");

      Map<?, ?> redeemed = (Map<?, ?>) bob.eval("(code) => webstrate.user.invites.redeem(code)", created.get("code"));
      assertEquals(doc, redeemed.get("webstrateId"));
      assertEquals("rw", redeemed.get("permissions"));
      assertEquals("alice", ((Map<?, ?>) redeemed.get("inviter")).get("username"));
      assertEquals(3, ((Number) redeemed.get("attemptsLeft")).intValue());

      alice.waitFor("() => __states.some(s => s.pin)");
      Map<?, ?> shown = (Map<?, ?>) alice.eval("__states.find(s => s.pin)");
      String pin = (String) shown.get("pin");
      assertEquals(redeemed.get("verification"), shown.get("verification"), "the same phrase on both screens");
      assertEquals("bob", ((Map<?, ?>) shown.get("guest")).get("username"));

      String wrong = String.format("%06d", (Integer.parseInt(pin) + 1) % 1_000_000);
      List<?> refused = (List<?>) bob.eval(SETTLE, "webstrate.user.invites.authenticate('" + id + "', '" + wrong + "')");
      assertEquals(List.of("error", "Wrong PIN", "INVITATION_WRONG_PIN", 2), refused);
      alice.waitFor("() => __states.some(s => s.attemptsLeft === 2)");

      Map<?, ?> in = (Map<?, ?>) bob.eval("([id, pin]) => webstrate.user.invites.authenticate(id, pin)", List.of(id, pin));
      assertEquals("success", in.get("state"));
      assertEquals("rw", in.get("permissions"));
      alice.waitFor("() => __states.some(s => s.state === 'success')");
      bob.waitFor("() => __states.some(s => s.state === 'success')");
      assertFalse((Boolean) bob.eval("JSON.stringify(__states).includes(" + "'" + pin + "')"), "bob's page never had the PIN");
      alice.waitFor("() => (document.documentElement.getAttribute('data-auth') || '').includes('bob')");

      List<?> listed = (List<?>) alice.eval("webstrate.user.invites.get()");
      Map<?, ?> it = (Map<?, ?>) listed.stream().filter(i -> id.equals(((Map<?, ?>) i).get("id"))).findFirst().orElseThrow();
      assertEquals("interactive", it.get("kind"));
      assertEquals("success", it.get("state"));

      Map<?, ?> other = (Map<?, ?>) alice.eval("webstrate.user.invites.createInteractive({permissions: 'r'})");
      Map<?, ?> cancelled = (Map<?, ?>) alice.eval("(id) => webstrate.user.invites.cancel(id)", other.get("id"));
      assertEquals("cancelled", cancelled.get("state"));
      List<?> late = (List<?>) bob.eval(SETTLE, "webstrate.user.invites.redeem('" + other.get("code") + "')");
      assertEquals("INVITE_REMOVED", late.get(2));
      assertTrue(((List<?>) alice.eval("webstrate.user.invites.get()")).size() >= 2);
    } finally {
      bob.close();
      alice.close();
    }
  }
}

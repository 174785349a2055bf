package io.weft.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.microsoft.playwright.Page;
import io.weft.invite.email.EmailInviteRig;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * An email invitation as people meet it: sent from the inviter's console, the mail's link opened in
 * another browser that is logged out, sign-up with the invited address filled in, back to the
 * invitation, Accept; the rights are merged and the inviter's page hears each change live.
 */
@Execution(ExecutionMode.SAME_THREAD)
class EmailInviteBrowserTest {
  private static final int SMTP_PORT = EmailInviteRig.freePort();
  /** Turns a promise into ["ok", value] or ["error", message, code]. */
  private static final String SETTLE = "(expr) => (0, eval)(expr).then(v => ['ok', v],"
      + " e => ['error', e instanceof Error ? e.message : 'not an Error: ' + e, e?.code ?? null])";

  @RegisterExtension
  @Order(1)
  static final GreenMailExtension smtp = EmailInviteRig.greenMail(SMTP_PORT);

  @RegisterExtension
  @Order(2)
  static final BrowserRig RIG = new BrowserRig(EmailInviteRig.mailSettings(SMTP_PORT));

  @Test
  void aLoggedOutRecipientSignsUpWithTheAddressFilledInComesBackAndAccepts() {
    String doc = "emailinvite1";
    LivePage alice = LivePage.openAsAdmin(RIG.chromium(), RIG.server(), doc, "alice");
    alice.eval("() => { window.__status = []; webstrate.user.invites.on('status', e => __status.push(e)); }");
    Map<?, ?> sent = (Map<?, ?>) alice.eval(
        "webstrate.user.invites.email({emails: ['Vera@Example.org'], permissions: 'rw', message: 'Join us'})");
    assertEquals(List.of(), sent.get("errors"));
    Map<?, ?> record = (Map<?, ?>) ((List<?>) sent.get("success")).get(0);
    String id = (String) record.get("id");
    assertEquals("vera@example.org", record.get("email"));

    String text = EmailInviteRig.textAndHtml(EmailInviteRig.mailTo(smtp, "vera@example.org", doc))[0];
    Matcher link = Pattern.compile("http://\\S+/" + doc + "/\\?invitation=([A-Za-z0-9_-]+)").matcher(text);
    assertTrue(link.find(), text);
    Page guest = RIG.chromium().newPage();
    try {
      guest.navigate(link.group());
      assertEquals(RIG.server().mainUrl("/" + doc + "/?emailInvitation"), guest.url(), "the token left the address bar");
      assertTrue(guest.content().contains("Join us"));
      guest.click("#signup");
      guest.waitForURL(url -> url.contains("/auth/local/signup"));
      assertEquals("vera@example.org", guest.inputValue("#email"), "the invited address is filled in");
      guest.fill("#username", "vera");
      guest.fill("#password", "vera-password-1");
      guest.click("button[type=submit]");
      guest.waitForURL(RIG.server().mainUrl("/" + doc + "/?emailInvitation"));
      assertFalse(guest.content().contains("Accept as"), "her own address: a plain Accept");
      guest.click("#accept");
      guest.waitForURL(RIG.server().pageUrl(doc, "/" + doc + "/"));
      guest.waitForFunction("window.webstrate && webstrate.loaded");
      assertEquals("vera:local", guest.evaluate("webstrate.user.userId"));
      assertEquals("rw", guest.evaluate("webstrate.user.permissions"));
    } finally {
      guest.context().close();
    }

    alice.waitFor("__status.some(e => e.id === '" + id + "' && e.status === 'accepted')");
    Map<?, ?> event = (Map<?, ?>) alice.eval("__status.find(e => e.status === 'accepted')");
    assertEquals(doc, event.get("webstrateId"));
    assertEquals("vera@example.org", event.get("email"));
    Map<?, ?> listed = (Map<?, ?>) alice.eval("webstrate.user.invites.emails({status: 'accepted'})");
    assertEquals(1, ((Map<?, ?>) listed.get("counts")).get("accepted"));
    List<?> refused = (List<?>) alice.eval(SETTLE, "webstrate.user.invites.resend('" + id + "')");
    assertEquals("error", refused.get(0));
    assertEquals("INVITATION_NOT_PENDING", refused.get(2));
    // A callback works as well as the promise.
    alice.eval("() => new Promise(done => webstrate.user.invites.cancel('" + id + "', (err) => { window.__err = err.code; done(); }))");
    assertEquals("INVITATION_NOT_PENDING", alice.eval("window.__err"));
    alice.close();
  }
}

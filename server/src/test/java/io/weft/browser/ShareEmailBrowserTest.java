package io.weft.browser;

import static io.weft.browser.LivePermissionsTest.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Page;
import io.weft.invite.email.EmailInviteRig;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * "Invite by email" in the share dialog, as people use it, clicking and typing only (the console only
 * sets the first permission list): a bad address is pointed out before anything is sent; alice sends
 * three invitations; bob reads his mail, signs up from its link and accepts, and alice's table says so
 * live; she cancels carol's (carol's link then says so) and sends dave's again (the new link works, the
 * old one not). Screenshots of each state go to {@code target/screenshots/share-email-*}.
 */
@Execution(ExecutionMode.SAME_THREAD)
class ShareEmailBrowserTest {
  private static final int SMTP_PORT = EmailInviteRig.freePort();
  private static final String TABLE = "#email-invitations";

  @RegisterExtension
  @Order(1)
  static final GreenMailExtension smtp = EmailInviteRig.greenMail(SMTP_PORT);

  @RegisterExtension
  @Order(2)
  static final BrowserRig RIG = new BrowserRig(EmailInviteRig.mailSettings(SMTP_PORT));

  @Test
  void invitationsSentFromTheDialogAreAcceptedCanceledAndSentAgainWithTheTableFollowingLive() {
    String doc = "shareemail1";
    LivePage alice = LivePage.openAsAdmin(RIG.chromium(), RIG.server(), doc, "alice");
    try {
      Frame dialog = InviteDialogs.open(alice, "emails");
      dialog.waitForSelector("#email-none:not([hidden])");

      // A bad address is pointed out as it is typed, and nothing is sent while it is there.
      dialog.click("#email-addresses");
      alice.page.keyboard().type("bob@example.org, bob-at-example.org ");
      dialog.waitForSelector("#email-check.error:has-text('Not an email address: bob-at-example.org')");
      assertEquals("true", dialog.getAttribute("#email-addresses", "aria-invalid"));
      dialog.click("#email-send");
      dialog.waitForSelector("#problem:has-text('Nothing was sent')");
      assertEquals("email-addresses", dialog.evaluate("document.activeElement.id"), "back to the field to mend it");
      assertTrue(dialog.isVisible("#email-none"), "nothing was sent");
      InviteDialogs.shoot(alice.page, dialog, "emails", "share-email-invalid");

      dialog.fill("#email-addresses", "");
      alice.page.keyboard().type("bob@example.org carol@example.org,Dave@Example.org");
      dialog.waitForSelector("#email-check:text-is('3 addresses to invite.')");
      dialog.selectOption("#email-rights", "rw");
      dialog.click("#email-message");
      alice.page.keyboard().type("Join us");
      assertEquals("7 of 1000 characters", dialog.textContent("#email-message-count"));
      dialog.click("#email-send");
      dialog.waitForSelector("#email-results li:nth-child(3)");
      assertEquals(List.of("Sent to bob@example.org.", "Sent to carol@example.org.", "Sent to dave@example.org."),
          dialog.locator("#email-results li").allTextContents());
      assertEquals("email-results", dialog.evaluate("document.activeElement.id"), "focus on what became of each");
      assertEquals(3, dialog.querySelectorAll(TABLE + " tbody tr").size());
      for (String who : List.of("bob", "carol", "dave")) {
        assertTrue(dialog.textContent(row(who) + " .status").startsWith("Pending"), who);
        assertEquals("can edit", dialog.textContent(row(who) + " td:nth-child(2)"));
      }
      dialog.waitForSelector(row("dave") + " .status:has-text('mail sent')");
      InviteDialogs.shoot(alice.page, dialog, "emails", "share-email-sent");

      // Bob reads his mail, opens its link logged out, signs up with the address filled in and accepts.
      Page bob = RIG.chromium().newPage();
      try {
        bob.navigate(link(mailsTo("bob@example.org", doc, 1).get(0), doc));
        assertTrue(bob.content().contains("Join us"));
        bob.click("#signup");
        assertEquals("bob@example.org", bob.inputValue("#email"), "the invited address is filled in");
        bob.fill("#username", "bob");
        bob.fill("#password", "bob-password-1");
        bob.click("button[type=submit]");
        bob.waitForURL(RIG.server().mainUrl("/" + doc + "/?emailInvitation"));
        bob.click("#accept");
        bob.waitForURL(RIG.server().pageUrl(doc, "/" + doc + "/"));
        bob.waitForFunction("window.webstrate && webstrate.loaded");
        assertEquals("rw", bob.evaluate("webstrate.user.permissions"));
      } finally {
        bob.context().close();
      }
      dialog.waitForSelector(row("bob") + " .status:has-text('Accepted')");
      assertTrue(dialog.textContent(row("bob") + " .status").contains("by bob"));
      assertEquals(0, dialog.querySelectorAll(row("bob") + " button").size(), "nothing to resend or cancel");
      InviteDialogs.shoot(alice.page, dialog, "emails", "share-email-accepted");

      // Carol's is canceled from the table: her link says so.
      String carolsLink = link(mailsTo("carol@example.org", doc, 1).get(0), doc);
      dialog.click(row("carol") + " button:has-text('Cancel')");
      dialog.waitForSelector(row("carol") + " .status:has-text('Canceled')");
      dialog.waitForSelector("#status:has-text('Canceled the invitation to carol@example.org')");
      assertFalse(dialog.isVisible(row("carol") + " button:has-text('Cancel')"));
      assertFalse(dialog.isVisible(row("carol") + " button:has-text('Resend')"), "a canceled one is not sent again");
      InviteDialogs.shoot(alice.page, dialog, "emails", "share-email-canceled");
      assertEquals("This invitation was canceled.", whyLinkFails(carolsLink));

      // Dave's is sent again: the new mail's link works, the first one no longer.
      String davesFirst = link(mailsTo("dave@example.org", doc, 1).get(0), doc);
      dialog.click(row("dave") + " button:has-text('Resend')");
      dialog.waitForSelector("#status:has-text('Sent the invitation to dave@example.org again')");
      String davesSecond = link(mailsTo("dave@example.org", doc, 2).get(1), doc);
      assertEquals("Invalid invitation key.", whyLinkFails(davesFirst));
      Page dave = RIG.chromium().newPage();
      try {
        dave.navigate(davesSecond);
        assertTrue(dave.textContent("body").contains("invites dave@example.org"), dave.textContent("body"));
        dave.click("#decline");
        dave.waitForSelector("text=You declined the invitation");
      } finally {
        dave.context().close();
      }
      dialog.waitForSelector(row("dave") + " .status:has-text('Declined')");
      InviteDialogs.shoot(alice.page, dialog, "emails", "share-email-declined");
    } finally {
      alice.close();
    }
  }

  /** The table row of {@code who}'s invitation. */
  private static String row(String who) {
    return TABLE + " tr:has(td.address:text-is('" + who + "@example.org'))";
  }

  /** Opens {@code link} in a browser of its own; what the page says is wrong. */
  private static String whyLinkFails(String link) {
    Page page = RIG.chromium().newPage();
    try {
      page.navigate(link);
      return page.textContent("#why");
    } finally {
      page.context().close();
    }
  }

  /** Waits for {@code count} mails to {@code to} about {@code doc}; all of them, oldest first. */
  private static List<MimeMessage> mailsTo(String to, String doc, int count) {
    long deadline = System.currentTimeMillis() + 15_000;
    List<MimeMessage> found = new ArrayList<>();
    while (System.currentTimeMillis() < deadline) {
      found.clear();
      for (MimeMessage mail : smtp.getReceivedMessages()) {
        try {
          if (mail.getAllRecipients()[0].toString().equals(to) && EmailInviteRig.textAndHtml(mail)[0].contains("/" + doc + "/")) {
            found.add(mail);
          }
        } catch (jakarta.mail.MessagingException e) {
          throw new IllegalStateException(e);
        }
      }
      if (found.size() >= count) {
        return found;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError(count + " mails to " + to + " about " + doc + " did not come; " + found.size() + " did");
  }

  /** The invitation link in {@code mail}'s text. */
  private static String link(MimeMessage mail, String doc) {
    String text = EmailInviteRig.textAndHtml(mail)[0];
    Matcher link = Pattern.compile("http://\\S+/" + doc + "/\\?invitation=[A-Za-z0-9_-]+").matcher(text);
    assertTrue(link.find(), text);
    return link.group();
  }
}

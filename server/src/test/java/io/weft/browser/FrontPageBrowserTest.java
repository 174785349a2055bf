package io.weft.browser;

import static io.weft.browser.LivePermissionsTest.list;
import static io.weft.browser.Screenshots.shoot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.weft.invite.email.EmailInviteRig;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The front page as people meet it, clicking and typing only: the bare address ends on it, made from
 * its template on first open; New page makes and opens a page (its creator its admin); a person signs
 * up from it, confirms their address, and accepts one email invitation and declines another from its
 * account panel; a page of another origin cannot make pages; too many new pages are refused. Each state
 * is saved as a screenshot, desktop and phone width, under {@code target/screenshots/front-*}.
 */
@Execution(ExecutionMode.SAME_THREAD)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FrontPageBrowserTest {
  private static final int SMTP_PORT = EmailInviteRig.freePort();
  private static final int NEW_PAGES = 4;
  /** Where New page ends: a page with a random 12-character id, on its own origin. */
  private static final String NEW_PAGE_URL = "http://[a-z2-9]{12}\\.weft\\.localhost:\\d+/[a-z2-9]{12}/";

  @RegisterExtension
  @Order(1)
  static final GreenMailExtension smtp = EmailInviteRig.greenMail(SMTP_PORT);

  @RegisterExtension
  @Order(2)
  static final BrowserRig RIG = new BrowserRig(EmailInviteRig.mailSettings(SMTP_PORT,
      "pages.newPagesPerAddress", String.valueOf(NEW_PAGES)));

  @Test
  @Order(1)
  void theBareAddressOpensTheFrontPageMadeFromItsTemplateAndNewPageOpensANewPage() {
    Page visitor = RIG.chromium().newPage();
    try {
      visitor.navigate(RIG.server().url("/"));
      visitor.waitForURL(RIG.server().pageUrl("frontpage", "/frontpage/"));
      visitor.waitForFunction("window.webstrate && webstrate.loaded");
      assertEquals("Web pages you make together, live", visitor.textContent("h1"));
      assertEquals("Redeem it", visitor.textContent("#redeem-link"));
      FrameLocator panel = visitor.frameLocator("iframe.home-frame");
      panel.locator("#login").waitFor();
      assertEquals("New page", panel.locator("#new").textContent());
      assertEquals("{\"version\":1}", RIG.server().get("/frontpage/?v").body().trim(), "made once, and not edited by showing it");
      shoot(visitor, "front-logged-out");

      panel.locator("#new").click();
      visitor.waitForURL(url -> url.matches(NEW_PAGE_URL));
      visitor.waitForFunction("window.webstrate && webstrate.loaded");
      String id = (String) visitor.evaluate("webstrate.webstrateId");
      assertTrue(visitor.url().endsWith("/" + id + "/"), visitor.url());
      assertEquals(id, visitor.title());
      shoot(visitor, "front-new-page-anonymous");

      visitor.navigate(RIG.server().pageUrl("frontpage", "/frontpage/"));
      visitor.click("#redeem-link");
      visitor.waitForURL(RIG.server().mainUrl("/invite"));
    } finally {
      visitor.context().close();
    }
  }

  @Test
  @Order(2)
  void aPersonSignsUpConfirmsTheirAddressAndAcceptsOneInvitationAndDeclinesAnother() {
    // alice invites fay@example.org to two pages, each from its own page's console (where she acts as herself).
    LivePage alice = LivePage.openAsAdmin(RIG.chromium(), RIG.server(), "frontinv1", "alice");
    sendInvitation(alice, "rw", "Come and edit");
    alice.page.navigate(RIG.server().url("/frontinv2/"));
    alice.waitFor("window.webstrate && webstrate.loaded && webstrate.webstrateId === 'frontinv2'");
    alice.eval("(list) => document.documentElement.setAttribute('data-auth', list)", list("alice", "rwa"));
    alice.saved();
    sendInvitation(alice, "r", "");
    Page fay = RIG.chromium().newPage();
    try {
      fay.navigate(RIG.server().url("/"));
      fay.waitForURL(RIG.server().pageUrl("frontpage", "/frontpage/"));
      FrameLocator panel = fay.frameLocator("iframe.home-frame");
      panel.locator("#signup").click();
      fay.waitForURL(url -> url.contains("/auth/local/signup"));
      fay.fill("#username", "fay");
      fay.fill("#email", "fay@example.org");
      fay.fill("#password", "fay-password-1");
      fay.click("button[type=submit]");
      fay.waitForURL(RIG.server().pageUrl("frontpage", "/frontpage/"));
      panel.locator("#me").waitFor();
      assertEquals("fay", panel.locator("#me").textContent());
      panel.locator("#verify-step:not([hidden])").waitFor();
      assertTrue(panel.locator("#verify-text").textContent().contains("fay@example.org"));
      shoot(fay, "front-logged-in-unverified");

      panel.locator("#verify").click();
      panel.locator("#status:has-text('We sent a link')").waitFor();
      String text = EmailInviteRig.textAndHtml(EmailInviteRig.mailTo(smtp, "fay@example.org", "frontpage"))[0];
      Matcher link = Pattern.compile("http://\\S+/frontpage/\\?verifyEmail=[A-Za-z0-9_-]+").matcher(text);
      assertTrue(link.find(), text);
      fay.navigate(link.group());
      fay.click("#confirm");
      fay.waitForSelector("text=is verified");
      shoot(fay, "front-address-verified");

      fay.click(".brand a");
      fay.waitForURL(RIG.server().pageUrl("frontpage", "/frontpage/"));
      panel.locator(".invitations li").nth(1).waitFor();
      assertEquals(2, panel.locator(".invitations li").count());
      assertTrue(panel.locator(".invitations").textContent().contains("Come and edit"));
      shoot(fay, "front-invitations");

      panel.locator("button[aria-label='Accept the invitation to “frontinv1”']").click();
      panel.locator("#status:has-text('You accepted the invitation to “frontinv1”')").waitFor();
      panel.locator("button[aria-label='Decline the invitation to “frontinv2”']").click();
      panel.locator("#status:has-text('You declined the invitation to “frontinv2”')").waitFor();
      assertEquals(1, panel.locator(".invitations li").count(), "the declined one is gone");
      shoot(fay, "front-invitation-answered");

      // A new invitation shows up while the panel is open: the server tells it, nothing polls.
      alice.page.navigate(RIG.server().url("/frontinv3/"));
      alice.waitFor("window.webstrate && webstrate.loaded && webstrate.webstrateId === 'frontinv3'");
      alice.eval("(list) => document.documentElement.setAttribute('data-auth', list)", list("alice", "rwa"));
      alice.saved();
      sendInvitation(alice, "r", "");
      panel.locator(".invitations li:has-text('frontinv3')").waitFor();
      panel.locator("button[aria-label='Decline the invitation to “frontinv3”']").click();
      panel.locator("#status:has-text('You declined the invitation to “frontinv3”')").waitFor();

      panel.locator("a:has-text('Open “frontinv1”')").click();
      fay.waitForURL(RIG.server().pageUrl("frontinv1", "/frontinv1/"));
      fay.waitForFunction("window.webstrate && webstrate.loaded");
      assertEquals("rw", fay.evaluate("webstrate.user.permissions"));
      fay.navigate(RIG.server().url("/frontinv2/"));
      fay.waitForSelector("text=You need read permission");

      // New page, logged in: fay is the new page's admin.
      fay.navigate(RIG.server().url("/"));
      fay.waitForURL(RIG.server().pageUrl("frontpage", "/frontpage/"));
      panel.locator("#none:not([hidden])").waitFor();
      panel.locator("#new").click();
      fay.waitForURL(url -> url.matches(NEW_PAGE_URL));
      fay.waitForFunction("window.webstrate && webstrate.loaded");
      assertEquals("rwa", fay.evaluate("webstrate.user.permissions"));
      assertTrue(((String) fay.evaluate("document.documentElement.getAttribute('data-auth')")).contains("\"fay\""));
      shoot(fay, "front-new-page-admin");

      fay.navigate(RIG.server().url("/"));
      fay.waitForURL(RIG.server().pageUrl("frontpage", "/frontpage/"));
      panel.locator("#logout").click();
      fay.waitForURL(RIG.server().pageUrl("frontpage", "/frontpage/"));
      panel.locator("#login").waitFor();
    } finally {
      fay.context().close();
      alice.close();
    }
  }

  @Test
  @Order(3)
  void aPageOfAnotherOriginCannotMakePagesAndTooManyNewPagesAreRefused() {
    LivePage evil = LivePage.open(RIG.chromium(), RIG.server(), "frontevil");
    try {
      // The page's own script puts a New page form in it, aimed at the main origin, and a person clicks it.
      evil.eval("(action) => { const f = document.createElement('form'); f.method = 'post'; f.action = action;"
          + " f.innerHTML = '<button id=\"sneaky\">Make a page</button>'; document.body.append(f); }",
          RIG.server().mainUrl("/~new-page"));
      Response refused = evil.page.waitForNavigation(() -> evil.page.click("#sneaky"));
      assertEquals(403, refused.status());
      assertTrue(evil.page.textContent("main").contains("ERR_CROSS_SITE"));
      shoot(evil.page, "front-new-page-cross-site");

      Page visitor = evil.page.context().newPage();
      int status = 0;
      for (int i = 0; i <= NEW_PAGES && status != 429; i++) {
        visitor.navigate(RIG.server().url("/"));
        visitor.waitForURL(RIG.server().pageUrl("frontpage", "/frontpage/"));
        FrameLocator panel = visitor.frameLocator("iframe.home-frame");
        Response answer = visitor.waitForNavigation(() -> panel.locator("#new").click());
        status = answer.status();
        if (status != 429) {
          // Made: the main origin's answer moves on to the new page's origin; let it get there first.
          visitor.waitForURL(url -> url.matches(NEW_PAGE_URL));
        }
      }
      assertEquals(429, status, "refused at the limit");
      assertTrue(visitor.textContent("main").contains("Too many new pages"));
      shoot(visitor, "front-new-page-limited");
    } finally {
      evil.close();
    }
  }

  private static void sendInvitation(LivePage alice, String rights, String message) {
    Map<?, ?> sent = (Map<?, ?>) alice.eval("([rights, message]) => webstrate.user.invites.email("
        + "{emails: ['fay@example.org'], permissions: rights, message})", List.of(rights, message));
    assertEquals(List.of(), sent.get("errors"));
  }
}

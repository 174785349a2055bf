package io.weft.invite.email;

import static io.weft.invite.email.EmailInviteRig.answer;
import static io.weft.invite.email.EmailInviteRig.invitationPage;
import static io.weft.invite.email.EmailInviteRig.mailTo;
import static io.weft.invite.email.EmailInviteRig.openLink;
import static io.weft.invite.email.EmailInviteRig.page;
import static io.weft.invite.email.EmailInviteRig.rights;
import static io.weft.invite.email.EmailInviteRig.textAndHtml;
import static io.weft.invite.email.EmailInviteRig.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.weft.testing.ServerRig;
import io.weft.testing.TestServer;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** Email invitations end to end over a real SMTP server (GreenMail): the mail, the link, and every answer. */
@Execution(ExecutionMode.SAME_THREAD)
class EmailInviteMailTest {
  private static final int SMTP_PORT = EmailInviteRig.freePort();

  @RegisterExtension
  @Order(1)
  static final GreenMailExtension smtp = EmailInviteRig.greenMail(SMTP_PORT);

  @RegisterExtension
  @Order(2)
  static final ServerRig server = new ServerRig(EmailInviteRig.mailSettings(SMTP_PORT, "mail.retrySeconds", "1",
      "invites.emailsPerHour", "1000", "invites.emailsPerAddressPerDay", "1000", "pages.domain", "127.0.0.1"));

  private static TestServer.Login alice;
  private static Console inviter;

  @BeforeAll
  static void logIn() {
    alice = server.login("alice");
    inviter = Console.of(server, alice);
  }

  @AfterAll
  static void closeConsole() {
    inviter.close();
  }

  private static String page(String title) {
    return EmailInviteRig.page(server, alice, title);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> listed(String doc, String id) {
    Map<String, Object> reply = inviter.ok("getEmailInvites", doc, Map.of());
    return ((List<Map<String, Object>>) reply.get("invitations")).stream().filter(i -> id.equals(i.get("id")))
        .findFirst().orElseThrow();
  }

  private static String linkToken(String email, String doc) {
    return token(textAndHtml(mailTo(smtp, email, doc))[0], doc);
  }

  @Test
  void theMailNamesInviterAndPageAndCarriesLinkRightsAndExpiryWithEveryUserFieldEscaped() throws Exception {
    String doc = page("<b>Plans & \"Co\"</b>");
    String message = "<script>alert(1)</script>\nSee you there";
    Map<String, Object> reply = inviter.ok("emailInvite", doc, Map.of("emails", List.of("Dora@Example.ORG"),
        "permissions", "rw", "maxAge", 3600, "message", message));
    @SuppressWarnings("unchecked")
    Map<String, Object> record = ((List<Map<String, Object>>) reply.get("success")).get(0);
    assertEquals("dora@example.org", record.get("email"));
    assertEquals("pending", record.get("status"));
    assertEquals("rw", record.get("permissions"));
    assertEquals(List.of(), reply.get("errors"));

    MimeMessage mail = mailTo(smtp, "dora@example.org", doc);
    assertEquals("alice invites you to \u201c<b>Plans & \"Co\"</b>\u201d", mail.getSubject());
    String[] parts = textAndHtml(mail);
    String text = parts[0];
    String html = parts[1];
    String token = token(text, doc);
    assertTrue(text.contains(server.url("/" + doc + "/?invitation=" + token)), text);
    assertEquals(43, token.length(), "256 bits, base64url");
    assertTrue(text.contains("read, write") && html.contains("read, write"), text);
    String expiry = java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.ENGLISH)
        .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.parse((String) record.get("expiresAt")));
    assertTrue(text.contains(expiry) && html.contains(expiry), "expiry " + expiry + " in " + text);
    assertTrue(text.contains(message), "the message as written, in the plain text");
    assertFalse(html.contains("<script>") || html.contains("<b>Plans"), html);
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && html.contains("&lt;b&gt;Plans &amp; &quot;Co&quot;"),
        html);
    assertTrue(text.contains("You got this mail because alice entered dora@example.org"), text);

    // Delivered: the record says so.
    long deadline = System.currentTimeMillis() + 10_000;
    while (!"sent".equals(((Map<?, ?>) listed(doc, (String) record.get("id")).get("delivery")).get("state"))) {
      assertTrue(System.currentTimeMillis() < deadline, "delivery becomes sent");
      EmailInviteRig.sleep(50);
    }
  }

  @Test
  void addressesThatCouldInjectHeadersAreRefused() {
    String doc = page("Headers");
    Map<String, Object> reply = inviter.ok("emailInvite", doc, Map.of("emails",
        List.of("x@example.org\r\nBcc: evil@example.org", "y@example.org\n", "Z <z@example.org>")));
    assertEquals(List.of(), reply.get("success"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> errors = (List<Map<String, Object>>) reply.get("errors");
    assertEquals(3, errors.size());
    errors.forEach(e -> assertEquals("EMAIL_INVALID", e.get("code"), String.valueOf(e)));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCallWithFiftyAddressesOfWhichThreeAreBadInvitesTheOtherFortySeven() {
    String doc = page("Many");
    List<Object> emails = new ArrayList<>();
    for (int i = 0; i < 47; i++) {
      emails.add("person" + i + "@example.org");
    }
    emails.add(10, "not-an-address");
    emails.add(20, "two@at@example.org");
    emails.add(30, "Person3@example.org");
    Map<String, Object> reply = inviter.ok("emailInvite", doc, Map.of("emails", emails, "permissions", "r"));
    List<Map<String, Object>> success = (List<Map<String, Object>>) reply.get("success");
    List<Map<String, Object>> errors = (List<Map<String, Object>>) reply.get("errors");
    assertEquals(47, success.size());
    assertEquals(List.of("not-an-address", "two@at@example.org", "Person3@example.org"),
        errors.stream().map(e -> e.get("email")).toList());
    assertEquals(List.of("EMAIL_INVALID", "EMAIL_INVALID", "EMAIL_DUPLICATE"),
        errors.stream().map(e -> e.get("code")).toList());
    Map<String, Object> counts = (Map<String, Object>) ((Map<String, Object>) inviter.ok("getEmailInvites", doc,
        Map.of())).get("counts");
    assertEquals(47, counts.get("pending"));
    emails.add("one-too-many@example.org");
    assertEquals("ERR_MESSAGE_BADLY_FORMED", inviter.refusedCode("emailInvite", doc, Map.of("emails", emails)));
  }

  @Test
  void anotherAccountAcceptsThroughTheLinkRightsMergeAndTheInviterHearsItLive() {
    String doc = page("Shared");
    Map<String, Object> record = inviter.inviteOne(doc, "bob@example.org", "rw");
    String id = (String) record.get("id");
    inviter.nextEvent(id, e -> "pending".equals(e.get("status")) && "queued".equals(((Map<?, ?>) e.get("delivery")).get("state")));
    Map<String, Object> sent = inviter.nextEvent(id, e -> "sent".equals(((Map<?, ?>) e.get("delivery")).get("state")));
    assertEquals(doc, sent.get("webstrateId"));
    assertEquals("bob@example.org", sent.get("email"));
    String token = linkToken("bob@example.org", doc);

    TestServer.Login bob = server.login("bob");
    String cookie = openLink(server, doc, token, bob);
    HttpResponse<String> shown = invitationPage(server, doc, cookie, bob);
    assertEquals(200, shown.statusCode(), shown.body());
    assertTrue(shown.body().contains("whose address is not bob@example.org") && shown.body().contains("Accept as bob"),
        shown.body());
    // Looking (twice, as a mail scanner and then the person) changes nothing.
    assertEquals(200, invitationPage(server, doc, cookie, bob).statusCode());
    assertEquals("pending", listed(doc, id).get("status"));
    assertNull(rights(server, alice, doc).get("bob:test"));

    HttpResponse<String> accepted = answer(server, doc, cookie, bob, "accept");
    assertEquals(303, accepted.statusCode(), accepted.body());
    assertEquals("/" + doc + "/", accepted.headers().firstValue("location").orElseThrow());
    assertEquals("rw", rights(server, alice, doc).get("bob:test"));
    Map<String, Object> event = inviter.nextEvent(id, e -> "accepted".equals(e.get("status")));
    assertEquals("sent", ((Map<?, ?>) event.get("delivery")).get("state"));
    assertEquals(Map.of("username", "bob", "provider", "test", "displayName", "bob"), listed(doc, id).get("acceptedBy"));

    String again = openLink(server, doc, token, bob);
    HttpResponse<String> used = invitationPage(server, doc, again, bob);
    assertEquals(410, used.statusCode());
    assertTrue(used.body().contains("accepted already"), used.body());
  }

  @Test
  void everyAdminOfThePageHearsEachChangeAndOthersDoNot() {
    String doc = EmailInviteRig.page(server, alice, "Team", "cid");
    try (Console cid = Console.of(server, server.login("cid")); Console dee = Console.of(server, server.login("dee"))) {
      String id = (String) inviter.inviteOne(doc, "gus@example.org", "r").get("id");
      cid.nextEvent(id, e -> "sent".equals(((Map<?, ?>) e.get("delivery")).get("state")));
      inviter.ok("cancelInvitation", doc, Map.of("id", id));
      assertEquals(doc, cid.nextEvent(id, e -> "canceled".equals(e.get("status"))).get("webstrateId"));
      // dee is no admin of the page: her socket hears nothing of it.
      assertNull(dee.socket.pollPresence(500), "no event for a non-admin");
    }
  }

  @Test
  void declineNeedsNoLoginAndEndsTheLink() {
    String doc = page("Declined");
    String id = (String) inviter.inviteOne(doc, "erin@example.org", "r").get("id");
    String token = linkToken("erin@example.org", doc);
    String cookie = openLink(server, doc, token, null);
    HttpResponse<String> shown = invitationPage(server, doc, cookie, null);
    assertEquals(200, shown.statusCode(), shown.body());
    assertTrue(shown.body().contains("sign up with erin@example.org"), shown.body());
    HttpResponse<String> declined = answer(server, doc, cookie, null, "decline");
    assertEquals(200, declined.statusCode(), declined.body());
    inviter.nextEvent(id, e -> "declined".equals(e.get("status")));
    assertEquals("declined", listed(doc, id).get("status"));
    assertTrue(listed(doc, id).get("declinedAt") instanceof String);
    TestServer.Login erin = server.login("erin");
    String again = openLink(server, doc, token, erin);
    assertEquals(410, answer(server, doc, again, erin, "accept").statusCode());
    assertNull(rights(server, alice, doc).get("erin:test"));
  }

  @Test
  void aPostFromAnotherSiteAnswersNothing() {
    String doc = page("Forged");
    String id = (String) inviter.inviteOne(doc, "fay@example.org", "r").get("id");
    String cookie = openLink(server, doc, linkToken("fay@example.org", doc), null);
    Map<String, String> headers = new java.util.LinkedHashMap<>(EmailInviteRig.headers(null, cookie));
    headers.put("Origin", "https://evil.example");
    assertEquals(403, server.post("/" + doc + "/?emailInvitation=decline", "", headers).statusCode());
    // A page without a Referrer posts Origin: null; only the browser's same-origin word lets that through.
    headers.put("Origin", "null");
    headers.put("Sec-Fetch-Site", "cross-site");
    assertEquals(403, server.post("/" + doc + "/?emailInvitation=decline", "", headers).statusCode());
    assertEquals("pending", listed(doc, id).get("status"));
  }

  @Test
  void resendMintsANewLinkAndKillsTheOldOneAtMostThreeTimesAnHour() {
    String doc = page("Resent");
    String id = (String) inviter.inviteOne(doc, "gil@example.org", "r").get("id");
    String old = linkToken("gil@example.org", doc);
    Map<String, Object> resent = inviter.ok("resendEmailInvite", doc, Map.of("id", id));
    assertEquals("pending", resent.get("status"));
    String fresh = token(textAndHtml(EmailInviteRig.mailTo(smtp, "gil@example.org", doc, 2))[0], doc);
    assertFalse(fresh.equals(old));
    TestServer.Login gil = server.login("gil");
    HttpResponse<String> dead = invitationPage(server, doc, openLink(server, doc, old, gil), gil);
    assertEquals(404, dead.statusCode(), dead.body());
    assertEquals(200, invitationPage(server, doc, openLink(server, doc, fresh, gil), gil).statusCode());
    inviter.ok("resendEmailInvite", doc, Map.of("id", id));
    inviter.ok("resendEmailInvite", doc, Map.of("id", id));
    assertEquals("INVITATION_RESEND_LIMIT", inviter.refusedCode("resendEmailInvite", doc, Map.of("id", id)));
  }

  @Test
  void cancelEndsAPendingInvitationAndItsLinkSaysSo() {
    String doc = page("Canceled");
    String id = (String) inviter.inviteOne(doc, "hal@example.org", "r").get("id");
    String token = linkToken("hal@example.org", doc);
    try (Console bob = Console.of(server, server.login("bob"))) {
      assertEquals("ERR_FORBIDDEN", bob.refusedCode("cancelInvitation", doc, Map.of("id", id)));
    }
    assertEquals("canceled", ((Map<?, ?>) inviter.ok("cancelInvitation", doc, Map.of("id", id))).get("status"));
    inviter.nextEvent(id, e -> "canceled".equals(e.get("status")));
    HttpResponse<String> dead = invitationPage(server, doc, openLink(server, doc, token, null), null);
    assertEquals(410, dead.statusCode());
    assertTrue(dead.body().contains("canceled"), dead.body());
    assertEquals("INVITATION_NOT_PENDING", inviter.refusedCode("cancelInvitation", doc, Map.of("id", id)));
    assertEquals("INVITATION_NOT_PENDING", inviter.refusedCode("resendEmailInvite", doc, Map.of("id", id)));
    assertEquals("ERR_NOT_FOUND", inviter.refusedCode("cancelInvitation", doc, Map.of("id", "nosuchid")));
  }

  @Test
  void anInvitationPastItsExpiryIsExpiredAtOnceTheSweepStoresItAndResendRevivesIt() {
    String doc = page("Expiring");
    String id = (String) inviter.ok("emailInvite", doc, Map.of("emails", List.of("ida@example.org"), "maxAge", 1))
        .toString().replaceAll("(?s).*id=([A-Za-z0-9_-]+),.*", "$1");
    String token = linkToken("ida@example.org", doc);
    EmailInviteRig.sleep(1100);
    assertEquals("expired", listed(doc, id).get("status"));
    HttpResponse<String> dead = invitationPage(server, doc, openLink(server, doc, token, null), null);
    assertEquals(410, dead.statusCode());
    assertTrue(dead.body().contains("expired"), dead.body());
    inviter.nextEvent(id, e -> "expired".equals(e.get("status")));
    assertEquals("pending", ((Map<?, ?>) inviter.ok("resendEmailInvite", doc, Map.of("id", id))).get("status"));
  }

  @Test
  void onlyAdminsInviteAndNobodyGrantsMoreThanTheyHold() {
    String doc = page("Admins");
    try (Console bob = Console.of(server, server.login("bob"))) {
      assertEquals("ERR_FORBIDDEN", bob.refusedCode("emailInvite", doc, Map.of("emails", List.of("x@example.org"))));
      assertEquals("ERR_FORBIDDEN", bob.refusedCode("getEmailInvites", doc, Map.of()));
    }
    assertEquals("ERR_MESSAGE_BADLY_FORMED", inviter.refusedCode("emailInvite", doc, Map.of("emails",
        List.of("x@example.org"), "message", "m".repeat(1001))));
  }
}

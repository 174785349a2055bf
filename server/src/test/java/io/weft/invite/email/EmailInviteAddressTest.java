package io.weft.invite.email;

import static io.weft.invite.email.EmailInviteRig.answer;
import static io.weft.invite.email.EmailInviteRig.invitationPage;
import static io.weft.invite.email.EmailInviteRig.openLink;
import static io.weft.invite.email.EmailInviteRig.rights;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.testing.ServerRig;
import io.weft.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who may accept: with invites.email.requireMatchingAddress only the account with the invited address;
 * and the console list of one's own invitations, shown only for an address its owner proved.
 */
class EmailInviteAddressTest {
  @RegisterExtension
  static final ServerRig server = new ServerRig(Map.of("invites.email.requireMatchingAddress", "true",
      "pages.domain", "127.0.0.1"));
  private static TestServer.Login alice;

  @BeforeAll
  static void logIn() {
    alice = server.login("alice");
  }

  private static String token(String email, String doc) {
    List<jakarta.mail.internet.MimeMessage> mails = EmailInviteRig.emlTo(server.dataDir(), email, doc);
    return EmailInviteRig.token(EmailInviteRig.textAndHtml(mails.get(mails.size() - 1))[0], doc);
  }

  @Test
  void withTheSettingOnlyTheAccountWithTheInvitedAddressAccepts() {
    String doc = EmailInviteRig.page(server, alice, "Matching");
    try (Console inviter = Console.of(server, alice)) {
      inviter.inviteOne(doc, "sam@example.org", "rw");
    }
    String token = token("sam@example.org", doc);
    TestServer.Login bob = server.login("bob");
    String cookie = openLink(server, doc, token, bob);
    HttpResponse<String> shown = invitationPage(server, doc, cookie, bob);
    assertTrue(shown.body().contains("Only the account with that address may accept"), shown.body());
    assertFalse(shown.body().contains("id=\"accept\""), shown.body());
    HttpResponse<String> refused = answer(server, doc, cookie, bob, "accept");
    assertEquals(403, refused.statusCode(), refused.body());
    assertNull(rights(server, alice, doc).get("bob:test"));

    TestServer.Login sam = EmailInviteRig.signUp(server, "sam", "Sam@Example.org");
    String hers = openLink(server, doc, token, sam);
    assertTrue(invitationPage(server, doc, hers, sam).body().contains("id=\"accept\""));
    assertEquals(303, answer(server, doc, hers, sam, "accept").statusCode());
    assertEquals("rw", rights(server, alice, doc).get("sam:local"));
    try (Console inviter = Console.of(server, alice)) {
      Map<String, Object> again = inviter.ok("emailInvite", doc, Map.of("emails", List.of("sam@example.org"),
          "permissions", "r"));
      assertEquals("EMAIL_ALREADY_HOLDS", ((Map<?, ?>) ((List<?>) again.get("errors")).get(0)).get("code"));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aPersonSeesAndAnswersInvitationsToTheirAddressOnceTheyFollowedOneLink() {
    String first = EmailInviteRig.page(server, alice, "First");
    String second = EmailInviteRig.page(server, alice, "Second");
    String third = EmailInviteRig.page(server, alice, "Third");
    TestServer.Login tia = EmailInviteRig.signUp(server, "tia", "tia@example.org");
    String secondId;
    String thirdId;
    try (Console inviter = Console.of(server, alice)) {
      inviter.inviteOne(first, "tia@example.org", "r");
      secondId = (String) inviter.inviteOne(second, "tia@example.org", "rw").get("id");
      thirdId = (String) inviter.inviteOne(third, "tia@example.org", "r").get("id");
    }
    try (Console console = Console.of(server, tia)) {
      Map<String, Object> unproven = console.ok("getMyEmailInvites", "lobby", null);
      assertEquals(false, unproven.get("verified"));
      assertEquals(List.of(), unproven.get("invitations"));
      assertEquals("ERR_NOT_FOUND", console.refusedCode("acceptEmailInvite", "lobby", Map.of("id", secondId)));

      // Following one link while logged in proves the address.
      invitationPage(server, first, openLink(server, first, token("tia@example.org", first), tia), tia);
      Map<String, Object> mine = console.ok("getMyEmailInvites", "lobby", null);
      assertEquals(true, mine.get("verified"));
      assertEquals(3, ((List<?>) mine.get("invitations")).size());

      Map<String, Object> accepted = console.ok("acceptEmailInvite", "lobby", Map.of("id", secondId));
      assertEquals("rw", accepted.get("permissions"));
      assertEquals("rw", rights(server, alice, second).get("tia:local"));
      assertEquals("declined", ((Map<String, Object>) console.ok("declineEmailInvite", "lobby", Map.of("id", thirdId)))
          .get("status"));
      assertEquals(1, ((List<?>) ((Map<String, Object>) console.ok("getMyEmailInvites", "lobby", null))
          .get("invitations")).size());
    }
    try (Console other = Console.of(server, server.login("uma"))) {
      assertEquals("ERR_NOT_FOUND", other.refusedCode("declineEmailInvite", "lobby", Map.of("id", secondId)));
    }
  }

  @Test
  void aVerificationMailProvesTheAddressOnlyWhenConfirmed() {
    String doc = EmailInviteRig.page(server, alice, "Verify");
    TestServer.Login vic = EmailInviteRig.signUp(server, "vic", "vic@example.org");
    try (Console inviter = Console.of(server, alice)) {
      inviter.inviteOne(doc, "vic@example.org", "r");
    }
    try (Console console = Console.of(server, vic)) {
      assertEquals(true, ((Map<?, ?>) console.ok("verifyEmail", "lobby", null)).get("sent"));
      String text = EmailInviteRig.textAndHtml(EmailInviteRig.emlTo(server.dataDir(), "vic@example.org", "lobby").get(0))[0];
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("/lobby/\\?verifyEmail=([A-Za-z0-9_-]+)").matcher(text);
      assertTrue(m.find(), text);
      HttpResponse<String> opened = server.get("/lobby/?verifyEmail=" + m.group(1), EmailInviteRig.headers(null, null));
      assertEquals(303, opened.statusCode());
      String setCookie = opened.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("weft_verify="))
          .findFirst().orElseThrow();
      String cookie = setCookie.substring(0, setCookie.indexOf(';'));
      assertEquals(200, server.get("/lobby/?verifyEmail", EmailInviteRig.headers(null, cookie)).statusCode());
      assertEquals(false, ((Map<?, ?>) console.ok("getMyEmailInvites", "lobby", null)).get("verified"),
          "opening the link proves nothing yet");
      Map<String, String> post = new java.util.LinkedHashMap<>(EmailInviteRig.headers(null, cookie));
      post.put("Origin", server.url(""));
      HttpResponse<String> confirmed = server.post("/lobby/?verifyEmail=confirm", "", post);
      assertEquals(200, confirmed.statusCode(), confirmed.body());
      Map<?, ?> mine = console.ok("getMyEmailInvites", "lobby", null);
      assertEquals(true, mine.get("verified"));
      assertEquals(1, ((List<?>) mine.get("invitations")).size());
      assertEquals(410, server.post("/lobby/?verifyEmail=confirm", "", post).statusCode(), "a token works once");
      assertEquals(false, ((Map<?, ?>) console.ok("verifyEmail", "lobby", null)).get("sent"), "verified already");
    }
  }
}

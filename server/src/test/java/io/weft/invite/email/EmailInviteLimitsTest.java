package io.weft.invite.email;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weft.testing.ServerRig;
import io.weft.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** invites.emailsPerHour per inviter and invites.emailsPerAddressPerDay per address: each refuses only the address. */
class EmailInviteLimitsTest {
  @RegisterExtension
  static final ServerRig server = new ServerRig(Map.of("invites.emailsPerHour", "3", "invites.emailsPerAddressPerDay", "2"));

  @SuppressWarnings("unchecked")
  private static List<String> codes(Map<String, Object> reply) {
    return ((List<Map<String, Object>>) reply.get("errors")).stream().map(e -> (String) e.get("code")).toList();
  }

  @Test
  void anAddressGetsSoManyMailsADayAndAnInviterSendsSoManyAnHour() {
    TestServer.Login alice = server.login("alice");
    TestServer.Login bob = server.login("bob");
    String[] docs = {EmailInviteRig.page(server, alice, "One"), EmailInviteRig.page(server, alice, "Two"),
        EmailInviteRig.page(server, alice, "Three")};
    String bobsPage = EmailInviteRig.page(server, bob, "Bob's");
    try (Console a = Console.of(server, alice); Console b = Console.of(server, bob)) {
      a.inviteOne(docs[0], "ola@example.org", "r");
      a.inviteOne(docs[1], "ola@example.org", "r");
      Map<String, Object> third = a.ok("emailInvite", docs[2], Map.of("emails", List.of("ola@example.org", "pam@example.org",
          "quinn@example.org")));
      // ola: her two mails today; pam: alice's third this hour; quinn: one too many for alice.
      assertEquals(List.of("EMAIL_RATE_LIMITED", "EMAIL_RATE_LIMITED"), codes(third));
      assertEquals(1, ((List<?>) third.get("success")).size());
      assertEquals("pam@example.org", ((Map<?, ?>) ((List<?>) third.get("success")).get(0)).get("email"));
      // Another inviter has an hour of their own, but not another day for ola.
      b.inviteOne(bobsPage, "quinn@example.org", "r");
      assertEquals(List.of("EMAIL_RATE_LIMITED"), codes(b.ok("emailInvite", bobsPage, Map.of("emails",
          List.of("ola@example.org")))));
      // A resend is a mail too: bob's third this hour goes, a fourth does not.
      String id = (String) b.inviteOne(bobsPage, "ray@example.org", "r").get("id");
      b.ok("resendEmailInvite", bobsPage, Map.of("id", id));
      assertEquals("EMAIL_RATE_LIMITED", b.refusedCode("resendEmailInvite", bobsPage, Map.of("id", id)));
    }
  }
}

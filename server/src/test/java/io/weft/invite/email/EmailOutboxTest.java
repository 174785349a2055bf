package io.weft.invite.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import io.weft.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** The stored outbox: retries with back-off, gives up with the server's error, and survives a restart. */
@Execution(ExecutionMode.SAME_THREAD)
class EmailOutboxTest {

  private static Map<String, String> settings(int smtpPort, String retrySeconds) {
    return Map.of("mail.host", "127.0.0.1", "mail.port", String.valueOf(smtpPort), "mail.starttls", "disabled",
        "mail.retrySeconds", retrySeconds);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> delivery(Console console, String doc, String id) {
    Map<String, Object> reply = console.ok("getEmailInvites", doc, Map.of());
    return (Map<String, Object>) ((List<Map<String, Object>>) reply.get("invitations")).stream()
        .filter(i -> id.equals(i.get("id"))).findFirst().orElseThrow().get("delivery");
  }

  private static Map<String, Object> awaitDelivery(Console console, String doc, String id,
      Predicate<Map<String, Object>> wanted) {
    long deadline = System.currentTimeMillis() + 20_000;
    while (true) {
      Map<String, Object> delivery = delivery(console, doc, id);
      if (wanted.test(delivery)) {
        return delivery;
      }
      assertTrue(System.currentTimeMillis() < deadline, "delivery as wanted in time: " + delivery);
      EmailInviteRig.sleep(100);
    }
  }

  @Test
  void anUnreachableServerFailsTheMailAfterThreeTriesVisiblyAndALaterOneGoesOutOnceItIsBack() {
    int port = EmailInviteRig.freePort();
    try (TestServer server = TestServer.start(settings(port, "1"))) {
      TestServer.Login alice = server.login("alice");
      String doc = EmailInviteRig.page(server, alice, "Unreachable");
      try (Console inviter = Console.of(server, alice)) {
        String id = (String) inviter.inviteOne(doc, "jo@example.org", "r").get("id");
        Map<String, Object> retrying = inviter.nextEvent(id, e -> ((Map<?, ?>) e.get("delivery")).get("lastError") != null);
        assertEquals("queued", ((Map<?, ?>) retrying.get("delivery")).get("state"));
        Map<String, Object> failed = inviter.nextEvent(id, e -> "failed".equals(((Map<?, ?>) e.get("delivery")).get("state")));
        assertEquals(3, ((Map<?, ?>) failed.get("delivery")).get("attempts"));
        assertEquals("pending", failed.get("status"));
        Map<String, Object> stored = delivery(inviter, doc, id);
        assertEquals("failed", stored.get("state"));
        assertEquals(3, stored.get("attempts"));
        assertNotNull(stored.get("lastError"), "the server's error, for the inviter");

        GreenMail smtp = new GreenMail(EmailInviteRig.smtp(port));
        smtp.start();
        try {
          String later = (String) inviter.inviteOne(doc, "kim@example.org", "r").get("id");
          EmailInviteRig.mailTo(smtp, "kim@example.org", doc);
          awaitDelivery(inviter, doc, later, d -> "sent".equals(d.get("state")));
          assertEquals(1, smtp.getReceivedMessages().length, "the failed mail is not sent after all");
        } finally {
          smtp.stop();
        }
      }
    }
  }

  @Test
  void mailsQueuedWhenTheServerStopsAreSentAfterItStartsAgain() throws Exception {
    int port = EmailInviteRig.freePort();
    Path data = Files.createTempDirectory("weft-outbox");
    String doc;
    String first;
    String second;
    // A long back-off: only the restart sends the mails again.
    try (TestServer before = TestServer.start(data, settings(port, "3600"))) {
      TestServer.Login alice = before.login("alice");
      doc = EmailInviteRig.page(before, alice, "Restarted");
      try (Console inviter = Console.of(before, alice)) {
        first = (String) inviter.inviteOne(doc, "lee@example.org", "r").get("id");
        second = (String) inviter.inviteOne(doc, "max@example.org", "r").get("id");
        awaitDelivery(inviter, doc, first, d -> Integer.valueOf(1).equals(d.get("attempts")));
        awaitDelivery(inviter, doc, second, d -> Integer.valueOf(1).equals(d.get("attempts")));
      }
    }
    GreenMail smtp = new GreenMail(EmailInviteRig.smtp(port));
    smtp.start();
    try (TestServer after = TestServer.start(data, settings(port, "3600"))) {
      EmailInviteRig.mailTo(smtp, "lee@example.org", doc);
      EmailInviteRig.mailTo(smtp, "max@example.org", doc);
      try (Console inviter = Console.of(after, after.login("alice"))) {
        assertEquals(2, awaitDelivery(inviter, doc, first, d -> "sent".equals(d.get("state"))).get("attempts"));
        awaitDelivery(inviter, doc, second, d -> "sent".equals(d.get("state")));
      }
      assertEquals(2, smtp.getReceivedMessages().length, "each mail once");
    } finally {
      smtp.stop();
    }
  }
}

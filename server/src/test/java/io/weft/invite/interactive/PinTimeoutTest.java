package io.weft.invite.interactive;

import static io.weft.invite.interactive.InvitationClient.assertCode;
import static io.weft.invite.interactive.InvitationClient.entries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.weft.json.Json;
import io.weft.testing.TestServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A PIN not entered within invites.pinTimeoutSeconds (one second here): the guest is let go, the wrong PINs stay counted. */
class PinTimeoutTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("invites.pinTimeoutSeconds", "1"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anUnenteredPinTimesOutBackToWaitingAndKeepsItsWrongCount() {
    TestServer.Login alice = server.login("alice");
    String doc = InvitationClient.page(server, alice, entries("alice", "rwa"));
    try (InvitationClient inviter = InvitationClient.of(server, alice);
        InvitationClient bob = InvitationClient.of(server, server.login("bob"))) {
      Map<String, Object> created = inviter.create(doc, Json.object("permissions", "rw"));
      Object id = created.get("id");
      long before = System.currentTimeMillis();
      Map<String, Object> redeemed = bob.redeem("lobby", created.get("code"));
      long countdown = Instant.parse((String) redeemed.get("pinExpiresAt")).toEpochMilli() - before;
      assertEquals(1000, countdown, 500, "the countdown shown is the configured timeout");
      String pin = (String) inviter.awaitState(id, "ready_for_authentication").get("pin");
      assertEquals(2, bob.authenticate("lobby", id, InteractiveInviteTest.wrongPin(pin)).get("attemptsLeft"));

      assertEquals("bob", ((Map<?, ?>) inviter.awaitState(id, "timeout").get("guest")).get("username"));
      bob.awaitState(id, "timeout");
      assertCode("INVITATION_NOT_BOUND", bob.call("authenticateInvite", "lobby", Json.object("id", id, "pin", pin)));
      List<Map<String, Object>> listed = inviter.ok("getInteractiveInvites", doc, null);
      assertEquals("waiting", listed.get(0).get("state"));
      assertNull(listed.get(0).get("guest"));
      assertNull(listed.get(0).get("pin"));
      assertEquals(2, listed.get(0).get("attemptsLeft"), "the wrong PIN still counts");

      Map<String, Object> again = bob.redeem("lobby", created.get("code"));
      assertEquals(2, again.get("attemptsLeft"));
      String second = (String) inviter.awaitState(id, "ready_for_authentication").get("pin");
      assertNotNull(second);
      assertEquals("success", bob.authenticate("lobby", id, second).get("state"));
    }
  }
}

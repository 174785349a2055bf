package io.weft.invite.interactive;

import static io.weft.invite.interactive.InvitationClient.assertCode;
import static io.weft.invite.interactive.InvitationClient.entries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.json.Json;
import io.weft.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Interactive invitations over real sockets: alice, an admin, creates one; a guest redeems its code;
 * the PIN reaches alice's sockets only; the guest enters it. Every transition is told to both sides.
 */
class InteractiveInviteTest {
  private static TestServer server;
  private static TestServer.Login alice;

  @BeforeAll
  static void start() {
    // Three unknown codes per user and window, so the throttle test needs only a few.
    server = TestServer.start(Map.of("invites.attemptsPerUser", "3"));
    alice = server.login("alice");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String adminPage(Object... more) {
    Object[] list = new Object[more.length + 2];
    list[0] = "alice";
    list[1] = "rwa";
    System.arraycopy(more, 0, list, 2, more.length);
    return InvitationClient.page(server, alice, entries(list));
  }

  private static InvitationClient as(String username) {
    return InvitationClient.of(server, server.login(username));
  }

  @Test
  void theGuestGetsInWithThePinOnlyTheInviterWasShown() {
    String doc = adminPage();
    try (InvitationClient inviter = as("alice"); InvitationClient bob = as("bob")) {
      Map<String, Object> created = inviter.create(doc, Json.object("permissions", "rw"));
      String code = (String) created.get("code");
      assertTrue(code.matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}"), code);
      assertEquals("waiting", created.get("state"));
      assertEquals("interactive", created.get("kind"));
      Object id = created.get("id");

      Map<String, Object> redeemed = bob.redeem("lobby", code);
      assertEquals(id, redeemed.get("id"));
      assertEquals(doc, redeemed.get("webstrateId"));
      assertEquals("rw", redeemed.get("permissions"));
      assertEquals("ready_for_authentication", redeemed.get("state"));
      assertEquals(3, redeemed.get("attemptsLeft"));
      assertEquals("alice", ((Map<?, ?>) redeemed.get("inviter")).get("username"));
      assertFalse(redeemed.containsKey("pin"));

      Map<String, Object> shown = inviter.awaitState(id, "ready_for_authentication");
      String pin = (String) shown.get("pin");
      assertTrue(pin.matches("[0-9]{6}"), pin);
      assertEquals("bob", ((Map<?, ?>) shown.get("guest")).get("username"));
      assertEquals(redeemed.get("verification"), shown.get("verification"), "both sides read the same phrase");
      assertEquals(4, ((String) shown.get("verification")).split(" ").length);
      assertFalse(bob.awaitState(id, "ready_for_authentication").containsKey("pin"));

      Map<String, Object> wrong = bob.authenticate("lobby", id, wrongPin(pin));
      assertEquals("INVITATION_WRONG_PIN", wrong.get("code"));
      assertEquals(2, wrong.get("attemptsLeft"));
      assertEquals(2, inviter.awaitState(id, "ready_for_authentication").get("attemptsLeft"));
      assertEquals(2, bob.awaitState(id, "ready_for_authentication").get("attemptsLeft"));

      Map<String, Object> in = bob.authenticate("lobby", id, pin);
      assertEquals("success", in.get("state"));
      assertEquals("rw", in.get("permissions"));
      assertEquals("", in.get("before"));
      assertEquals("rw", InvitationClient.listOf(server, alice, doc).get("bob"));
      inviter.awaitState(id, "success");
      bob.awaitState(id, "success");
      Map<String, Object> accepted = inviter.awaitEvent("inviteAccepted");
      assertEquals(id, accepted.get("invite"), "the same event an accepted key sends");
      assertEquals("rw", accepted.get("permissions"));

      assertCode("INVITE_USED_UP", bob.call("redeemInviteCode", "lobby", Json.object("code", code)));
      bob.drain(300);
      assertFalse(bob.sawPin(pin), "no frame to the guest carried the PIN: " + bob.seen);
    }
  }

  @Test
  void aSocketOpenedWithTheInvitersAccessTokenNeverSeesThePin() {
    String doc = adminPage();
    try (InvitationClient inviter = as("alice"); InvitationClient bob = as("bob")) {
      Map<String, Object> token = inviter.ok("createToken", doc, Json.object("maxAge", 600));
      try (InvitationClient viaToken = new InvitationClient(
          io.weft.testing.RecordingClient.connect(server.port(), "/" + doc + "/?token=" + token.get("token")))) {
        Map<String, Object> created = inviter.create(doc, Json.object("permissions", "r"));
        Object id = created.get("id");
        bob.redeem("lobby", created.get("code"));
        String pin = (String) inviter.awaitState(id, "ready_for_authentication").get("pin");
        Map<String, Object> listed = viaToken.call("getInteractiveInvites", doc, null);
        assertFalse(Json.encode(listed).contains(pin), "the token lends alice's rights on the page, not her person: " + listed);
        assertEquals("success", bob.authenticate("lobby", id, pin).get("state"));
        inviter.awaitState(id, "success");
        viaToken.drain(300);
        assertFalse(viaToken.sawPin(pin), "no frame through the token carried the PIN: " + viaToken.seen);
        assertFalse(viaToken.seen.stream().anyMatch(f -> f.contains("invitationState")), String.valueOf(viaToken.seen));
      }
    }
  }

  @Test
  void creatingTakesAnAdminAndGrantsNoMoreThanItHolds() {
    String doc = adminPage("bob", "rw");
    try (InvitationClient bob = as("bob"); InvitationClient inviter = as("alice");
        InvitationClient anonymous = new InvitationClient(server.connect("lobby"))) {
      assertCode("ERR_LOGIN_REQUIRED", anonymous.call("createInteractiveInvite", doc, Json.object("permissions", "r")));
      assertCode("ERR_LOGIN_REQUIRED", anonymous.call("redeemInviteCode", doc, Json.object("code", "AAAA-AAAA")));
      assertCode("ERR_FORBIDDEN", bob.call("createInteractiveInvite", doc, Json.object("permissions", "r")));
      assertCode("ERR_FORBIDDEN", bob.call("getInteractiveInvites", doc, null));
      InvitationClient.setList(server, alice, doc, entries("alice", "ra", "bob", "rw"));
      assertCode("ERR_FORBIDDEN", inviter.call("createInteractiveInvite", doc, Json.object("permissions", "rw")));
    }
  }

  @Test
  void theCodeIsReadLooselyAndUnknownCodesCountInTheWrongKeyThrottle() {
    String doc = adminPage();
    try (InvitationClient inviter = as("alice"); InvitationClient mallory = as("mallory")) {
      String code = (String) inviter.create(doc, Json.object("permissions", "r")).get("code");
      for (int i = 0; i < 3; i++) {
        assertCode("INVITE_UNKNOWN", mallory.call("redeemInviteCode", "lobby", Json.object("code", "0000-0000-0000-000" + i)));
      }
      assertCode("INVITE_RATE_LIMITED", mallory.call("redeemInviteCode", "lobby", Json.object("code", code)));
    }
    try (InvitationClient inviter = as("alice"); InvitationClient bob = as("bob2")) {
      String code = (String) inviter.create(doc, Json.object("permissions", "r")).get("code");
      String typed = " " + code.toLowerCase().replace("-", " ").replace('1', 'l').replace('0', 'o') + " ";
      assertEquals("ready_for_authentication", bob.redeem("lobby", typed).get("state"));
    }
  }

  @Test
  void nobodyRedeemsTheirOwnInvitationOrOneGrantingNothingNew() {
    String doc = adminPage("carol", "rwa");
    try (InvitationClient inviter = as("alice"); InvitationClient carol = as("carol")) {
      String code = (String) inviter.create(doc, Json.object("permissions", "rw")).get("code");
      assertCode("INVITATION_OWN", inviter.call("redeemInviteCode", "lobby", Json.object("code", code)));
      assertCode("INVITATION_NOT_NEEDED", carol.call("redeemInviteCode", "lobby", Json.object("code", code)));
      List<Map<String, Object>> listed = inviter.ok("getInteractiveInvites", doc, null);
      assertEquals("waiting", listed.get(0).get("state"), "no PIN was issued");
      assertNull(listed.get(0).get("guest"));
    }
  }

  @Test
  void threeWrongPinsLockTheInvitationForGoodWhateverTheGuestReconnects() {
    String doc = adminPage();
    try (InvitationClient inviter = as("alice")) {
      Map<String, Object> created = inviter.create(doc, Json.object("permissions", "rw"));
      Object id = created.get("id");
      String pin;
      try (InvitationClient bob = as("bob")) {
        bob.redeem("lobby", created.get("code"));
        pin = (String) inviter.awaitState(id, "ready_for_authentication").get("pin");
        assertEquals(2, bob.authenticate("lobby", id, wrongPin(pin)).get("attemptsLeft"));
      }
      try (InvitationClient bob = as("bob")) {
        assertEquals(1, bob.authenticate("lobby", id, wrongPin(pin)).get("attemptsLeft"), "a new socket counts on");
      }
      try (InvitationClient bob = as("bob")) {
        Map<String, Object> last = bob.authenticate("lobby", id, wrongPin(pin));
        assertEquals("failed", last.get("state"));
        assertEquals("INVITATION_FAILED", last.get("code"));
        assertEquals(0, last.get("attemptsLeft"));
        assertEquals(0, inviter.awaitState(id, "failed").get("attemptsLeft"), "the inviter is alerted");
      }
      try (InvitationClient bob = as("bob")) {
        assertCode("INVITATION_FAILED", bob.call("authenticateInvite", "lobby", Json.object("id", id, "pin", pin)));
        assertCode("INVITATION_FAILED", bob.call("redeemInviteCode", "lobby", Json.object("code", created.get("code"))));
      }
      assertNull(InvitationClient.listOf(server, alice, doc).get("bob"));
      // A failed invitation can be cleared from the list: cancelling one that ended removes it.
      Map<String, Object> removed = inviter.ok("cancelInvitation", doc, Json.object("id", id));
      assertEquals(Json.object("id", id, "state", "failed", "removed", true), removed);
      assertEquals(List.of(), inviter.ok("getInteractiveInvites", doc, null));
    }
  }

  @Test
  void aThousandPinsAtOnceGetAtMostThePinAttemptsJudged() {
    String doc = adminPage();
    try (InvitationClient inviter = as("alice"); InvitationClient bob = as("bob")) {
      Map<String, Object> created = inviter.create(doc, Json.object("permissions", "rw"));
      Object id = created.get("id");
      bob.redeem("lobby", created.get("code"));
      String pin = (String) inviter.awaitState(id, "ready_for_authentication").get("pin");
      int[] tokens = new int[1000];
      int guess = 0;
      for (int i = 0; i < tokens.length; i++, guess++) {
        String tried = String.format("%06d", guess);
        if (tried.equals(pin)) {
          tried = String.format("%06d", ++guess);
        }
        tokens[i] = bob.send("authenticateInvite", "lobby", Json.object("id", id, "pin", tried));
      }
      int judged = 0;
      for (int token : tokens) {
        Map<String, Object> frame = bob.replyTo(token);
        if (frame.get("error") == null) {
          judged++;
        } else {
          assertCode("INVITATION_FAILED", frame);
        }
      }
      assertEquals(3, judged, "three wrong PINs judged, the rest refused unjudged");
      assertCode("INVITATION_FAILED", bob.call("authenticateInvite", "lobby", Json.object("id", id, "pin", pin)));
      assertNull(InvitationClient.listOf(server, alice, doc).get("bob"));
    }
  }

  @Test
  void theInviterCancelsWhileThePinIsShowing() {
    String doc = adminPage();
    try (InvitationClient inviter = as("alice"); InvitationClient bob = as("bob")) {
      Map<String, Object> created = inviter.create(doc, Json.object("permissions", "rw"));
      Object id = created.get("id");
      bob.redeem("lobby", created.get("code"));
      String pin = (String) inviter.awaitState(id, "ready_for_authentication").get("pin");
      assertEquals("cancelled", inviter.<Map<String, Object>>ok("cancelInvitation", doc, Json.object("id", id)).get("state"));
      assertEquals("bob", ((Map<?, ?>) bob.awaitState(id, "cancelled").get("guest")).get("username"));
      assertCode("INVITE_REMOVED", bob.call("authenticateInvite", "lobby", Json.object("id", id, "pin", pin)));
      assertCode("INVITE_REMOVED", bob.call("redeemInviteCode", "lobby", Json.object("code", created.get("code"))));
      assertNull(InvitationClient.listOf(server, alice, doc).get("bob"));
    }
  }

  @Test
  void aRejectedGuestIsToldAndTheNextGuestGetsTheirOwnPin() {
    String doc = adminPage();
    try (InvitationClient inviter = as("alice"); InvitationClient bob = as("bob"); InvitationClient carol = as("carol")) {
      Map<String, Object> created = inviter.create(doc, Json.object("permissions", "w"));
      Object id = created.get("id");
      bob.redeem("lobby", created.get("code"));
      String bobsPin = (String) inviter.awaitState(id, "ready_for_authentication").get("pin");
      assertCode("INVITATION_BUSY", carol.call("redeemInviteCode", "lobby", Json.object("code", created.get("code"))));
      assertEquals("waiting", inviter.<Map<String, Object>>ok("rejectInviteGuest", doc, Json.object("id", id)).get("state"));
      bob.awaitState(id, "rejected");
      assertCode("INVITATION_NOT_BOUND", bob.call("authenticateInvite", "lobby", Json.object("id", id, "pin", bobsPin)));

      Map<String, Object> redeemed = carol.redeem("lobby", created.get("code"));
      Map<String, Object> shown = inviter.awaitState(id, "ready_for_authentication");
      assertEquals("carol", ((Map<?, ?>) shown.get("guest")).get("username"));
      assertEquals(redeemed.get("verification"), shown.get("verification"));
      assertEquals("success", carol.authenticate("lobby", id, (String) shown.get("pin")).get("state"));
      Map<String, String> list = InvitationClient.listOf(server, alice, doc);
      assertEquals("w", list.get("carol"));
      assertNull(list.get("bob"));
    }
  }

  @Test
  void aMultiUseInvitationLetsGuestsInOneAtATimeEachWithTheirOwnPin() {
    String doc = adminPage();
    try (InvitationClient inviter = as("alice"); InvitationClient bob = as("bob"); InvitationClient carol = as("carol")) {
      Map<String, Object> created = inviter.create(doc, Json.object("permissions", "r", "multiUse", true));
      Object id = created.get("id");
      bob.redeem("lobby", created.get("code"));
      String bobsPin = (String) inviter.awaitState(id, "ready_for_authentication").get("pin");
      assertCode("INVITATION_BUSY", carol.call("redeemInviteCode", "lobby", Json.object("code", created.get("code"))));
      List<Map<String, Object>> listed = inviter.ok("getInteractiveInvites", doc, null);
      assertEquals(bobsPin, listed.get(0).get("pin"), "the live PIN, to the page's admin");
      assertEquals("success", bob.authenticate("lobby", id, bobsPin).get("state"));

      carol.redeem("lobby", created.get("code"));
      String carolsPin = (String) inviter.awaitState(id, "ready_for_authentication").get("pin");
      assertCode("INVITATION_NOT_BOUND", bob.call("authenticateInvite", "lobby", Json.object("id", id, "pin", carolsPin)));
      assertEquals("success", carol.authenticate("lobby", id, carolsPin).get("state"));
      listed = inviter.ok("getInteractiveInvites", doc, null);
      assertEquals("waiting", listed.get(0).get("state"));
      assertEquals(2, listed.get(0).get("successes"));
      assertNull(listed.get(0).get("pin"));
      Map<String, String> list = InvitationClient.listOf(server, alice, doc);
      assertEquals("r", list.get("bob"));
      assertEquals("r", list.get("carol"));
    }
  }

  @Test
  void aDemotedInviterBacksNothing() {
    String doc = adminPage("root", "rwa");
    try (InvitationClient inviter = as("alice"); InvitationClient bob = as("bob"); InvitationClient carol = as("carol")) {
      Map<String, Object> first = inviter.create(doc, Json.object("permissions", "rw"));
      Map<String, Object> second = inviter.create(doc, Json.object("permissions", "rw"));
      bob.redeem("lobby", first.get("code"));
      String pin = (String) inviter.awaitState(first.get("id"), "ready_for_authentication").get("pin");
      InvitationClient.setList(server, server.login("root"), doc, entries("alice", "rw", "root", "rwa"));

      assertCode("INVITER_NOT_ADMIN", bob.call("authenticateInvite", "lobby", Json.object("id", first.get("id"), "pin", pin)));
      bob.awaitState(first.get("id"), "rejected");
      assertCode("INVITER_NOT_ADMIN", carol.call("redeemInviteCode", "lobby", Json.object("code", second.get("code"))));
      Map<String, String> list = InvitationClient.listOf(server, alice, doc);
      assertNull(list.get("bob"));
      assertNull(list.get("carol"));
    }
  }

  @Test
  void twoGuestsRedeemingOneCodeAtTheSameMomentBindExactlyOne() {
    String doc = adminPage();
    try (InvitationClient inviter = as("alice"); InvitationClient bob = as("bob"); InvitationClient carol = as("carol")) {
      for (int round = 0; round < 10; round++) {
        Map<String, Object> created = inviter.create(doc, Json.object("permissions", "r"));
        int bobs = bob.send("redeemInviteCode", "lobby", Json.object("code", created.get("code")));
        int carols = carol.send("redeemInviteCode", "lobby", Json.object("code", created.get("code")));
        Map<String, Object> toBob = bob.replyTo(bobs);
        Map<String, Object> toCarol = carol.replyTo(carols);
        int bound = (toBob.get("error") == null ? 1 : 0) + (toCarol.get("error") == null ? 1 : 0);
        assertEquals(1, bound, "one guest bound: " + toBob + " / " + toCarol);
        assertCode("INVITATION_BUSY", toBob.get("error") == null ? toCarol : toBob);
        List<Map<String, Object>> listed = inviter.ok("getInteractiveInvites", doc, null);
        Map<String, Object> it = listed.stream().filter(i -> i.get("id").equals(created.get("id"))).findFirst().orElseThrow();
        String winner = toBob.get("error") == null ? "bob" : "carol";
        assertEquals(winner, ((Map<?, ?>) it.get("guest")).get("username"));
      }
    }
  }

  @Test
  void anInvitationPastItsLifetimeIsExpiredAndBothSidesAreTold() throws InterruptedException {
    String doc = adminPage();
    try (InvitationClient inviter = as("alice"); InvitationClient bob = as("bob")) {
      Map<String, Object> created = inviter.create(doc, Json.object("permissions", "r", "maxAge", 1));
      Object id = created.get("id");
      bob.redeem("lobby", created.get("code"));
      String pin = (String) inviter.awaitState(id, "ready_for_authentication").get("pin");
      assertNull(inviter.awaitState(id, "expired").get("pin"), "the sweep tells the inviter unasked");
      bob.awaitState(id, "expired");
      assertCode("INVITE_EXPIRED", bob.call("authenticateInvite", "lobby", Json.object("id", id, "pin", pin)));
      assertNotEquals("bob", InvitationClient.listOf(server, alice, doc).get("bob"));
    }
  }

  /** A PIN that is not {@code pin}. */
  static String wrongPin(String pin) {
    return String.format("%06d", (Integer.parseInt(pin) + 1) % 1_000_000);
  }
}

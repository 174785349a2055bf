package io.weft.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.weft.invite.email.EmailInviteRig;
import io.weft.testing.RecordingClient;
import io.weft.testing.ServerRig;
import io.weft.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * News of a page's invitations reaches its inviter's sockets on that page, never a socket another page
 * opened for the same visitor: otherwise that page's scripts would read the PIN shown to the inviter and
 * let in whoever holds the code. News of invitations to a person reaches only their main sockets.
 */
class InvitationNewsTest {
  @RegisterExtension
  static final ServerRig server = new ServerRig();
  private final PageClient client = new PageClient(server);

  @Test
  void thePinShownToTheInviterReachesHerSocketsOnTheInvitationsPageOnly() {
    TestServer.Login alice = server.login("alice");
    String vault = client.privatePage(alice);
    String other = client.privatePage(alice);
    try (RecordingClient onVault = pageSocket(vault, alice);
        RecordingClient onOther = pageSocket(other, alice);
        RecordingClient bob = server.connect("lobby", server.login("bob"))) {
      onVault.send(Map.of("wa", "createInteractiveInvite", "d", vault, "token", 1, "options", Map.of("permissions", "r")));
      String code = (String) reply(onVault).get("code");

      bob.send(Map.of("wa", "redeemInviteCode", "d", "lobby", "token", 1, "options", Map.of("code", code)));
      assertEquals("ready_for_authentication", reply(bob).get("state"));

      Map<String, Object> shown = onVault.nextPresence("invitationState");
      assertNotNull(shown.get("pin"), "the inviter's socket on the invitation's page shows the PIN");
      assertNull(onOther.pollPresence(1500), "her socket on another page hears nothing of it");
    }
  }

  @Test
  void anAcceptedKeyIsToldOnItsPageOnly() {
    TestServer.Login alice = server.login("alice");
    String vault = client.privatePage(alice);
    String other = client.privatePage(alice);
    try (RecordingClient onVault = pageSocket(vault, alice);
        RecordingClient onOther = pageSocket(other, alice);
        RecordingClient bob = server.connect("lobby", server.login("bob"))) {
      onVault.send(Map.of("wa", "createInvite", "d", vault, "token", 1, "options", Map.of("permissions", "r")));
      String key = (String) reply(onVault).get("key");

      bob.send(Map.of("wa", "acceptInvite", "d", vault, "token", 1, "options", Map.of("key", key)));
      assertEquals("r", reply(bob).get("permissions"));

      assertEquals(vault, onVault.nextPresence("inviteAccepted").get("d"));
      assertNull(onOther.pollPresence(1500), "her socket on another page hears nothing of it");
    }
  }

  @Test
  void anInvitationToAProvenAddressIsToldOnItsOwnersMainSocketsNeverOnAPagesOwn() {
    TestServer.Login alice = server.login("alice");
    String first = client.privatePage(alice);
    String second = client.privatePage(alice);
    String address = "tia@example.org";
    TestServer.Login tia = EmailInviteRig.signUp(server, "tia", address);
    try (RecordingClient inviter = server.connect("lobby", alice);
        RecordingClient tiaMain = server.connect("lobby", tia);
        RecordingClient tiaOnPage = pageSocket(first, tia)) {
      invite(inviter, first, address);
      assertNull(tiaMain.pollPresence(1000), "an address nobody proved may be anyone's claim: nothing is told");

      // Tia opens her invitation's link while logged in, on the main origin: her address is proven.
      String text = EmailInviteRig.textAndHtml(EmailInviteRig.emlTo(server.dataDir(), address, first).get(0))[0];
      PageHttp.Answer link = PageHttp.send(server.port(), "GET", "weft.localhost", "/" + first + "/?invitation="
          + EmailInviteRig.token(text, first), PageHttp.navigation("Cookie", tia.cookie()));
      assertEquals(303, link.status(), link.body());
      PageHttp.Answer shown = PageHttp.send(server.port(), "GET", "weft.localhost", "/" + first + "/?emailInvitation",
          PageHttp.navigation("Cookie", tia.cookie() + "; " + link.cookie("weft_invitation")));
      assertEquals(200, shown.status(), shown.body());

      String id = invite(inviter, second, address);
      assertEquals(Map.of("wa", "myInvitationsChanged", "c", "webstrates"), tiaMain.nextPresence("myInvitationsChanged"));
      inviter.send(Map.of("wa", "cancelInvitation", "d", second, "token", 2, "options", Map.of("id", id)));
      assertEquals("canceled", reply(inviter).get("status"));
      assertEquals("myInvitationsChanged", tiaMain.nextPresence("myInvitationsChanged").get("wa"), "told of the cancel");
      assertNull(tiaOnPage.pollPresence(1500), "her socket on a page hears nothing of invitations to her");
    }
  }

  /** Sends one email invitation to {@code address} for {@code doc}; its id. */
  @SuppressWarnings("unchecked")
  private static String invite(RecordingClient inviter, String doc, String address) {
    inviter.send(Map.of("wa", "emailInvite", "d", doc, "token", 1, "options",
        Map.of("emails", java.util.List.of(address), "permissions", "r")));
    java.util.List<Map<String, Object>> sent = (java.util.List<Map<String, Object>>) reply(inviter).get("success");
    assertEquals(1, sent.size(), String.valueOf(sent));
    return (String) sent.get(0).get("id");
  }

  private RecordingClient pageSocket(String doc, TestServer.Login login) {
    return RecordingClient.connect(server.port(), "/" + doc + "/", Map.of("Host", client.host(doc) + ":" + server.port(),
        "Origin", client.origin(doc), "Cookie", client.pageCookie(doc, login.cookie())));
  }

  /** The reply to the one request in flight: its value, or the refusal's code in the failure. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> reply(RecordingClient socket) {
    Map<String, Object> frame = socket.next();
    assertEquals("reply", frame.get("wa"), String.valueOf(frame));
    assertNull(frame.get("error"), String.valueOf(frame));
    return (Map<String, Object>) frame.get("reply");
  }
}

package io.weft.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.weft.testing.RecordingClient;
import io.weft.testing.ServerRig;
import io.weft.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * News of a page's invitations reaches its inviter's sockets on that page, never a socket another page
 * opened for the same visitor: otherwise that page's scripts would read the PIN shown to the inviter and
 * let in whoever holds the code.
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

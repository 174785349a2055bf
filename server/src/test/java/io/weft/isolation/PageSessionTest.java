package io.weft.isolation;

import static io.weft.isolation.PageHttp.navigation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.testing.RecordingClient;
import io.weft.testing.ServerRig;
import io.weft.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The handshake that gives a page's origin a session for that page: a single-use code from the main
 * origin, redeemed on the page's origin only, for a cookie that counts on that page only and ends with
 * the login it came from.
 */
class PageSessionTest {

  @RegisterExtension
  static final ServerRig server = new ServerRig();
  private final PageClient client = new PageClient(server);

  @Test
  void aLoggedInVisitorGetsASessionForThatPageOnly() {
    TestServer.Login alice = server.login("alice");
    String vault = client.privatePage(alice);
    String other = client.privatePage(alice);
    String cookie = client.pageCookie(vault, alice.cookie());
    assertEquals(200, client.json(vault, vault, cookie).status());
    assertEquals(403, client.json(vault, vault, null).status(), "anonymous may not read it");
    assertEquals(403, client.json(other, other, cookie).status(), "the cookie is for its own page only");
  }

  @Test
  void aVisitorWithoutLoginGetsAnAnonymousPageSession() {
    TestServer.Login alice = server.login("alice");
    String vault = client.privatePage(alice);
    String cookie = client.pageCookie(vault, null);
    assertNotNull(cookie);
    assertEquals(403, client.json(vault, vault, cookie).status());
  }

  @Test
  void aCodeIsRedeemedOnceAndOnlyOnItsPagesOrigin() {
    TestServer.Login alice = server.login("alice");
    String vault = client.privatePage(alice);
    String path = client.exchangePath(vault, alice.cookie());
    assertEquals(400, client.send(client.host("elsewhere"), path, navigation()).status(), "another page's origin");
    assertEquals(400, client.send(client.host(vault), path, navigation()).status(), "a code tried elsewhere is spent");

    path = client.exchangePath(vault, alice.cookie());
    PageHttp.Answer redeemed = client.send(client.host(vault), path, navigation());
    assertEquals(302, redeemed.status());
    assertEquals("/" + vault + "/", redeemed.header("Location"));
    assertTrue(redeemed.all("Set-Cookie").stream().anyMatch(c -> c.startsWith("weft_page=") && c.toLowerCase().contains("httponly")
        && c.contains("SameSite=Lax") && !c.contains("Domain=")), redeemed.headers().toString());
    assertEquals(400, client.send(client.host(vault), path, navigation()).status(), "single use");
  }

  @Test
  void theExchangeSendsNowhereButItsOwnPage() {
    TestServer.Login alice = server.login("alice");
    String vault = client.privatePage(alice);
    String path = client.exchangePath(vault, alice.cookie()).replaceFirst("&to=.*", "&to=%2F%2Fevil.example%2F");
    assertEquals(400, client.send(client.host(vault), path, navigation()).status());
  }

  @Test
  void loggingOutEndsThePageSessionsItGaveAndClosesTheirSockets() {
    TestServer.Login alice = server.login("alice");
    String vault = client.privatePage(alice);
    String cookie = client.pageCookie(vault, alice.cookie());
    RecordingClient socket = RecordingClient.connect(server.port(), "/" + vault + "/",
        Map.of("Host", client.host(vault) + ":" + server.port(), "Origin", client.origin(vault), "Cookie", cookie));
    assertNull(socket.subscribe(vault).get("error"), "the page session reads its page");

    PageHttp.Answer logout = PageHttp.send(server.port(), "POST", "weft.localhost", "/auth/logout",
        Map.of("Cookie", alice.cookie(), "Origin", "http://weft.localhost:" + server.port()));
    assertEquals(303, logout.status(), logout.body());
    assertEquals(4401, socket.awaitClose());
    assertEquals(403, client.json(vault, vault, cookie).status());
    PageHttp.Answer reopened = client.send(client.host(vault), "/" + vault + "/", navigation("Cookie", cookie));
    assertEquals(302, reopened.status(), "back to the main origin for a new page session");
    assertEquals("http://weft.localhost:" + server.port() + "/" + vault + "/", reopened.header("Location"));
  }

  @Test
  void aPageCookieSentTwiceCountsForNothing() {
    TestServer.Login alice = server.login("alice");
    String vault = client.privatePage(alice);
    String cookie = client.pageCookie(vault, alice.cookie());
    assertEquals(403, client.json(vault, vault, cookie + "; " + cookie).status());
  }
}

package io.weft.isolation;

import static io.weft.isolation.PageHttp.navigation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.testing.Pages;
import io.weft.testing.RecordingClient;
import io.weft.testing.ServerRig;
import io.weft.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The handshake that gives a page's origin a session for that page: a single-use code from the main
 * origin, redeemed on the page's origin only, for a cookie that counts on that page only and ends with
 * the login it came from.
 */
class PageSessionTest {
  private static final AtomicInteger NEXT = new AtomicInteger();

  @RegisterExtension
  static final ServerRig server = new ServerRig();

  @Test
  void aLoggedInVisitorGetsASessionForThatPageOnly() {
    TestServer.Login alice = server.login("alice");
    String vault = privatePage(alice);
    String other = privatePage(alice);
    String cookie = pageCookie(vault, alice.cookie());
    assertEquals(200, json(vault, vault, cookie).status());
    assertEquals(403, json(vault, vault, null).status(), "anonymous may not read it");
    assertEquals(403, json(other, other, cookie).status(), "the cookie is for its own page only");
  }

  @Test
  void aVisitorWithoutLoginGetsAnAnonymousPageSession() {
    TestServer.Login alice = server.login("alice");
    String vault = privatePage(alice);
    String cookie = pageCookie(vault, null);
    assertNotNull(cookie);
    assertEquals(403, json(vault, vault, cookie).status());
  }

  @Test
  void aCodeIsRedeemedOnceAndOnlyOnItsPagesOrigin() {
    TestServer.Login alice = server.login("alice");
    String vault = privatePage(alice);
    String path = exchangePath(vault, alice.cookie());
    assertEquals(400, send(host("elsewhere"), path, navigation()).status(), "another page's origin");
    assertEquals(400, send(host(vault), path, navigation()).status(), "a code tried elsewhere is spent");

    path = exchangePath(vault, alice.cookie());
    PageHttp.Answer redeemed = send(host(vault), path, navigation());
    assertEquals(302, redeemed.status());
    assertEquals("/" + vault + "/", redeemed.header("Location"));
    assertTrue(redeemed.all("Set-Cookie").stream().anyMatch(c -> c.startsWith("weft_page=") && c.toLowerCase().contains("httponly")
        && c.contains("SameSite=Lax") && !c.contains("Domain=")), redeemed.headers().toString());
    assertEquals(400, send(host(vault), path, navigation()).status(), "single use");
  }

  @Test
  void theExchangeSendsNowhereButItsOwnPage() {
    TestServer.Login alice = server.login("alice");
    String vault = privatePage(alice);
    String path = exchangePath(vault, alice.cookie()).replaceFirst("&to=.*", "&to=%2F%2Fevil.example%2F");
    assertEquals(400, send(host(vault), path, navigation()).status());
  }

  @Test
  void loggingOutEndsThePageSessionsItGaveAndClosesTheirSockets() {
    TestServer.Login alice = server.login("alice");
    String vault = privatePage(alice);
    String cookie = pageCookie(vault, alice.cookie());
    RecordingClient socket = RecordingClient.connect(server.port(), "/" + vault + "/",
        Map.of("Host", host(vault) + ":" + server.port(), "Origin", origin(vault), "Cookie", cookie));
    assertNull(socket.subscribe(vault).get("error"), "the page session reads its page");

    PageHttp.Answer logout = PageHttp.send(server.port(), "POST", "weft.localhost", "/auth/logout",
        Map.of("Cookie", alice.cookie(), "Origin", "http://weft.localhost:" + server.port()));
    assertEquals(303, logout.status(), logout.body());
    assertEquals(4401, socket.awaitClose());
    assertEquals(403, json(vault, vault, cookie).status());
    PageHttp.Answer reopened = send(host(vault), "/" + vault + "/", navigation("Cookie", cookie));
    assertEquals(302, reopened.status(), "back to the main origin for a new page session");
    assertEquals("http://weft.localhost:" + server.port() + "/" + vault + "/", reopened.header("Location"));
  }

  @Test
  void aPageCookieSentTwiceCountsForNothing() {
    TestServer.Login alice = server.login("alice");
    String vault = privatePage(alice);
    String cookie = pageCookie(vault, alice.cookie());
    assertEquals(403, json(vault, vault, cookie + "; " + cookie).status());
  }

  /** A new page only alice may use. */
  @SuppressWarnings("unchecked")
  static String privatePage(TestServer.Login owner) {
    String doc = "private" + NEXT.incrementAndGet();
    try (RecordingClient a = server.connect(doc, owner)) {
      List<Object> page = Pages.skeleton(doc);
      ((Map<String, Object>) page.get(1)).put("data-auth",
          "[{\"username\":\"" + owner.username() + "\",\"provider\":\"test\",\"permissions\":\"rwa\"}]");
      assertNull(a.create(doc, page).get("error"));
    }
    return doc;
  }

  /** The path on {@code doc}'s origin the main origin sends a navigation to, with its code. */
  static String exchangePath(String doc, String mainCookie) {
    PageHttp.Answer main = send("weft.localhost", "/" + doc + "/",
        mainCookie == null ? navigation() : navigation("Cookie", mainCookie));
    assertEquals(302, main.status(), main.body());
    String location = main.header("Location");
    String prefix = origin(doc) + "/~page-session?code=";
    assertTrue(location.startsWith(prefix), location);
    return location.substring(origin(doc).length());
  }

  /** The page cookie ({@code weft_page=...}) the handshake gives {@code doc}'s origin for the main cookie. */
  static String pageCookie(String doc, String mainCookie) {
    PageHttp.Answer exchanged = send(host(doc), exchangePath(doc, mainCookie), navigation());
    assertEquals(302, exchanged.status(), exchanged.body());
    return exchanged.cookie("weft_page");
  }

  /** {@code GET /<doc>/?json} on {@code hostDoc}'s origin, from that origin, with {@code cookie}. */
  static PageHttp.Answer json(String hostDoc, String doc, String cookie) {
    Map<String, String> headers = new java.util.HashMap<>(Map.of("Sec-Fetch-Site", "same-origin",
        "Sec-Fetch-Mode", "cors"));
    if (cookie != null) {
      headers.put("Cookie", cookie);
    }
    return send(host(hostDoc), "/" + doc + "/?json", headers);
  }

  static PageHttp.Answer send(String host, String path, Map<String, String> headers) {
    return PageHttp.send(server.port(), "GET", host, path, headers);
  }

  static String host(String doc) {
    return PageLabels.of(doc) + ".weft.localhost";
  }

  static String origin(String doc) {
    return "http://" + host(doc) + ":" + server.port();
  }
}

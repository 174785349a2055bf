package io.weft.isolation;

import static io.weft.isolation.PageHttp.navigation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.json.Json;
import io.weft.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the front page's account panel and New page button allow, and from where: the panel is a page of
 * the main origin that only the front page's origin may frame; New page is a POST that only the main
 * origin's own forms may send, limited per address, making a page whose creator is its admin.
 */
class FrontPageHostTest {
  private static final String MAIN = "weft.localhost";
  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theAccountPanelMayBeFramedByTheFrontPageOnly() {
    server = TestServer.start();
    PageHttp.Answer panel = PageHttp.send(server.port(), "GET", MAIN, "/~home", navigation());
    assertEquals(200, panel.status());
    String policy = panel.header("Content-Security-Policy");
    assertTrue(policy.endsWith("frame-ancestors http://frontpage." + MAIN + ":" + server.port()), policy);
    assertFalse(policy.contains("unsafe-inline"), policy);
    assertTrue(panel.body().contains("action=\"/~new-page\""), panel.body());
    PageHttp.Answer onPage = PageHttp.send(server.port(), "GET", "frontpage." + MAIN, "/~home", navigation());
    assertEquals(302, onPage.status(), "a page's origin sends it to the main origin");
    assertEquals("http://" + MAIN + ":" + server.port() + "/~home", onPage.header("Location"));
  }

  @Test
  void newPageIsRefusedFromAnotherOriginEvenOfThisSiteAndOnAPagesOrigin() {
    server = TestServer.start();
    TestServer.Login alice = server.login("alice");
    String evil = "http://evil." + MAIN + ":" + server.port();
    PageHttp.Answer crossSite = PageHttp.send(server.port(), "POST", MAIN, "/~new-page",
        Map.of("Origin", evil, "Cookie", alice.cookie()));
    assertEquals(403, crossSite.status(), crossSite.body());
    assertTrue(crossSite.body().contains("ERR_CROSS_SITE"), crossSite.body());
    PageHttp.Answer onPage = PageHttp.send(server.port(), "POST", "evil." + MAIN, "/~new-page",
        Map.of("Origin", evil));
    assertEquals(404, onPage.status(), "a page's origin takes no POST");
  }

  @Test
  @SuppressWarnings("unchecked")
  void newPageMakesARandomPageWithItsCreatorAsAdminUpToTheLimitPerAddress() {
    server = TestServer.start(Map.of("pages.newPagesPerAddress", "2", "pages.newPageWindowSeconds", "600"));
    TestServer.Login alice = server.login("alice");
    String origin = "http://" + MAIN + ":" + server.port();
    PageHttp.Answer made = PageHttp.send(server.port(), "POST", MAIN, "/~new-page",
        Map.of("Origin", origin, "Cookie", alice.cookie()));
    assertEquals(303, made.status(), made.body());
    String location = made.header("Location");
    assertTrue(location.matches("/[a-z2-9]{12}/"), location);
    String id = location.substring(1, location.length() - 1);
    List<Object> page = (List<Object>) Json.parse(server.get("/" + id + "/?json").body());
    String list = (String) ((Map<String, Object>) page.get(1)).get("data-auth");
    List<Map<String, Object>> entries = (List<Map<String, Object>>) Json.parse(list);
    assertTrue(entries.contains(Map.of("username", "alice", "provider", "test", "permissions", "rwa")), list);
    assertTrue(entries.contains(Map.of("username", "anonymous", "provider", "", "permissions", "rwa")),
        "the defaults' own entries stay: " + list);

    PageHttp.Answer anonymous = PageHttp.send(server.port(), "POST", MAIN, "/~new-page", Map.of("Origin", origin));
    assertEquals(303, anonymous.status(), "the defaults let anyone make a page");
    assertFalse(anonymous.header("Location").equals(location), "a new id each time");
    List<Object> plain = (List<Object>) Json.parse(server.get(anonymous.header("Location") + "?json").body());
    assertFalse(((Map<String, Object>) plain.get(1)).containsKey("data-auth"), "nobody to name as admin");

    PageHttp.Answer refused = PageHttp.send(server.port(), "POST", MAIN, "/~new-page",
        Map.of("Origin", origin, "Cookie", alice.cookie()));
    assertEquals(429, refused.status(), refused.body());
    assertTrue(refused.body().contains("NEW_PAGES_LIMITED"), refused.body());
    assertTrue(Long.parseLong(refused.header("Retry-After")) > 0);
  }
}

package io.weft.isolation;

import static io.weft.isolation.PageHttp.navigation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.weft.testing.RecordingClient;
import io.weft.testing.ServerRig;
import io.weft.testing.TestServer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Where cookie authority counts with pages on origins of their own: a page's origin acts for its visitor
 * on that page only, and only for requests from that origin or the main one.
 */
class PageAuthorityTest {
  @RegisterExtension
  static final ServerRig server = new ServerRig();
  private final PageClient client = new PageClient(server);

  @Test
  void aSocketOnAPagesOriginActsForItsVisitorOnThatPageOnly() {
    TestServer.Login alice = server.login("alice");
    String mine = client.privatePage(alice);
    String vault = client.privatePage(alice);
    try (RecordingClient socket = pageSocket(mine, client.pageCookie(mine, alice.cookie()), client.origin(mine))) {
      assertNull(socket.subscribe(mine).get("error"), "alice on her page");
      Map<String, Object> refused = socket.subscribe(vault);
      assertEquals("ERR_FORBIDDEN", ((Map<?, ?>) refused.get("error")).get("code"), "anonymous on any other");
      socket.send(Map.of("wa", "createInvite", "d", vault, "token", 1, "options", Map.of("permissions", "rwa")));
      assertEquals("ERR_LOGIN_REQUIRED", socket.next().get("code"), "invites are for people: not anonymous");
      socket.send(Map.of("wa", "createToken", "d", vault, "token", 2));
      assertEquals("ERR_LOGIN_REQUIRED", socket.next().get("code"));
      socket.send(Map.of("wa", "createToken", "d", mine, "token", 3));
      assertNull(socket.next().get("code"), "her own page's token");
    }
  }

  @Test
  void aSocketFromAnotherPagesOriginIsRefused() {
    TestServer.Login alice = server.login("alice");
    String vault = client.privatePage(alice);
    String cookie = client.pageCookie(vault, alice.cookie());
    assertThrows(IllegalStateException.class, () -> pageSocket(vault, cookie, client.origin("evil")).close());
    assertThrows(IllegalStateException.class, () -> RecordingClient.open(server.port(), "/" + vault + "/",
        Map.of("Host", client.host("evil") + ":" + server.port(), "Origin", client.origin("evil"))).close(),
        "a page's origin opens sockets to its own page only");
    assertThrows(IllegalStateException.class, () -> RecordingClient.open(server.port(), "/" + vault + "/",
        Map.of("Host", "weft.localhost:" + server.port(), "Origin", client.origin("evil"), "Cookie", alice.cookie())).close(),
        "nor to the main origin");
  }

  @Test
  void aSocketFromTheMainOriginKeepsItsLoginsAuthority() {
    TestServer.Login alice = server.login("alice");
    String vault = client.privatePage(alice);
    String main = "http://weft.localhost:" + server.port();
    try (RecordingClient socket = RecordingClient.connect(server.port(), "/" + vault + "/",
        Map.of("Host", "weft.localhost:" + server.port(), "Origin", main, "Cookie", alice.cookie()))) {
      assertNull(socket.subscribe(vault).get("error"));
    }
    try (RecordingClient socket = pageSocket(vault, client.pageCookie(vault, alice.cookie()), main)) {
      assertNull(socket.subscribe(vault).get("error"), "the main origin may use a page's socket");
    }
  }

  @Test
  void cookiesCountOnlyForRequestsFromTheirOwnOriginOrTheMainOne() {
    TestServer.Login alice = server.login("alice");
    String vault = client.privatePage(alice);
    String cookie = client.pageCookie(vault, alice.cookie());
    String path = "/" + vault + "/?json";
    assertEquals(200, get(client.host(vault), path, "Cookie", cookie, "Sec-Fetch-Site", "same-origin").status());
    assertEquals(200, get(client.host(vault), path, "Cookie", cookie, "Origin", client.origin(vault)).status());
    assertEquals(200, get(client.host(vault), path, "Cookie", cookie, "Origin", "http://weft.localhost:" + server.port()).status());
    assertEquals(403, get(client.host(vault), path, "Cookie", cookie, "Origin", client.origin("evil")).status());
    assertEquals(403, get(client.host(vault), path, "Cookie", cookie, "Sec-Fetch-Site", "same-site",
        "Sec-Fetch-Mode", "no-cors").status(), "another page's script, no Origin sent");
    assertEquals(403, get("weft.localhost", path, "Cookie", alice.cookie(), "Sec-Fetch-Site", "same-site",
        "Sec-Fetch-Mode", "no-cors").status(), "the login's cookie, sent by a page's script");
    assertEquals(200, get("weft.localhost", path, "Cookie", alice.cookie(), "Sec-Fetch-Site", "same-origin").status());
    assertEquals(200, get("weft.localhost", path, "Cookie", alice.cookie(), "Origin", "null",
        "Sec-Fetch-Site", "same-origin").status(), "a form of the main origin's own page, sent without a referrer");
    assertEquals(403, get("weft.localhost", path, "Cookie", alice.cookie(), "Origin", "null",
        "Sec-Fetch-Site", "same-site").status(), "a sandboxed frame in a page");
  }

  @Test
  void dataAnswersStayWithTheirOrigin() {
    String doc = "opendata";
    server.get("/" + doc + "/");
    try (RecordingClient a = server.connect(doc)) {
      assertNull(a.create(doc, io.weft.testing.Pages.skeleton(doc)).get("error"));
    }
    PageHttp.Answer json = get(client.host(doc), "/" + doc + "/?json", "Sec-Fetch-Site", "same-origin");
    assertEquals(200, json.status());
    assertEquals("same-origin", json.header("Cross-Origin-Resource-Policy"));
    assertEquals("nosniff", json.header("X-Content-Type-Options"));
  }

  @Test
  void navigationsGoToTheOriginTheyBelongOn() {
    int port = server.port();
    PageHttp.Answer old = PageHttp.send(port, "GET", "127.0.0.1", "/doc1/?token=t", navigation());
    assertEquals("http://weft.localhost:" + port + "/doc1/?token=t", old.header("Location"));
    PageHttp.Answer link = PageHttp.send(port, "GET", client.host("doc1"), "/doc2/", navigation());
    assertEquals(client.origin("doc2") + "/doc2/", link.header("Location"), "a link or a transcluding frame");
    PageHttp.Answer login = PageHttp.send(port, "GET", client.host("doc1"), "/auth/local?return=/doc1/", navigation());
    assertEquals("http://weft.localhost:" + port + "/auth/local?return=/doc1/", login.header("Location"));
    PageHttp.Answer invite = PageHttp.send(port, "GET", client.host("doc1"), "/doc1/?acceptInvite=k", navigation());
    assertEquals("http://weft.localhost:" + port + "/doc1/?acceptInvite=k", invite.header("Location"));
    assertEquals(404, PageHttp.send(port, "GET", client.host("doc1"), "/doc2/?json", Map.of()).status(),
        "a page's origin serves no other page's data");
    PageHttp.Answer embedded = PageHttp.send(port, "GET", "weft.localhost", "/doc1/",
        Map.of("Sec-Fetch-Dest", "object", "Sec-Fetch-Mode", "no-cors", "Sec-Fetch-Site", "same-site"));
    assertEquals(302, embedded.status(), "a page never runs on the main origin, not even in an <object>");
    assertEquals(404, PageHttp.send(port, "GET", "127.0.0.1", "/doc1/?v", Map.of()).status(),
        "clients that are no browser are served where they ask (no such page yet)");
  }

  private RecordingClient pageSocket(String doc, String cookie, String origin) {
    return RecordingClient.connect(server.port(), "/" + doc + "/",
        Map.of("Host", client.host(doc) + ":" + server.port(), "Origin", origin, "Cookie", cookie));
  }

  private static PageHttp.Answer get(String host, String path, String... headers) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      map.put(headers[i], headers[i + 1]);
    }
    return PageHttp.send(server.port(), "GET", host, path, map);
  }
}

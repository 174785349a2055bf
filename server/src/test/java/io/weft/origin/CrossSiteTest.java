package io.weft.origin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.testing.RecordingClient;
import io.weft.testing.ServerRig;
import io.weft.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pages of other sites cannot open sockets here or post forms with a visitor's cookies. */
class CrossSiteTest {
  @RegisterExtension
  static final ServerRig server = new ServerRig(Map.of("http.allowedOrigins", "https://apps.example"));

  private String ownOrigin() {
    return "http://127.0.0.1:" + server.port();
  }

  @Test
  void aWebSocketFromAnotherSitesPageIsRefused() {
    TestServer.Login alice = server.login("alice");
    IllegalStateException refused = assertThrows(IllegalStateException.class, () -> RecordingClient.open(server.port(),
        "/xs/", Map.of("Origin", "https://evil.example", "Cookie", alice.cookie())));
    assertTrue(String.valueOf(refused.getCause()).contains("403") || String.valueOf(refused).contains("403"),
        "refused with 403: " + refused);
  }

  @Test
  void webSocketsFromOurOwnPagesAnAllowedOriginOrNoBrowserAreAccepted() {
    for (Map<String, String> headers : new Map[] {Map.of("Origin", ownOrigin()), Map.of("Origin", "https://apps.example"),
        Map.of()}) {
      try (RecordingClient client = RecordingClient.connect(server.port(), "/xs/", headers)) {
        assertEquals("init", client.init.get("a"), "accepted with " + headers);
      }
    }
  }

  @Test
  void formsPostedFromAnotherSiteAreRefused() {
    assertEquals(403, server.post("/auth/test", "username=mallory", Map.of("Origin", "https://evil.example")).statusCode());
    assertEquals(403, server.post("/auth/test", "username=mallory", Map.of("Sec-Fetch-Site", "cross-site")).statusCode());
    assertEquals(303, server.post("/auth/test", "username=mallory", Map.of("Origin", ownOrigin(),
        "Sec-Fetch-Site", "same-origin")).statusCode());
  }

  @Test
  void aFormOnOurOwnPageSentWithoutReferrerPostsOriginNullAndPasses() {
    // The invitation pages are sent with Referrer-Policy: no-referrer, so their forms post Origin: null.
    assertEquals(303, server.post("/auth/test", "username=mallory", Map.of("Origin", "null",
        "Sec-Fetch-Site", "same-origin")).statusCode());
    assertEquals(403, server.post("/auth/test", "username=mallory", Map.of("Origin", "null",
        "Sec-Fetch-Site", "cross-site")).statusCode(), "a sandboxed frame elsewhere posts Origin: null too");
    assertEquals(403, server.post("/auth/test", "username=mallory", Map.of("Origin", "null")).statusCode());
  }

  @Test
  void loggingOutTakesAPostAGetOnlyShowsTheForm() {
    TestServer.Login alice = server.login("alice");
    assertEquals(200, server.get("/auth/logout", alice.headers()).statusCode());
    assertTrue(server.get("/auth/me", alice.headers()).body().contains("\"alice\""), "still logged in after a GET");
    Map<String, String> crossSite = Map.of("Cookie", alice.cookie(), "Origin", "https://evil.example");
    assertEquals(403, server.post("/auth/logout", "", crossSite).statusCode());
    assertTrue(server.get("/auth/me", alice.headers()).body().contains("\"alice\""), "still logged in after a cross-site POST");
    assertEquals(303, server.post("/auth/logout", "", alice.headers()).statusCode());
    assertTrue(server.get("/auth/me", alice.headers()).body().contains("anonymous"), "logged out");
  }
}

package io.weft.invite;

import static io.weft.invite.InviteClient.entries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.testing.ServerRig;
import io.weft.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /<id>/?acceptInvite=<key>} over HTTP, with the Fetch metadata headers a browser sends: what
 * accepts, what only asks, and what must never accept.
 */
class InviteLinkTest {
  /** What Chromium sends when the user opens a link typed, bookmarked or pasted. */
  private static final Map<String, String> TYPED = Map.of("Sec-Fetch-Site", "none", "Sec-Fetch-Mode", "navigate",
      "Sec-Fetch-Dest", "document");
  /** A link clicked on another site (a mail in a web mail). */
  private static final Map<String, String> FROM_ANOTHER_SITE = Map.of("Sec-Fetch-Site", "cross-site",
      "Sec-Fetch-Mode", "navigate", "Sec-Fetch-Dest", "document");

  /**
   * Invitation links are handled on the main origin; naming it by the address this test's plain HTTP
   * client reaches (no resolver here knows weft.localhost) lets the requests land there.
   */
  @RegisterExtension
  static final ServerRig server = new ServerRig(Map.of("pages.domain", "127.0.0.1"));
  private static TestServer.Login alice;
  private static InviteClient inviter;

  @BeforeAll
  static void logIn() {
    alice = server.login("alice");
    inviter = InviteClient.of(server, alice);
  }

  @AfterAll
  static void closeClient() {
    inviter.close();
  }

  private static String page() {
    return InviteRulesTest.page(server, alice, entries("alice", "rwa"));
  }

  private static String invite(String doc, Map<String, Object> options) {
    return (String) inviter.create(doc, options).get("key");
  }

  private static Map<String, String> headers(Map<String, String> base, TestServer.Login login, String... cookies) {
    Map<String, String> out = new HashMap<>(base);
    StringBuilder cookie = new StringBuilder(login == null ? "" : login.cookie());
    for (String c : cookies) {
      cookie.append(cookie.length() == 0 ? "" : "; ").append(c);
    }
    if (cookie.length() > 0) {
      out.put("Cookie", cookie.toString());
    }
    return out;
  }

  private static String rightsOf(String doc, String username) {
    return InviteRulesTest.listOf(server, alice, doc).get(username + ":test");
  }

  @Test
  void aLoggedInUserOpeningTheLinkIsGrantedAndSentToThePageWithoutTheKey() {
    String doc = page();
    String key = invite(doc, Map.of("permissions", "rw"));
    HttpResponse<String> response = server.get("/" + doc + "/?acceptInvite=" + key, headers(TYPED, server.login("bob")));
    assertEquals(303, response.statusCode(), response.body());
    assertEquals("/" + doc + "/", response.headers().firstValue("location").orElseThrow());
    assertEquals("no-referrer", response.headers().firstValue("referrer-policy").orElseThrow());
    assertEquals("rw", rightsOf(doc, "bob"));
  }

  @Test
  void aLoggedOutVisitorLogsInFirstAndComesBackToFinish() {
    String doc = page();
    String key = invite(doc, Map.of("permissions", "w"));
    HttpResponse<String> first = server.get("/" + doc + "/?acceptInvite=" + key, TYPED);
    assertEquals(303, first.statusCode());
    String login = first.headers().firstValue("location").orElseThrow();
    assertEquals("/auth/local?return=%2F" + doc + "%2F%3FpendingInvite", login);
    String setCookie = first.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("weft_invite="))
        .findFirst().orElseThrow();
    assertTrue(setCookie.toLowerCase(java.util.Locale.ROOT).contains("httponly"), setCookie);
    assertTrue(setCookie.contains("Path=/" + doc + "/"), "only this page's requests carry it: " + setCookie);
    assertTrue(setCookie.contains("SameSite=Lax"), setCookie);
    String pending = setCookie.substring(0, setCookie.indexOf(';'));
    assertNull(rightsOf(doc, "carol"), "nothing granted before the login");

    TestServer.Login carol = server.login("carol");
    HttpResponse<String> back = server.get("/" + doc + "/?pendingInvite",
        headers(Map.of("Sec-Fetch-Site", "same-origin", "Sec-Fetch-Mode", "navigate", "Sec-Fetch-Dest", "document"),
            carol, pending));
    assertEquals(303, back.statusCode(), back.body());
    assertEquals("/" + doc + "/", back.headers().firstValue("location").orElseThrow());
    assertTrue(back.headers().allValues("set-cookie").stream().anyMatch(c -> c.startsWith("weft_invite=;")
        || c.startsWith("weft_invite=\"\"") || (c.startsWith("weft_invite=") && c.contains("Max-Age=0"))),
        "the waiting key is forgotten: " + back.headers().allValues("set-cookie"));
    assertEquals("w", rightsOf(doc, "carol"));
  }

  @Test
  void aLinkFollowedFromAnotherSiteAsksFirstAndAcceptsOnlyOnASameOriginPost() {
    String doc = page();
    String key = invite(doc, Map.of("permissions", "rw"));
    TestServer.Login dave = server.login("dave");
    HttpResponse<String> first = server.get("/" + doc + "/?acceptInvite=" + key, headers(FROM_ANOTHER_SITE, dave));
    assertEquals(303, first.statusCode(), "the key leaves the address at once");
    assertEquals("/" + doc + "/?pendingInvite", first.headers().firstValue("location").orElseThrow());
    String pending = first.headers().firstValue("set-cookie").orElseThrow();
    pending = pending.substring(0, pending.indexOf(';'));

    HttpResponse<String> ask = server.get("/" + doc + "/?pendingInvite", headers(FROM_ANOTHER_SITE, dave, pending));
    assertEquals(200, ask.statusCode());
    assertTrue(ask.body().contains("alice invites you"), ask.body());
    assertTrue(ask.body().contains("method=\"post\""), ask.body());
    assertFalse(ask.body().contains(key), "the page does not show the key");
    assertNull(rightsOf(doc, "dave"), "a GET from another site changes nothing");

    HttpResponse<String> forged = server.post("/" + doc + "/?pendingInvite", "",
        headers(Map.of("Origin", "https://evil.example"), dave, pending));
    assertEquals(403, forged.statusCode());
    assertNull(rightsOf(doc, "dave"));

    HttpResponse<String> confirmed = server.post("/" + doc + "/?pendingInvite", "",
        headers(Map.of("Origin", server.url("")), dave, pending));
    assertEquals(303, confirmed.statusCode(), confirmed.body());
    assertEquals("rw", rightsOf(doc, "dave"));
  }

  @Test
  void framesAndSubresourcesNeverAccept() {
    String doc = page();
    String key = invite(doc, Map.of("permissions", "rw"));
    TestServer.Login erin = server.login("erin");
    for (Map<String, String> fetch : new Map[] {
        Map.of("Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "navigate", "Sec-Fetch-Dest", "iframe"),
        Map.of("Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "no-cors", "Sec-Fetch-Dest", "image"),
        Map.of("Sec-Fetch-Site", "same-origin", "Sec-Fetch-Mode", "cors", "Sec-Fetch-Dest", "empty")}) {
      HttpResponse<String> response = server.get("/" + doc + "/?acceptInvite=" + key, headers(fetch, erin));
      assertEquals(403, response.statusCode(), fetch + ": " + response.body());
      assertTrue(response.headers().allValues("set-cookie").isEmpty(), "no key is kept either");
    }
    assertNull(rightsOf(doc, "erin"));
  }

  @Test
  void invalidLinksSayWhyWithTheStatusOfCheck() {
    String doc = page();
    TestServer.Login frank = server.login("frank");
    HttpResponse<String> unknown = server.get("/" + doc + "/?acceptInvite=" + "Z".repeat(43), headers(TYPED, frank));
    assertEquals(404, unknown.statusCode());
    assertTrue(unknown.body().contains("Invalid invitation key"), unknown.body());
    assertTrue(unknown.headers().firstValue("content-type").orElseThrow().startsWith("text/html"));

    String once = invite(doc, Map.of("permissions", "r", "maxUses", 1));
    assertEquals(303, server.get("/" + doc + "/?acceptInvite=" + once, headers(TYPED, server.login("gina"))).statusCode());
    HttpResponse<String> usedUp = server.get("/" + doc + "/?acceptInvite=" + once, headers(TYPED, frank));
    assertEquals(410, usedUp.statusCode());
    assertTrue(usedUp.body().contains("used as many times"), usedUp.body());

    // gina accepted it, then alice removed her: the link does not give her rights back.
    InviteRulesTest.setList(server, alice, doc, entries("alice", "rwa"));
    HttpResponse<String> again = server.get("/" + doc + "/?acceptInvite=" + once, headers(TYPED, server.login("gina")));
    assertEquals(410, again.statusCode(), again.body());
    assertTrue(again.body().contains("ask for a new one"), again.body());
    assertNull(rightsOf(doc, "gina"));

    String cancelled = invite(doc, Map.of("permissions", "r"));
    inviter.ok("removeInvite", doc, Map.of("key", cancelled));
    assertEquals(410, server.get("/" + doc + "/?acceptInvite=" + cancelled, headers(TYPED, frank)).statusCode());

    HttpResponse<String> hostile = server.get("/" + doc + "/?acceptInvite=%3Cscript%3E;Path=/", headers(TYPED, frank));
    assertEquals(404, hostile.statusCode());
    assertFalse(hostile.body().contains("<script>"));
    assertTrue(hostile.headers().allValues("set-cookie").isEmpty(), "a malformed key never reaches a cookie");
    assertNull(rightsOf(doc, "frank"));
  }
}

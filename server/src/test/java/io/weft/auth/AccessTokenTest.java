package io.weft.auth;

import static io.weft.testing.Wire.arr;
import static io.weft.testing.Wire.c;
import static io.weft.testing.Wire.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.json.Json;
import io.weft.testing.Pages;
import io.weft.testing.RecordingClient;
import io.weft.testing.ServerRig;
import io.weft.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Access tokens: minted by a logged-in user for one document, acting as them there until the list changes. */
class AccessTokenTest {
  @RegisterExtension
  static final ServerRig server = new ServerRig();
  private static TestServer.Login alice;
  private static TestServer.Login bob;

  @BeforeAll
  static void logIn() {
    alice = server.login("alice");
    bob = server.login("bob");
  }

  private static String list(String... extraUsers) {
    StringBuilder out = new StringBuilder("[{\"username\":\"alice\",\"provider\":\"test\",\"permissions\":\"rwa\"},"
        + "{\"username\":\"bob\",\"provider\":\"test\",\"permissions\":\"r\"}");
    for (String user : extraUsers) {
      out.append(",{\"username\":\"").append(user).append("\",\"provider\":\"test\",\"permissions\":\"r\"}");
    }
    return out.append(']').toString();
  }

  /** A page only alice (rwa) and bob (r) may use; alice's socket, subscribed. */
  private static RecordingClient privatePage(String doc) {
    RecordingClient a = server.connect(doc, alice);
    List<Object> page = Pages.skeleton(doc);
    ((Map<String, Object>) page.get(1)).put("data-auth", list());
    assertNull(a.create(doc, page).get("error"));
    a.subscribe(doc);
    return a;
  }

  private static Map<String, Object> request(RecordingClient client, Map<String, Object> request) {
    client.send(request);
    Map<String, Object> reply = client.next();
    assertEquals("reply", reply.get("wa"), "a reply: " + reply);
    return reply;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> mint(RecordingClient client, String doc, int maxAge) {
    Map<String, Object> reply = request(client, obj("wa", "createToken", "d", doc, "token", 1,
        "options", obj("maxAge", maxAge)));
    assertNull(reply.get("error"), "minted: " + reply);
    return (Map<String, Object>) reply.get("reply");
  }

  @Test
  void aTokenActsAsItsMinterOnItsDocumentOverHttpAndSockets() {
    String doc = "tokened";
    try (RecordingClient a = privatePage(doc)) {
      Map<String, Object> minted = mint(a, doc, 600);
      String token = (String) minted.get("token");
      assertTrue(token.length() >= 43, "256 bits, URL-safe: " + token);
      assertEquals("/" + doc + "/?token=" + token, minted.get("url"));
      assertEquals(403, server.get("/" + doc + "/?json").statusCode(), "anonymous, no token");
      assertEquals(200, server.get("/" + doc + "/?json&token=" + token).statusCode(), "anonymous with the token");
      assertEquals(403, server.get("/" + doc + "/?json&token=" + token.substring(1) + "x").statusCode(), "a wrong token");

      try (RecordingClient holder = RecordingClient.connect(server.port(), "/" + doc + "/?token=" + token)) {
        assertNull(holder.subscribe(doc).get("error"));
        assertEquals("alice", ((Map<?, ?>) holder.nextPresence().get("user")).get("username"), "hello names the minter");
        holder.submit(doc, 1L, List.of(Pages.setHtmlAttribute("data-by-token", "1")));
        assertNull(holder.next().get("error"), "the token writes as alice");
      }
    }
  }

  @Test
  void aTokenWorksOnlyOnItsOwnDocument() {
    try (RecordingClient a = privatePage("token-home"); RecordingClient other = privatePage("token-elsewhere")) {
      String token = (String) mint(a, "token-home", 600).get("token");
      assertEquals(403, server.get("/token-elsewhere/?json&token=" + token).statusCode());
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aTokenDiesWhenTheDocumentsPermissionsChange() {
    String doc = "token-dies";
    try (RecordingClient a = privatePage(doc)) {
      String token = (String) mint(a, doc, 600).get("token");
      try (RecordingClient holder = RecordingClient.connect(server.port(), "/" + doc + "/?token=" + token)) {
        assertNull(holder.subscribe(doc).get("error"));
        a.submit(doc, 1L, List.of(c(arr(1, "data-auth"), "od", list(), "oi", list("carol"))));
        assertNull(a.next().get("error"));
        assertEquals(4403, holder.awaitClose(), "the token's socket now reads as anonymous, who may not read");
      }
      assertEquals(403, server.get("/" + doc + "/?json&token=" + token).statusCode(), "dead over HTTP too");
      List<Object> listed = (List<Object>) request(a, obj("wa", "getTokens", "d", doc, "token", 2)).get("reply");
      assertEquals(List.of(), listed, "dead tokens are not listed");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void onlyAdminsListTokensAndTheListNeverHoldsTheTokenItself() {
    String doc = "token-list";
    try (RecordingClient a = privatePage(doc); RecordingClient b = server.connect(doc, bob)) {
      Map<String, Object> minted = mint(a, doc, 600);
      List<Map<String, Object>> listed = (List<Map<String, Object>>) request(a,
          obj("wa", "getTokens", "d", doc, "token", 2)).get("reply");
      assertEquals(1, listed.size());
      assertEquals(minted.get("id"), listed.get(0).get("id"));
      assertEquals("alice", listed.get(0).get("username"));
      assertFalse(Json.encode(listed).contains((String) minted.get("token")), "the secret is shown once only");
      Map<String, Object> refused = request(b, obj("wa", "getTokens", "d", doc, "token", 3));
      assertTrue(String.valueOf(refused.get("error")).contains("'a'"), "bob is no admin: " + refused);
    }
  }

  @Test
  void removedAndExpiredTokensStopWorking() throws Exception {
    String doc = "token-removed";
    try (RecordingClient a = privatePage(doc)) {
      Map<String, Object> minted = mint(a, doc, 600);
      Map<String, Object> removed = request(a, obj("wa", "removeToken", "d", doc, "token", 4,
          "options", obj("id", minted.get("id"))));
      assertEquals(obj("removed", true), removed.get("reply"));
      assertEquals(403, server.get("/" + doc + "/?json&token=" + minted.get("token")).statusCode());

      // Long enough to be used once on a loaded machine; then wait until its own expiry has passed.
      Map<String, Object> brief = mint(a, doc, 3);
      String shortLived = (String) brief.get("token");
      assertEquals(200, server.get("/" + doc + "/?json&token=" + shortLived).statusCode());
      long expiresAt = Instant.parse((String) brief.get("expiresAt")).toEpochMilli();
      Thread.sleep(Math.max(0, expiresAt - System.currentTimeMillis()) + 300);
      assertEquals(403, server.get("/" + doc + "/?json&token=" + shortLived).statusCode(), "expired");
    }
  }

  @Test
  void anonymousCallersCannotMintAndBadOptionsAreRefused() {
    String doc = "token-anon";
    try (RecordingClient a = privatePage(doc); RecordingClient anon = server.connect("public-page")) {
      Map<String, Object> refused = request(anon, obj("wa", "createToken", "d", doc, "token", 5));
      assertTrue(String.valueOf(refused.get("error")).contains("logged in"), "anonymous: " + refused);
      Map<String, Object> bad = request(a, obj("wa", "createToken", "d", doc, "token", 6, "options", obj("maxAge", "soon")));
      assertNotNull(bad.get("error"), "a maxAge that is no number: " + bad);
    }
  }

  @Test
  void onlyAHashOfATokenIsStored() throws IOException {
    String doc = "token-hashed";
    String token;
    try (RecordingClient a = privatePage(doc)) {
      token = (String) mint(a, doc, 600).get("token");
    }
    byte[] needle = token.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.walk(server.dataDir())) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertFalse(contains(Files.readAllBytes(file), needle), file + " holds the token in plain text");
      }
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}

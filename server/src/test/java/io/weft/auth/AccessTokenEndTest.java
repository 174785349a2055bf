package io.weft.auth;

import static io.weft.testing.Wire.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.json.Json;
import io.weft.testing.Pages;
import io.weft.testing.RecordingClient;
import io.weft.testing.ServerRig;
import io.weft.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A socket opened with an access token works only while the token does: removal and expiry close it. */
class AccessTokenEndTest {
  private static final int TOKEN_ENDED = 4401;

  @RegisterExtension
  static final ServerRig server = new ServerRig();
  private static TestServer.Login alice;

  @BeforeAll
  static void logIn() {
    alice = server.login("alice");
  }

  /** A page only alice may use (rwa); alice's socket, subscribed. */
  private static RecordingClient alicesPage(String doc) {
    RecordingClient a = server.connect(doc, alice);
    List<Object> page = Pages.skeleton(doc);
    ((Map<String, Object>) page.get(1)).put("data-auth",
        "[{\"username\":\"alice\",\"provider\":\"test\",\"permissions\":\"rwa\"}]");
    assertNull(a.create(doc, page).get("error"));
    a.subscribe(doc);
    return a;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> request(RecordingClient client, Map<String, Object> request) {
    client.send(request);
    Map<String, Object> reply = client.next();
    while ("op".equals(reply.get("a"))) {
      reply = client.next(); // a holder's op, broadcast to alice's subscribed socket
    }
    assertEquals("reply", reply.get("wa"), "a reply: " + reply);
    assertNull(reply.get("error"), "refused: " + reply);
    return (Map<String, Object>) reply.get("reply");
  }

  private static RecordingClient holder(String doc, String token) {
    RecordingClient holder = RecordingClient.connect(server.port(), "/" + doc + "/?token=" + token);
    assertNull(holder.subscribe(doc).get("error"));
    return holder;
  }

  private static String json(String doc) {
    return server.get("/" + doc + "/?json", alice.headers()).body();
  }

  @Test
  void removingATokenClosesEverySocketOpenedWithItAndWhatTheySendAfterIsNotApplied() throws Exception {
    String doc = "token-end-removed";
    try (RecordingClient a = alicesPage(doc)) {
      Map<String, Object> minted = request(a, obj("wa", "createToken", "d", doc, "token", 1,
          "options", obj("maxAge", 600)));
      String token = (String) minted.get("token");
      try (RecordingClient holder = holder(doc, token); RecordingClient second = holder(doc, token)) {
        holder.submit(doc, 1L, List.of(Pages.setHtmlAttribute("data-before", "1")));
        assertNull(holder.next().get("error"), "the token writes as alice while it lives");

        assertEquals(obj("removed", true), request(a, obj("wa", "removeToken", "d", doc, "token", 2,
            "options", obj("id", minted.get("id")))));
        // The server may have closed the socket already; if the frames still go out, they must not count.
        Map<String, Object> late = RecordingClient.message("op", doc);
        late.put("v", 2);
        late.put("src", holder.id);
        late.put("seq", 2);
        late.put("op", List.of(Pages.setHtmlAttribute("data-after", "1")));
        holder.socket().writeTextMessage(Json.encode(late));
        holder.socket().writeTextMessage(Json.encode(obj("wa", "getTokens", "d", doc, "token", 3)));

        assertEquals(TOKEN_ENDED, holder.awaitClose());
        assertEquals(TOKEN_ENDED, second.awaitClose(), "every socket opened with the token closes");
        for (Map<String, Object> frame = holder.poll(0); frame != null; frame = holder.poll(0)) {
          assertFalse("reply".equals(frame.get("wa")), "getTokens was answered after the removal: " + frame);
          assertFalse(Long.valueOf(2).equals(seq(frame)), "the late op was acknowledged: " + frame);
        }
      }
      // The pipeline would have applied a late op within this time; it must never arrive.
      Thread.sleep(300);
      String now = json(doc);
      assertTrue(now.contains("data-before"), now);
      assertFalse(now.contains("data-after"), "an op sent after the removal was applied: " + now);
    }
  }

  private static Long seq(Map<String, Object> frame) {
    return frame.get("seq") instanceof Number n ? n.longValue() : null;
  }

  @Test
  void aTokenThatExpiresClosesItsSocketWhenItExpires() {
    String doc = "token-end-expired";
    try (RecordingClient a = alicesPage(doc)) {
      Map<String, Object> minted = request(a, obj("wa", "createToken", "d", doc, "token", 1,
          "options", obj("maxAge", 1)));
      try (RecordingClient holder = holder(doc, (String) minted.get("token"))) {
        long opened = System.currentTimeMillis();
        assertEquals(TOKEN_ENDED, holder.awaitClose());
        long waited = System.currentTimeMillis() - opened;
        assertTrue(waited < 3000, "closed " + waited + " ms after opening, the token lived 1 s");
      }
      assertEquals(403, server.get("/" + doc + "/?json&token=" + minted.get("token")).statusCode());
    }
  }

  @Test
  void removingAnotherTokenOfThePageLeavesTheSocketOpen() {
    String doc = "token-end-other";
    try (RecordingClient a = alicesPage(doc)) {
      String kept = (String) request(a, obj("wa", "createToken", "d", doc, "token", 1,
          "options", obj("maxAge", 600))).get("token");
      Object other = request(a, obj("wa", "createToken", "d", doc, "token", 2,
          "options", obj("maxAge", 600))).get("id");
      try (RecordingClient holder = holder(doc, kept)) {
        assertEquals(obj("removed", true), request(a, obj("wa", "removeToken", "d", doc, "token", 3,
            "options", obj("id", other))));
        holder.submit(doc, 1L, List.of(Pages.setHtmlAttribute("data-kept", "1")));
        assertNull(holder.next().get("error"), "the other token's removal does not touch this one");
        assertTrue(json(doc).contains("data-kept"));
      }
    }
  }
}

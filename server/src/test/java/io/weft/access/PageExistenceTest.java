package io.weft.access;

import static io.weft.testing.Wire.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.json.Json;
import io.weft.testing.Pages;
import io.weft.testing.RecordingClient;
import io.weft.testing.ServerRig;
import io.weft.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Whoever may not read a page learns nothing of whether it exists: over HTTP and the socket, an
 * existing page they may not read answers exactly as a missing page they may not read (here the
 * defaults give only alice rights, so nobody else may read or create a missing page).
 */
class PageExistenceTest {
  private static final String MISSING = "never-made-page";
  /** Exists, follows the defaults: only alice. */
  private static final String HIDDEN = "alices-secret-pg";
  /** Exists, with its own list: alice rwa, carol r. */
  private static final String SHARED = "alice-and-carol";
  private static final String ID = "<id>";

  @RegisterExtension
  static final ServerRig server = new ServerRig(Map.of("permissions.defaults",
      "[{\"username\":\"alice\",\"provider\":\"test\",\"permissions\":\"rwa\"}]"));
  private static TestServer.Login alice;
  private static TestServer.Login bob;
  private static TestServer.Login carol;

  @BeforeAll
  static void makePages() {
    alice = server.login("alice");
    bob = server.login("bob");
    carol = server.login("carol");
    try (RecordingClient a = server.connect(HIDDEN, alice)) {
      assertNull(a.create(HIDDEN, Pages.skeleton(HIDDEN)).get("error"));
      List<Object> shared = Pages.skeleton(SHARED);
      ((Map<String, Object>) shared.get(1)).put("data-auth", "[{\"username\":\"alice\",\"provider\":\"test\","
          + "\"permissions\":\"rwa\"},{\"username\":\"carol\",\"provider\":\"test\",\"permissions\":\"r\"}]");
      assertNull(a.create(SHARED, shared).get("error"));
    }
  }

  private static final List<String> QUERIES = List.of("", "?json", "?v", "?v=1", "?json&token=not-a-token");

  /** Status, content type and body, the page's id replaced. */
  private static String http(String docId, String query, Map<String, String> headers) {
    HttpResponse<String> response = server.get("/" + docId + "/" + query, headers);
    return response.statusCode() + " " + response.headers().firstValue("content-type").orElse("-") + "\n"
        + response.body().replace(docId, ID);
  }

  @Test
  void overHttpAnUnreadablePageAnswersExactlyAsAMissingOne() {
    for (Map<String, String> headers : List.of(Map.<String, String>of(), bob.headers())) {
      for (String page : List.of(HIDDEN, SHARED)) {
        for (String query : QUERIES) {
          String missing = http(MISSING, query, headers);
          assertTrue(missing.startsWith("403 "), "nobody but alice may read a missing page: " + missing);
          assertEquals(missing, http(page, query, headers), page + query + " as " + headers.keySet());
        }
      }
    }
  }

  @Test
  void overHttpReadersStillGetAccurateAnswers() {
    assertTrue(http(SHARED, "?json", carol.headers()).startsWith("200 "));
    assertTrue(http(SHARED, "", carol.headers()).startsWith("200 "));
    assertTrue(http(MISSING, "?json", alice.headers()).startsWith("404 "), "alice may read it: it does not exist");
    assertTrue(http(MISSING, "", alice.headers()).startsWith("200 "), "alice may create it: the shell does");
  }

  /** Every request a socket can make about a page, each answered by one frame. */
  private static List<Map<String, Object>> requests(String docId, String src) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object version : new Object[] {0, 5}) {
      Map<String, Object> create = RecordingClient.message("op", docId);
      create.put("v", version);
      create.put("src", src);
      create.put("seq", 1);
      create.put("create", obj("type", "http://sharejs.org/types/JSONv0", "data", Pages.skeleton("x")));
      out.add(create);
    }
    Map<String, Object> op = RecordingClient.message("op", docId);
    op.put("v", 1);
    op.put("src", src);
    op.put("seq", 2);
    op.put("op", List.of(Pages.setHtmlAttribute("data-x", "1")));
    out.add(op);
    out.add(RecordingClient.message("s", docId));
    Map<String, Object> resubscribe = RecordingClient.message("s", docId);
    resubscribe.put("v", 3);
    out.add(resubscribe);
    out.add(RecordingClient.message("f", docId));
    for (Object version : new Object[] {1, 9, null}) {
      Map<String, Object> snapshot = new LinkedHashMap<>(obj("a", "nf", "id", 1));
      snapshot.putAll(RecordingClient.message("nf", docId));
      snapshot.put("v", version);
      out.add(snapshot);
    }
    out.add(obj("wa", "getOps", "d", docId, "token", 1));
    out.add(obj("wa", "createToken", "d", docId, "token", 2));
    out.add(obj("wa", "getTokens", "d", docId, "token", 3));
    out.add(obj("wa", "removeToken", "d", docId, "token", 4, "options", obj("id", "some-token-id")));
    out.add(obj("wa", "createInvite", "d", docId, "token", 5, "options", obj("permissions", "r")));
    out.add(obj("wa", "getInvites", "d", docId, "token", 6));
    out.add(obj("wa", "ready", "d", docId, "token", 7));
    return out;
  }

  /** What the socket answers to each request about {@code docId}, the id replaced. */
  private static List<String> answers(RecordingClient client, String docId) {
    List<String> out = new ArrayList<>();
    for (Map<String, Object> request : requests(docId, client.id)) {
      client.send(request);
      out.add(Json.encode(client.next()).replace(docId, ID));
    }
    client.expectNothing(200);
    return out;
  }

  @Test
  void onTheSocketAnUnreadablePageAnswersExactlyAsAMissingOne() {
    for (TestServer.Login who : new TestServer.Login[] {null, bob}) {
      try (RecordingClient client = who == null ? server.connect("elsewhere") : server.connect("elsewhere", who)) {
        List<String> missing = answers(client, MISSING);
        assertTrue(missing.get(0).contains("ERR_FORBIDDEN"), "a create nobody but alice may make: " + missing.get(0));
        assertEquals(missing, answers(client, HIDDEN), "as " + (who == null ? "anonymous" : who.username()));
        assertEquals(missing, answers(client, SHARED), "as " + (who == null ? "anonymous" : who.username()));
      }
    }
  }

  @Test
  void aReaderIsToldThePageAlreadyExists() {
    try (RecordingClient c = server.connect("elsewhere", carol)) {
      Map<String, Object> refused = c.create(SHARED, Pages.skeleton(SHARED));
      assertEquals("ERR_DOC_ALREADY_CREATED", ((Map<?, ?>) refused.get("error")).get("code"), "carol reads it: " + refused);
    }
  }
}

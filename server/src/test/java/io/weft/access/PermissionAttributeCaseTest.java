package io.weft.access;

import static io.weft.testing.Wire.arr;
import static io.weft.testing.Wire.assertEchoedError;
import static io.weft.testing.Wire.c;
import static io.weft.testing.Wire.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.json.Json;
import io.weft.testing.Pages;
import io.weft.testing.RecordingClient;
import io.weft.testing.TestServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A browser folds attribute names to lower case, so {@code DATA-AUTH} on {@code <html>} is
 * {@code data-auth} there: writing any spelling of it is a change of the permission list.
 */
class PermissionAttributeCaseTest {
  private static final String DOC = "spellings";
  private static final List<Map<String, Object>> LIST = List.of(entry("writer", "rw"), entry("admin", "rwa"));
  private static TestServer server;
  private static TestServer.Login writer;
  private static TestServer.Login admin;

  private static Map<String, Object> entry(String username, String rights) {
    return obj("username", username, "provider", "test", "permissions", rights);
  }

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("permissions.defaults", Json.encode(LIST)));
    writer = server.login("writer");
    admin = server.login("admin");
    try (RecordingClient client = server.connect(DOC, admin)) {
      List<Object> page = Pages.skeleton(DOC);
      attributes(page).put("data-auth", Json.encode(LIST));
      assertNull(client.create(DOC, page).get("error"), "the admin creates the page with its list");
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> attributes(List<?> page) {
    return (Map<String, Object>) page.get(1);
  }

  /** A list in which the writer is an admin: what an attacker would write. */
  private static String takeover() {
    return Json.encode(List.of(entry("writer", "rwa"), entry("admin", "rwa")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"DATA-AUTH", "Data-Auth", "data-AUTH", "dATA-auth"})
  void aWriterAddingAnotherSpellingOfDataAuthIsForbidden(String name) {
    assertRefused(writer, arr(c(arr(1, name), "oi", takeover())), "ERR_FORBIDDEN");
  }

  @ParameterizedTest
  @ValueSource(strings = {"DATA-AUTH", "Data-Auth"})
  void aWriterReplacingTheAttributesWithAnotherSpellingIsForbidden(String name) {
    Map<String, Object> before = attributes((List<?>) page());
    Map<String, Object> replaced = new LinkedHashMap<>(before);
    replaced.put(name, takeover());
    assertRefused(writer, arr(c(arr(1), "ld", before, "li", replaced)), "ERR_FORBIDDEN");
  }

  /** Browsers would merge the two spellings, so no list would say the same thing there and here. */
  @ParameterizedTest
  @ValueSource(strings = {"DATA-AUTH", "Data-auth"})
  void anAdminAddingAnotherSpellingIsRefusedAsNoList(String name) {
    String message = assertRefused(admin, arr(c(arr(1, name), "oi", Json.encode(LIST))), "ERR_OP_SUBMIT_REJECTED");
    assertTrue(message.contains(name), "the refusal names the spelling: " + message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"writer", "admin"})
  void creatingAPageWithAnotherSpellingIsRefused(String who) {
    String id = "spelled-by-" + who;
    try (RecordingClient client = server.connect(id, who.equals("admin") ? admin : writer)) {
      List<Object> page = Pages.skeleton(id);
      attributes(page).put("DATA-AUTH", takeover());
      Map<String, Object> reply = client.create(id, page);
      Map<?, ?> error = (Map<?, ?>) reply.get("error");
      assertEquals(who.equals("admin") ? "ERR_OP_SUBMIT_REJECTED" : "ERR_FORBIDDEN", error.get("code"), reply.toString());
    }
    assertEquals(404, server.get("/" + id + "/?v", admin.headers()).statusCode(), "no page was made");
  }

  @org.junit.jupiter.api.Test
  void otherAttributesOfHtmlStayTheWritersToSet() {
    try (RecordingClient client = server.connect(DOC, writer)) {
      client.subscribe(DOC);
      int before = version();
      client.submit(DOC, (long) before, arr(c(arr(1, "data-author"), "oi", "bob")));
      assertNull(client.next().get("error"));
      assertEquals(before + 1, version());
    }
  }

  /** Submits {@code op} as {@code who}, checks the refusal and that nothing changed; returns its message. */
  private static String assertRefused(TestServer.Login who, List<Object> op, String code) {
    try (RecordingClient client = server.connect(DOC, who)) {
      client.subscribe(DOC);
      Object page = page();
      int before = version();
      Map<String, Object> sent = client.submit(DOC, (long) before, op);
      String message = assertEchoedError(sent, code, client.next());
      assertEquals(before, version(), "no version was made");
      assertEquals(page, page(), "the page is unchanged");
      assertEquals(Json.encode(LIST), attributes((List<?>) page()).get("data-auth"), "the list is unchanged");
      return message;
    }
  }

  private static int version() {
    return ((Number) ((Map<?, ?>) Json.parse(server.get("/" + DOC + "/?v", admin.headers()).body())).get("version"))
        .intValue();
  }

  private static Object page() {
    return Json.parse(server.get("/" + DOC + "/?json", admin.headers()).body());
  }
}

package io.weft.access;

import static io.weft.testing.Wire.arr;
import static io.weft.testing.Wire.c;
import static io.weft.testing.Wire.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.json.Json;
import io.weft.testing.Pages;
import io.weft.testing.RecordingClient;
import io.weft.testing.ServerRig;
import io.weft.testing.TestServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Who may do what: {anonymous, not listed, reader, writer, admin} × every way to read, write, change
 * permissions and create, over HTTP and the socket. Each cell is allowed exactly where the rules say.
 */
class PermissionMatrixTest {
  /** The users, and what the page's list and the server's defaults give each. */
  enum Who {
    ANONYMOUS(null, ""), STRANGER("stranger", ""), READER("reader", "r"), WRITER("writer", "rw"), ADMIN("admin", "rwa");

    final String name;
    final String rights;

    Who(String name, String rights) {
      this.name = name;
      this.rights = rights;
    }

    boolean can(char right) {
      return rights.indexOf(right) >= 0;
    }
  }

  private static final String DOC = "matrix";
  /** The same rights as defaults (for creating documents) and as the page's own list (no anonymous entry). */
  private static final List<Map<String, Object>> LIST = List.of(
      entry("reader", "r"), entry("writer", "rw"), entry("admin", "rwa"));
  @RegisterExtension
  static final ServerRig server = new ServerRig(Map.of("permissions.defaults", Json.encode(LIST)));
  private static final Map<Who, TestServer.Login> logins = new LinkedHashMap<>();
  /** Numbers the harmless extra readers that list changes add. */
  private static final java.util.concurrent.atomic.AtomicInteger EXTRA = new java.util.concurrent.atomic.AtomicInteger();

  private static Map<String, Object> entry(String username, String rights) {
    return obj("username", username, "provider", "test", "permissions", rights);
  }

  @BeforeAll
  static void logInAndCreateThePage() {
    for (Who who : Who.values()) {
      if (who.name != null) {
        logins.put(who, server.login(who.name));
      }
    }
    try (RecordingClient admin = connect(Who.ADMIN)) {
      List<Object> page = Pages.skeleton(DOC);
      ((Map<String, Object>) page.get(1)).put("data-auth", Json.encode(LIST));
      assertNull(admin.create(DOC, page).get("error"), "the admin creates the page with its list");
      admin.subscribe(DOC);
      admin.submit(DOC, 1L, List.of(Pages.setHtmlAttribute("data-x", "1")));
      assertEquals(1, admin.next().get("v"));
    }
  }

  private static RecordingClient connect(Who who) {
    return who == Who.ANONYMOUS ? server.connect(DOC) : server.connect(DOC, logins.get(who));
  }

  private static Map<String, String> headers(Who who) {
    return who == Who.ANONYMOUS ? Map.of() : logins.get(who).headers();
  }

  @ParameterizedTest
  @EnumSource(Who.class)
  void openingThePageOverHttpNeedsRead(Who who) {
    int expected = who.can('r') ? 200 : 403;
    assertEquals(expected, server.get("/" + DOC + "/", headers(who)).statusCode(), "page");
    assertEquals(expected, server.get("/" + DOC + "/?json", headers(who)).statusCode(), "?json");
    assertEquals(expected, server.get("/" + DOC + "/?v", headers(who)).statusCode(), "?v");
  }

  @ParameterizedTest
  @EnumSource(Who.class)
  void subscribingFetchingAndReadingHistoryNeedRead(Who who) {
    try (RecordingClient client = connect(who)) {
      assertAllowed(who.can('r'), client.subscribe(DOC), "subscribe");
      client.send(RecordingClient.message("f", DOC));
      assertAllowed(who.can('r'), client.next(), "fetch");
      Map<String, Object> old = RecordingClient.message("nf", DOC);
      old.put("id", 7);
      old.put("v", 1);
      client.send(old);
      assertAllowed(who.can('r'), client.next(), "fetch of version 1");
      client.send(obj("wa", "getOps", "d", DOC, "token", 3));
      Map<String, Object> reply = client.next();
      assertEquals(who.can('r'), reply.get("error") == null, "getOps: " + reply);
    }
  }

  @ParameterizedTest
  @EnumSource(Who.class)
  void submittingAnOpNeedsWrite(Who who) {
    try (RecordingClient client = connect(who)) {
      client.subscribe(DOC);
      int before = version();
      client.submit(DOC, (long) before, List.of(Pages.setHtmlAttribute("data-by-" + who.name(), "1")));
      Map<String, Object> reply = client.next();
      assertAllowed(who.can('w'), reply, "op");
      assertEquals(who.can('w') ? before + 1 : before, version());
    }
  }

  /** Each op path that reaches data-auth: the attribute, the attribute object, the whole page. */
  enum ListChange {
    ATTRIBUTE(page -> arr(c(arr(1, "data-auth"), "od", attributes(page).get("data-auth"), "oi", Json.encode(grown(page))))),
    ATTRIBUTE_TEXT(page -> arr(c(arr(1, "data-auth", 1), "si",
        Json.encode(entry("extra" + EXTRA.incrementAndGet(), "r")) + ","))),
    ATTRIBUTE_OBJECT(page -> {
      Map<String, Object> replaced = new LinkedHashMap<>(attributes(page));
      replaced.put("data-auth", Json.encode(grown(page)));
      return arr(c(arr(1), "ld", attributes(page), "li", replaced));
    }),
    ROOT(page -> {
      List<Object> replaced = new ArrayList<>(page);
      Map<String, Object> attrs = new LinkedHashMap<>(attributes(page));
      attrs.put("data-auth", Json.encode(grown(page)));
      replaced.set(1, attrs);
      return arr(c(arr(), "od", page, "oi", replaced));
    }),
    REMOVED(page -> arr(c(arr(1, "data-auth"), "od", attributes(page).get("data-auth"))));

    final Function<List<Object>, List<Object>> op;

    ListChange(Function<List<Object>, List<Object>> op) {
      this.op = op;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> attributes(List<Object> page) {
    return (Map<String, Object>) page.get(1);
  }

  /** The page's list with one more reader, so nobody in the matrix gains or loses anything. */
  private static List<Object> grown(List<Object> page) {
    List<Object> list = new ArrayList<>((List<?>) Json.parse((String) attributes(page).get("data-auth")));
    list.add(entry("extra" + EXTRA.incrementAndGet(), "r"));
    return list;
  }

  @ParameterizedTest
  @EnumSource(Who.class)
  @SuppressWarnings("unchecked")
  void changingThePermissionListByAnyPathNeedsAdmin(Who who) {
    for (ListChange change : ListChange.values()) {
      if (change == ListChange.REMOVED && who.can('a')) {
        continue; // would hand the page to the defaults; checked on its own page below
      }
      try (RecordingClient client = connect(who)) {
        client.subscribe(DOC);
        List<Object> page = (List<Object>) page();
        int before = version();
        client.submit(DOC, (long) before, change.op.apply(page));
        Map<String, Object> reply = client.next();
        assertAllowed(who.can('a'), reply, change + " by " + who);
        if (!who.can('a')) {
          assertEquals(page, page(), "the page is unchanged after a refused " + change);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Who.class)
  void creatingADocumentNeedsWriteUnderTheDefaults(Who who) {
    String id = "new-by-" + who.name().toLowerCase();
    int expectedPage = who.can('w') ? 200 : 403;
    assertEquals(expectedPage, server.get("/" + id + "/", headers(who)).statusCode(), "opening a missing page");
    try (RecordingClient client = who == Who.ANONYMOUS ? server.connect(id) : server.connect(id, logins.get(who))) {
      Map<String, Object> reply = client.create(id, Pages.skeleton(id));
      assertAllowed(who.can('w'), reply, "create");
      assertEquals(who.can('w') ? 200 : (who.can('r') ? 404 : 403), server.get("/" + id + "/?v", headers(who)).statusCode());
    }
  }

  @ParameterizedTest
  @EnumSource(Who.class)
  void creatingADocumentWithItsOwnListNeedsAdminUnderTheDefaults(Who who) {
    String id = "listed-by-" + who.name().toLowerCase();
    try (RecordingClient client = who == Who.ANONYMOUS ? server.connect(id) : server.connect(id, logins.get(who))) {
      List<Object> page = Pages.skeleton(id);
      attributes(page).put("data-auth", Json.encode(List.of(entry(who.name == null ? "x" : who.name, "rwa"))));
      assertAllowed(who.can('a'), client.create(id, page), "create with data-auth");
    }
  }

  @org.junit.jupiter.api.Test
  void aMalformedListIsRefusedEvenFromAnAdmin() {
    try (RecordingClient admin = connect(Who.ADMIN)) {
      admin.subscribe(DOC);
      for (String bad : List.of("not json", "{\"username\":\"x\"}", "[{\"username\":\"a\\\"b\",\"provider\":\"test\",\"permissions\":\"r\"}]",
          "[{\"username\":\"x\",\"provider\":\"test\",\"permissions\":\"rwz\"}]", "[1]")) {
        int before = version();
        Map<?, ?> attrs = (Map<?, ?>) ((List<?>) page()).get(1);
        admin.submit(DOC, (long) before, List.of(c(arr(1, "data-auth"), "od", attrs.get("data-auth"), "oi", bad)));
        Map<String, Object> reply = admin.next();
        assertEquals("ERR_OP_SUBMIT_REJECTED", ((Map<?, ?>) reply.get("error")).get("code"), bad + ": " + reply);
        assertEquals(before, version());
      }
    }
  }

  @org.junit.jupiter.api.Test
  void removingTheListHandsThePageToTheDefaults() {
    String id = "unlisted";
    try (RecordingClient admin = server.connect(id, logins.get(Who.ADMIN))) {
      List<Object> page = Pages.skeleton(id);
      attributes(page).put("data-auth", Json.encode(List.of(entry("admin", "rwa"))));
      assertNull(admin.create(id, page).get("error"));
      assertEquals(403, server.get("/" + id + "/?json", headers(Who.READER)).statusCode());
      admin.subscribe(id);
      admin.submit(id, 1L, List.of(c(arr(1, "data-auth"), "od", attributes(page).get("data-auth"))));
      assertAllowed(true, admin.next(), "removing the list");
      assertEquals(200, server.get("/" + id + "/?json", headers(Who.READER)).statusCode(), "the defaults let the reader read");
    }
  }

  /** The page's version and content, read as the admin (the matrix's other users may not read them). */
  private static int version() {
    return ((Number) ((Map<?, ?>) Json.parse(server.get("/" + DOC + "/?v", headers(Who.ADMIN)).body())).get("version"))
        .intValue();
  }

  private static Object page() {
    return Json.parse(server.get("/" + DOC + "/?json", headers(Who.ADMIN)).body());
  }

  private static void assertAllowed(boolean allowed, Map<String, Object> reply, String what) {
    Object error = reply.get("error");
    if (allowed) {
      assertNull(error, what + " is allowed: " + reply);
    } else {
      assertTrue(error != null, what + " is refused: " + reply);
      String code = error instanceof Map<?, ?> e ? (String) e.get("code") : null;
      assertTrue("ERR_FORBIDDEN".equals(code) || "ERR_NOT_SUBSCRIBED".equals(code),
          what + " is refused as forbidden: " + reply);
    }
  }
}

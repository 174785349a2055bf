package io.weft.access;

import static io.weft.testing.Wire.arr;
import static io.weft.testing.Wire.c;
import static io.weft.testing.Wire.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.weft.json.Json;
import io.weft.testing.Pages;
import io.weft.testing.RecordingClient;
import io.weft.testing.ServerRig;
import io.weft.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Changes to a page's permission list take effect on open sockets at once. */
class LiveRevocationTest {
  @RegisterExtension
  static final ServerRig server = new ServerRig();

  private static String list(String bobRights) {
    return Json.encode(bobRights == null
        ? List.of(obj("username", "alice", "provider", "test", "permissions", "rwa"))
        : List.of(obj("username", "alice", "provider", "test", "permissions", "rwa"),
            obj("username", "bob", "provider", "test", "permissions", bobRights)));
  }

  /** Alice replaces the list; returns the new version. */
  private static int setList(RecordingClient alice, String docId, int version, String before, String after) {
    alice.submit(docId, (long) version, List.of(c(arr(1, "data-auth"), "od", before, "oi", after)));
    Map<String, Object> ack = alice.next();
    assertNull(ack.get("error"), "alice changes the list: " + ack);
    return version + 1;
  }

  @Test
  void aWriterDemotedToReaderIsToldAndItsNextOpIsRefused() {
    String doc = "demote";
    TestServer.Login alice = server.login("alice");
    TestServer.Login bob = server.login("bob");
    try (RecordingClient a = server.connect(doc, alice); RecordingClient b = server.connect(doc, bob)) {
      List<Object> page = Pages.skeleton(doc);
      ((Map<String, Object>) page.get(1)).put("data-auth", list("rw"));
      assertNull(a.create(doc, page).get("error"));
      a.subscribe(doc);
      b.subscribe(doc);
      assertEquals("bob", ((Map<?, ?>) b.nextPresence().get("user")).get("username"), "hello names bob");

      int v = setList(a, doc, 1, list("rw"), list("r"));
      Map<String, Object> op = b.next();
      assertEquals(1L, ((Number) op.get("v")).longValue(), "bob sees the list change as an op: " + op);
      Map<String, Object> changed = b.nextPresence("permissionsChanged");
      assertEquals(obj("wa", "permissionsChanged", "d", doc, "permissions", "r",
          "list", Json.parse(list("r")), "c", "webstrates"), changed);
      assertEquals("rwa", a.nextPresence("permissionsChanged").get("permissions"), "alice is told her own rights too");

      b.submit(doc, (long) v, List.of(Pages.setHtmlAttribute("data-bob", "1")));
      Map<String, Object> refused = b.next();
      assertEquals("ERR_FORBIDDEN", ((Map<?, ?>) refused.get("error")).get("code"), "bob's op is refused: " + refused);
      assertEquals(v, version(alice, doc), "the page did not change");
      // Bob still reads: alice's next edit reaches him.
      a.submit(doc, (long) v, List.of(Pages.setHtmlAttribute("data-alice", "1")));
      assertNull(a.next().get("error"));
      assertEquals(obj("p", arr(1, "data-alice"), "oi", "1"), ((List<?>) b.next().get("op")).get(0));
    }
  }

  @Test
  void aReaderRemovedFromTheListIsClosedWith4403AndGetsNothingMore() {
    String doc = "remove";
    TestServer.Login alice = server.login("alice");
    TestServer.Login bob = server.login("bob");
    try (RecordingClient a = server.connect(doc, alice); RecordingClient b = server.connect(doc, bob)) {
      List<Object> page = Pages.skeleton(doc);
      ((Map<String, Object>) page.get(1)).put("data-auth", list("r"));
      assertNull(a.create(doc, page).get("error"));
      a.subscribe(doc);
      b.subscribe(doc);
      int v = setList(a, doc, 1, list("r"), list(null));
      assertEquals(4403, b.awaitClose(), "bob's socket closes with 4403");
      assertEquals(403, server.get("/" + doc + "/?json", bob.headers()).statusCode());
      try (RecordingClient again = server.connect(doc, bob)) {
        Map<String, Object> refused = again.subscribe(doc);
        assertEquals("ERR_FORBIDDEN", ((Map<?, ?>) refused.get("error")).get("code"), "bob cannot resubscribe: " + refused);
      }
      assertEquals(v, version(alice, doc));
    }
  }

  private static int version(TestServer.Login login, String doc) {
    return ((Number) ((Map<?, ?>) Json.parse(server.get("/" + doc + "/?v", login.headers()).body())).get("version"))
        .intValue();
  }
}

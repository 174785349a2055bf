package io.weft.doc;

import static io.weft.testing.Wire.JSON0;
import static io.weft.testing.Wire.arr;
import static io.weft.testing.Wire.c;
import static io.weft.testing.Wire.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.testing.Pages;
import io.weft.testing.RecordingClient;
import io.weft.testing.ServerRig;
import io.weft.testing.Wire;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Webstrates' {@code getOps}: the op log, from inclusive, to exclusive, read-only. */
class GetOpsRequestTest {
  /** A small window, so older ops come from storage and recent ones from memory. */
  @RegisterExtension
  static final ServerRig server = new ServerRig(Map.of("documents.opCacheSize", "2"));

  private static Map<String, Object> getOps(RecordingClient client, Object token, Object... range) {
    Map<String, Object> request = obj("wa", "getOps", "d", "ops1", "token", token);
    request.putAll(obj(range));
    client.send(request);
    Map<String, Object> reply = client.next();
    assertEquals("reply", reply.get("wa"), "a reply: " + reply);
    assertEquals(token, reply.get("token"));
    return reply;
  }

  @Test
  void returnsTheCreateAndEditsWithSrcSeqAndVersion() {
    try (RecordingClient alice = server.connect("ops1")) {
      Wire.createPage(alice, "ops1");
      alice.subscribe("ops1");
      for (int i = 0; i < 4; i++) {
        alice.submit("ops1", (long) i + 1, List.of(Pages.setHtmlAttribute("n", "" + i)));
        assertEquals(i + 1, alice.next().get("v"));
      }
      Map<String, Object> all = getOps(alice, 1);
      List<?> ops = (List<?>) all.get("reply");
      assertEquals(5, ops.size());
      assertEquals(obj("src", alice.id, "seq", 1, "v", 0, "create", obj("type", JSON0, "data", Pages.skeleton("ops1"))),
          ops.get(0));
      assertEquals(obj("src", alice.id, "seq", 3, "v", 2, "op", arr(c(arr(1, "n"), "oi", "1"))), ops.get(2));

      List<?> middle = (List<?>) getOps(alice, "t", "from", 1, "to", 3).get("reply");
      assertEquals(List.of(1, 2), middle.stream().map(o -> ((Map<?, ?>) o).get("v")).toList());
      assertEquals(List.of(3, 4), ((List<?>) getOps(alice, 2, "options", obj("from", 3)).get("reply")).stream()
          .map(o -> ((Map<?, ?>) o).get("v")).toList(), "options.from is read too; to defaults to the head");
      assertEquals(List.of(), getOps(alice, 3, "from", 9).get("reply"), "past the head: nothing");
      assertEquals(5, Wire.pageVersion(server, "ops1"), "read-only");
    }
  }

  @Test
  void aBadRangeGetsAnErrorReply() {
    try (RecordingClient alice = server.connect("ops1")) {
      for (Object[] range : new Object[][] {{"from", -1}, {"from", "a"}, {"to", 1.5}}) {
        Map<String, Object> reply = getOps(alice, "bad", range);
        assertTrue(reply.get("error") instanceof String, "refused: " + reply);
      }
    }
  }
}

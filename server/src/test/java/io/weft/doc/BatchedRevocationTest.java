package io.weft.doc;

import static io.weft.testing.Wire.arr;
import static io.weft.testing.Wire.c;
import static io.weft.testing.Wire.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.Future;
import io.weft.json.Json;
import io.weft.ot.Component;
import io.weft.ot.Json0;
import io.weft.ot.OtException;
import io.weft.protocol.MessageDecoder;
import io.weft.store.DocKey;
import io.weft.testing.Pages;
import io.weft.testing.RecordingClient;
import io.weft.testing.ServerRig;
import io.weft.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Read rights are judged per op as a batch is published: a reader removed from the permission list by
 * one op of a batch gets that op, is told, and gets none of the batch's later ops, while those who may
 * still read get all of them.
 */
class BatchedRevocationTest {
  @RegisterExtension
  static final ServerRig server = new ServerRig();

  private static String list(String... userRights) {
    List<Object> entries = new ArrayList<>();
    for (int i = 0; i < userRights.length; i += 2) {
      entries.add(obj("username", userRights[i], "provider", "test", "permissions", userRights[i + 1]));
    }
    return Json.encode(entries);
  }

  @Test
  void aReaderRevokedMidBatchGetsTheRevokingOpAndNothingCommittedAfterIt() throws Exception {
    String doc = "revoked-mid-batch";
    String before = list("alice", "rwa", "bob", "r", "carol", "r");
    String after = list("alice", "rwa", "carol", "r");
    TestServer.Login alice = server.login("alice");
    try (RecordingClient a = server.connect(doc, alice);
        RecordingClient b = server.connect(doc, server.login("bob"));
        RecordingClient c = server.connect(doc, server.login("carol"))) {
      List<Object> page = Pages.skeleton(doc);
      ((Map<String, Object>) page.get(1)).put("data-auth", before);
      assertNull(a.create(doc, page).get("error"));
      for (RecordingClient reader : List.of(b, c)) {
        assertEquals("s", reader.subscribe(doc).get("a"));
      }

      // One turn of the document: the first edit is committed alone, and the three queued behind its
      // storage write are committed together in the next batch, the revocation first.
      List<Long> versions = await(server.server().registry().withDocument(new DocKey(MessageDecoder.PAGES, doc),
          d -> Future.all(List.of(
              d.editAsServer(turn -> ops(Pages.setHtmlAttribute("data-first", "1"))),
              d.editAsServer(turn -> ops(c(arr(1, "data-auth"), "od", before, "oi", after))),
              d.editAsServer(turn -> ops(Pages.setHtmlAttribute("data-secret", "2"))),
              d.editAsServer(turn -> ops(Pages.setHtmlAttribute("data-secret", "3")))))
              .map(all -> List.<Long>of(all.resultAt(0), all.resultAt(1), all.resultAt(2), all.resultAt(3)))));
      assertEquals(List.of(1L, 2L, 3L, 4L), versions);

      assertEquals(1L, version(b.next()), "bob gets the edit before the revocation");
      assertEquals(2L, version(b.next()), "bob gets the op that revoked him, so his page shows the new list");
      Map<String, Object> told = b.nextPresence("permissionsChanged");
      assertEquals("", told.get("permissions"), "bob is told he lost every right: " + told);
      assertEquals(Json.parse(after), told.get("list"), "under the list as the revoking op left it");
      assertEquals(4403, b.awaitClose(), "bob's socket closes with 4403");
      assertNull(b.poll(0), "bob got nothing committed after his revocation");

      for (long v = 1; v <= 4; v++) {
        assertEquals(v, version(c.next()), "carol still reads, and gets every op");
      }
      Map<String, Object> carolTold = c.nextPresence("permissionsChanged");
      assertEquals("r", carolTold.get("permissions"));
      c.expectNothing(200);
    }
  }

  private static List<Component> ops(Map<String, Object> component) {
    try {
      return Json0.parse(List.of(component));
    } catch (OtException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static long version(Map<String, Object> frame) {
    assertEquals("op", frame.get("a"), "an op: " + frame);
    return ((Number) frame.get("v")).longValue();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}

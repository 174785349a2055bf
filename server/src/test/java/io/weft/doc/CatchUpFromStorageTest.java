package io.weft.doc;

import static io.weft.testing.Wire.JSON0;
import static io.weft.testing.Wire.ack;
import static io.weft.testing.Wire.arr;
import static io.weft.testing.Wire.broadcast;
import static io.weft.testing.Wire.c;
import static io.weft.testing.Wire.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weft.testing.Pages;
import io.weft.testing.RecordingClient;
import io.weft.testing.ServerRig;
import io.weft.testing.TestServer;
import io.weft.testing.Wire;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With only 3 recent ops kept in memory, older ops (for catching up, transforming and recognising
 * resends) come from storage, and the wire looks the same.
 */
class CatchUpFromStorageTest {
  private static final int EDITS = 12;
  @RegisterExtension
  static final ServerRig server = new ServerRig(Map.of("documents.opCacheSize", "3"));

  /** Creates {@code docId} and sets data-1 .. data-EDITS on {@code <html>}, one op per version; returns the author's id. */
  /** The browser that built the pages (its visitor cookie): it resends after reconnecting. */
  private static Map<String, String> authorsBrowser;

  private static String build(String docId) {
    if (authorsBrowser == null) {
      authorsBrowser = server.visitorCookie(docId);
    }
    try (RecordingClient author = server.connect(docId, authorsBrowser)) {
      Wire.createPage(author, docId);
      author.subscribe(docId);
      for (int v = 1; v <= EDITS; v++) {
        author.send(Wire.op(docId, v, author.id, v + 1, edit(v)));
        assertEquals(ack(docId, v, author.id, v + 1), author.next());
      }
      author.expectNothing(0);
      return author.id;
    }
  }

  private static List<Object> edit(int v) {
    return List.of(c(arr(1, "data-" + v), "oi", "" + v));
  }

  @Test
  void resubscribingFromAVersionOlderThanTheMemoryWindowSendsEveryMissedOpInOrder() {
    String author = build("old1");
    try (RecordingClient bob = server.connect("old1")) {
      Map<String, Object> resubscribe = RecordingClient.message("s", "old1");
      resubscribe.put("v", 0);
      bob.send(resubscribe);
      assertEquals(obj("a", "op", "c", "webstrates", "d", "old1", "v", 0, "src", author, "seq", 1,
          "create", obj("type", JSON0, "data", Pages.skeleton("old1"))), bob.next());
      for (int v = 1; v <= EDITS; v++) {
        assertEquals(broadcast("old1", v, author, v + 1, edit(v)), bob.next());
      }
      assertEquals(obj("a", "s", "c", "webstrates", "d", "old1"), bob.next());
      bob.expectNothing(200);

      // Subscribed: a later op arrives live.
      try (RecordingClient carol = server.connect("old1")) {
        carol.subscribe("old1");
        carol.send(Wire.op("old1", EDITS + 1, carol.id, 1, edit(EDITS + 1)));
        assertEquals(ack("old1", EDITS + 1, carol.id, 1), carol.next());
        assertEquals(broadcast("old1", EDITS + 1, carol.id, 1, edit(EDITS + 1)), bob.next());
        bob.expectNothing(200);
      }
    }
  }

  @Test
  void fetchingFromAVersionOlderThanTheMemoryWindowSendsEveryMissedOpAndDoesNotSubscribe() {
    String author = build("old2");
    try (RecordingClient bob = server.connect("old2")) {
      Map<String, Object> fetch = RecordingClient.message("f", "old2");
      fetch.put("v", 4);
      bob.send(fetch);
      for (int v = 4; v <= EDITS; v++) {
        assertEquals(broadcast("old2", v, author, v + 1, edit(v)), bob.next());
      }
      assertEquals(obj("a", "f", "c", "webstrates", "d", "old2"), bob.next());
      bob.expectNothing(200);
    }
  }

  @Test
  void anOpMadeAtAVersionOlderThanTheMemoryWindowIsTransformedAgainstOpsFromStorage() {
    build("old3");
    try (RecordingClient bob = server.connect("old3"); RecordingClient carol = server.connect("old3")) {
      bob.subscribe("old3");
      carol.subscribe("old3");
      // Made at version 1, when <html> had no attributes: the op that set data-1 replaced nothing, so
      // an insert of the same key made concurrently is transformed (left wins) into a replace.
      bob.send(Wire.op("old3", 1, bob.id, 1, List.of(c(arr(1, "data-1"), "oi", "late"))));
      assertEquals(ack("old3", EDITS + 1, bob.id, 1), bob.next());
      assertEquals(broadcast("old3", EDITS + 1, bob.id, 1, List.of(c(arr(1, "data-1"), "od", "1", "oi", "late"))),
          carol.next());
      bob.expectNothing(200);
      carol.expectNothing(0);
    }
    Map<?, ?> attributes = (Map<?, ?>) ((List<?>) Wire.pageJson(server, "old3")).get(1);
    assertEquals("late", attributes.get("data-1"));
    assertEquals(EDITS, attributes.size());
    assertEquals(EDITS + 2, Wire.pageVersion(server, "old3"));
  }

  @Test
  void aResendOfAnOpOlderThanTheMemoryWindowIsRecognisedAndNotAppliedAgain() {
    String author = build("old4");
    try (RecordingClient again = server.connect("old4", authorsBrowser)) {
      again.subscribe("old4");
      // The author's op at version 2 (seq 3), resent after a reconnect.
      again.send(Wire.op("old4", 2, author, 3, edit(2)));
      assertEquals(ack("old4", 2, author, 3), again.next());
      // And its create (seq 1).
      again.send(Wire.create("old4", author, 1, Pages.skeleton("old4")));
      assertEquals(ack("old4", 0, author, 1), again.next());
      again.expectNothing(200);
    }
    assertEquals(EDITS + 1, Wire.pageVersion(server, "old4"));
  }

  @Test
  void aResendAfterAServerRestartIsRecognisedAndNotAppliedAgain() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("weft-resend-restart");
    String src;
    Map<String, String> browser = server.visitorCookie("old5");
    try (TestServer first = TestServer.start(dir, Map.of("documents.opCacheSize", "3"));
        RecordingClient author = first.connect("old5", browser)) {
      src = author.id;
      Wire.createPage(author, "old5");
      author.subscribe("old5");
      for (int v = 1; v <= 5; v++) {
        author.send(Wire.op("old5", v, src, v + 1, edit(v)));
        assertEquals(ack("old5", v, src, v + 1), author.next());
      }
    }
    try (TestServer second = TestServer.start(dir, Map.of("documents.opCacheSize", "3"));
        RecordingClient again = second.connect("old5", browser)) {
      again.subscribe("old5");
      again.send(Wire.op("old5", 3, src, 4, edit(3)));
      assertEquals(ack("old5", 3, src, 4), again.next());
      again.send(Wire.op("old5", 5, src, 6, edit(5)));
      assertEquals(ack("old5", 5, src, 6), again.next());
      again.expectNothing(200);
      assertEquals(6, Wire.pageVersion(second, "old5"));
    }
  }
}

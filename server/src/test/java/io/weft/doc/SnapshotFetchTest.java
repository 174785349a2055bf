package io.weft.doc;

import static io.weft.testing.Wire.JSON0;
import static io.weft.testing.Wire.ack;
import static io.weft.testing.Wire.arr;
import static io.weft.testing.Wire.assertEchoedError;
import static io.weft.testing.Wire.c;
import static io.weft.testing.Wire.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weft.testing.Pages;
import io.weft.testing.RecordingClient;
import io.weft.testing.ServerRig;
import io.weft.testing.TestServer;
import io.weft.testing.Wire;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code nf}: a document as it was at a version, rebuilt from a milestone (kept every 4 versions here)
 * and the ops after it, with the current snapshot written every 3 versions.
 */
class SnapshotFetchTest {
  private static final Map<String, String> CONFIG = Map.of("storage.milestoneEvery", "4", "storage.snapshotEvery", "3");
  private static final int EDITS = 13;
  @RegisterExtension
  static final ServerRig server = new ServerRig(CONFIG);

  /** The op that takes the page from version v to v + 1 (v >= 1): attributes, text and element edits. */
  private static List<Object> edit(int v) {
    return switch (v % 3) {
      case 0 -> List.of(c(arr(5, 2), "li", "t" + v));
      case 1 -> List.of(c(arr(1, "data-" + v), "oi", "" + v));
      default -> List.of(c(arr(3, 3, 2, 0), "si", v + " "));
    };
  }

  /** The page at version v, worked out by hand from the edits above; null before the create. */
  @SuppressWarnings("unchecked")
  private static List<Object> expectedAt(String docId, int version) {
    if (version == 0) {
      return null;
    }
    List<Object> page = Pages.skeleton(docId);
    for (int v = 1; v < version; v++) {
      switch (v % 3) {
        case 0 -> ((List<Object>) page.get(5)).add(2, "t" + v);
        case 1 -> ((Map<String, Object>) page.get(1)).put("data-" + v, "" + v);
        default -> {
          List<Object> title = (List<Object>) ((List<Object>) page.get(3)).get(3);
          title.set(2, v + " " + title.get(2));
        }
      }
    }
    return page;
  }

  private static void build(TestServer on, String docId) {
    try (RecordingClient author = on.connect(docId)) {
      Wire.createPage(author, docId);
      author.subscribe(docId);
      for (int v = 1; v <= EDITS; v++) {
        author.send(Wire.op(docId, v, author.id, v + 1, edit(v)));
        assertEquals(ack(docId, v, author.id, v + 1), author.next());
      }
      author.expectNothing(0);
    }
  }

  private static Map<String, Object> nf(int requestId, String docId, Integer version) {
    return obj("a", "nf", "id", requestId, "c", "webstrates", "d", docId, "v", version);
  }

  private static Map<String, Object> reply(int requestId, String docId, int version) {
    List<Object> page = expectedAt(docId, version);
    return page == null
        ? obj("a", "nf", "id", requestId, "c", "webstrates", "d", docId, "v", 0, "type", null)
        : obj("a", "nf", "id", requestId, "c", "webstrates", "d", docId, "v", version, "type", JSON0, "data", page);
  }

  private static void assertEveryVersion(TestServer on, String docId) {
    try (RecordingClient reader = on.connect(docId)) {
      List<Integer> versions = new ArrayList<>();
      for (int v = EDITS + 1; v >= 0; v--) {
        versions.add(v);
      }
      for (int v : versions) {
        reader.send(nf(100 + v, docId, v));
        assertEquals(reply(100 + v, docId, v), reader.next(), "version " + v);
      }
      reader.expectNothing(200);
    }
  }

  @Test
  void returnsTheDocumentAsItWasAtEveryVersionIncludingZero() {
    build(server, "nf1");
    assertEveryVersion(server, "nf1");
    assertEquals(expectedAt("nf1", EDITS + 1), Wire.pageJson(server, "nf1"));
  }

  @Test
  void aNullVersionMeansTheCurrentDocument() {
    build(server, "nf2");
    try (RecordingClient reader = server.connect("nf2")) {
      reader.send(nf(1, "nf2", null));
      assertEquals(reply(1, "nf2", EDITS + 1), reader.next());
      reader.expectNothing(200);
    }
  }

  @Test
  void aVersionBeyondTheHeadIsAnError() {
    build(server, "nf3");
    try (RecordingClient reader = server.connect("nf3")) {
      Map<String, Object> request = nf(2, "nf3", EDITS + 2);
      reader.send(request);
      assertEchoedError(request, "ERR_OP_VERSION_NEWER_THAN_CURRENT_SNAPSHOT", reader.next());
      // The socket is still served.
      reader.send(nf(3, "nf3", 1));
      assertEquals(reply(3, "nf3", 1), reader.next());
      reader.expectNothing(200);
    }
  }

  @Test
  void aMissingDocumentIsVersionZeroWithoutType() {
    try (RecordingClient reader = server.connect("nf4")) {
      reader.send(nf(4, "nf4", null));
      assertEquals(obj("a", "nf", "id", 4, "c", "webstrates", "d", "nf4", "v", 0, "type", null), reader.next());
      reader.send(nf(5, "nf4", 0));
      assertEquals(obj("a", "nf", "id", 5, "c", "webstrates", "d", "nf4", "v", 0, "type", null), reader.next());
      Map<String, Object> beyond = nf(6, "nf4", 1);
      reader.send(beyond);
      assertEchoedError(beyond, "ERR_OP_VERSION_NEWER_THAN_CURRENT_SNAPSHOT", reader.next());
      reader.expectNothing(200);
    }
  }

  @Test
  void everyVersionIsStillThereAfterARestart() throws Exception {
    Path dir = Files.createTempDirectory("weft-nf-restart");
    try (TestServer first = TestServer.start(dir, CONFIG)) {
      build(first, "nf5");
    }
    try (TestServer second = TestServer.start(dir, CONFIG)) {
      assertEquals(expectedAt("nf5", EDITS + 1), Wire.pageJson(second, "nf5"));
      assertEquals(EDITS + 1, Wire.pageVersion(second, "nf5"));
      assertEveryVersion(second, "nf5");
      try (RecordingClient client = second.connect("nf5")) {
        client.send(RecordingClient.message("s", "nf5"));
        assertEquals(obj("a", "s", "c", "webstrates", "d", "nf5",
            "data", obj("v", EDITS + 1, "data", expectedAt("nf5", EDITS + 1), "type", JSON0)), client.next());
        client.expectNothing(200);
      }
    }
  }
}

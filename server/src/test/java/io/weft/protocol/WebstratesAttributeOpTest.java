package io.weft.protocol;

import static io.weft.testing.Wire.ack;
import static io.weft.testing.Wire.arr;
import static io.weft.testing.Wire.broadcast;
import static io.weft.testing.Wire.c;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weft.testing.RecordingClient;
import io.weft.testing.TestServer;
import io.weft.testing.Wire;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webstrates' own client writes every new attribute as {@code {"od":null,"oi":value}}, an od of a key
 * that does not exist yet; like ot-json0, Weft commits it.
 */
class WebstratesAttributeOpTest {
  private static final AtomicInteger DOCS = new AtomicInteger();
  private static TestServer server;

  private String doc;
  private RecordingClient webstrates;
  private RecordingClient weft;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void createPage() {
    doc = "attribute-op" + DOCS.incrementAndGet();
    webstrates = server.connect(doc);
    weft = server.connect(doc);
    Wire.createPage(webstrates, doc);
    webstrates.subscribe(doc);
    weft.subscribe(doc);
  }

  @AfterEach
  void nothingElseArrived() {
    webstrates.expectNothing(200);
    weft.expectNothing(0);
    webstrates.close();
    weft.close();
  }

  @Test
  void aNewAttributeWrittenAsAReplaceOfNothingCommits() {
    List<Object> op = arr(c(arr(3, 1, "lang"), "od", null, "oi", "en"));
    webstrates.send(Wire.op(doc, 1, webstrates.id, 1, op));
    assertEquals(ack(doc, 1, webstrates.id, 1), webstrates.next());
    assertEquals(broadcast(doc, 1, webstrates.id, 1, op), weft.next());
    assertEquals("en", attributesOfHead().get("lang"));
    assertEquals(2, Wire.pageVersion(server, doc));
  }

  @Test
  void deletingAnAttributeThatIsNotThereCommitsAndChangesNothing() {
    Object before = Wire.pageJson(server, doc);
    List<Object> op = arr(c(arr(3, 1, "gone"), "od", "x"));
    webstrates.send(Wire.op(doc, 1, webstrates.id, 1, op));
    assertEquals(ack(doc, 1, webstrates.id, 1), webstrates.next());
    assertEquals(broadcast(doc, 1, webstrates.id, 1, op), weft.next());
    assertEquals(before, Wire.pageJson(server, doc));
  }

  /**
   * Both clients add the same attribute at version 1, Weft's with a plain oi first: the late op becomes
   * a delete of Weft's value and then a replace of the key it just deleted, which must still apply.
   */
  @Test
  void aConcurrentInsertOfTheSameAttributeFromBothClientsConverges() {
    List<Object> plain = arr(c(arr(3, 1, "lang"), "oi", "de"));
    weft.send(Wire.op(doc, 1, weft.id, 1, plain));
    assertEquals(ack(doc, 1, weft.id, 1), weft.next());
    assertEquals(broadcast(doc, 1, weft.id, 1, plain), webstrates.next());
    webstrates.send(Wire.op(doc, 1, webstrates.id, 1, arr(c(arr(3, 1, "lang"), "od", null, "oi", "en"))));
    assertEquals(ack(doc, 2, webstrates.id, 1), webstrates.next());
    assertEquals(broadcast(doc, 2, webstrates.id, 1, arr(c(arr(3, 1, "lang"), "od", "de"),
        c(arr(3, 1, "lang"), "od", null, "oi", "en"))), weft.next());
    assertEquals("en", attributesOfHead().get("lang"));
  }

  private Map<?, ?> attributesOfHead() {
    List<?> page = (List<?>) Wire.pageJson(server, doc);
    return (Map<?, ?>) ((List<?>) page.get(3)).get(1);
  }
}

package io.weft.protocol;

import static io.weft.testing.Wire.ack;
import static io.weft.testing.Wire.arr;
import static io.weft.testing.Wire.assertBareError;
import static io.weft.testing.Wire.c;
import static io.weft.testing.Wire.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.json.Json;
import io.weft.testing.RecordingClient;
import io.weft.testing.TestServer;
import io.weft.testing.Wire;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Nesting: frames deeper than the parser allows are refused; pages built deeper by several ops keep working. */
class DeepNestingTest {
  /** Elements nested {@code depth} deep: ["div",{},["div",{},...]]. */
  private static List<Object> chain(int depth) {
    List<Object> element = arr("div", obj());
    for (int i = 1; i < depth; i++) {
      element = arr("div", obj(), element);
    }
    return element;
  }

  @Test
  void aFrameNestedDeeperThanTheParserAllowsGetsABareErrorAndTheSocketGoesOn() {
    try (TestServer server = TestServer.start(); RecordingClient client = server.connect("deep0")) {
      String deep = "[".repeat(Json.MAX_DEPTH + 10) + "]".repeat(Json.MAX_DEPTH + 10);
      client.sendText("{\"a\":\"s\",\"c\":\"webstrates\",\"d\":\"deep0\",\"x\":" + deep + "}");
      assertBareError("ERR_MESSAGE_BADLY_FORMED", client.next());
      client.send(obj("a", "pp"));
      assertEquals(obj("a", "pp"), client.next());
      client.expectNothing(200);
    }
  }

  @Test
  void anOpThatWouldNestThePageTooDeeplyIsRefusedAndChangesNothing() {
    try (TestServer server = TestServer.start(); RecordingClient client = server.connect("deep0")) {
      Wire.createPage(client, "deep0");
      client.subscribe("deep0");
      client.send(Wire.op("deep0", 1, client.id, 2, List.of(c(arr(5, 2), "li", chain(300)))));
      Map<String, Object> refused = client.next();
      assertEquals("ERR_OP_SUBMIT_REJECTED", ((Map<?, ?>) refused.get("error")).get("code"));
      assertEquals(1, Wire.pageVersion(server, "deep0"));
      client.send(Wire.op("deep0", 1, client.id, 3, List.of(c(arr(1, "x"), "oi", "y"))));
      assertEquals(ack("deep0", 1, client.id, 3), client.next());
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aPageNestedNearTheLimitStillOpensAfterARestart() throws Exception {
    Path dir = Files.createTempDirectory("weft-deep");
    List<Object> expected;
    try (TestServer first = TestServer.start(dir, Map.of()); RecordingClient client = first.connect("deep1")) {
      expected = Wire.createPage(client, "deep1");
      client.subscribe("deep1");
      List<Object> outer = chain(110);
      client.send(Wire.op("deep1", 1, client.id, 2, List.of(c(arr(5, 2), "li", outer))));
      assertEquals(ack("deep1", 1, client.id, 2), client.next());
      // The innermost div of the first chain is at [5, 2, 2, 2, ...]: give it a second chain as its child.
      List<Object> path = new ArrayList<>(List.of(5, 2));
      for (int i = 1; i < 110; i++) {
        path.add(2);
      }
      path.add(2);
      List<Object> inner = chain(110);
      client.send(Wire.op("deep1", 2, client.id, 3, List.of(c(path, "li", inner))));
      assertEquals(ack("deep1", 2, client.id, 3), client.next());
      // A third chain would pass the limit: refused, and the page stays as it was.
      path.addAll(Collections.nCopies(110, 2));
      client.send(Wire.op("deep1", 3, client.id, 4, List.of(c(path, "li", chain(110)))));
      assertEquals("ERR_OP_SUBMIT_REJECTED", ((Map<?, ?>) client.next().get("error")).get("code"));

      List<Object> innermost = outer;
      for (int i = 1; i < 110; i++) {
        innermost = (List<Object>) innermost.get(2);
      }
      innermost.add(inner);
      ((List<Object>) expected.get(5)).add(2, outer);
      HttpResponse<String> before = first.get("/deep1/?json");
      assertEquals(200, before.statusCode());
      assertEquals(Json.encode(expected), before.body(), "the page as built");
    }
    try (TestServer second = TestServer.start(dir, Map.of())) {
      HttpResponse<String> after = second.get("/deep1/?json");
      assertEquals(200, after.statusCode(), "after a restart: " + after.body());
      assertEquals(Json.encode(expected), after.body(), "the page as built, after a restart");
      assertEquals(3, Wire.pageVersion(second, "deep1"));
    }
  }
}

package io.weft.ws;

import static io.weft.testing.Wire.ack;
import static io.weft.testing.Wire.arr;
import static io.weft.testing.Wire.c;
import static io.weft.testing.Wire.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.weft.json.Json;
import io.weft.testing.RecordingClient;
import io.weft.testing.ServerRig;
import io.weft.testing.TestServer;
import io.weft.testing.Wire;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the socket layer refuses: bad paths at the handshake, oversized and binary frames. */
class SocketLimitsTest {
  private static final int MAX_FRAME = 4096;
  @RegisterExtension
  static final ServerRig server = new ServerRig(Map.of("ws.maxFrameBytes", String.valueOf(MAX_FRAME)));

  static List<String> notDocumentPaths() {
    return List.of("/../x/", "/a/b/", "/" + "a".repeat(65) + "/", "/" + "a".repeat(65), "/", "/a.b/", "/a%20b/",
        "/~/", "/x/../y/");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notDocumentPaths")
  void aHandshakeOnAPathThatIsNotADocumentIsRefusedWith400(String path) {
    IllegalStateException failure = assertThrows(IllegalStateException.class,
        () -> RecordingClient.open(server.port(), path).close());
    assertTrue(failure.getCause() instanceof UpgradeRejectedException, "upgrade rejected: " + failure);
    assertEquals(400, ((UpgradeRejectedException) failure.getCause()).getStatus());
  }

  static List<String> documentPaths() {
    return List.of("/doc1/", "/doc1", "/doc1/?x=1&y", "/a-b_C9/", "/" + "a".repeat(64) + "/");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documentPaths")
  void aHandshakeOnADocumentPathIsAccepted(String path) {
    try (RecordingClient client = RecordingClient.connect(server.port(), path)) {
      client.send(obj("a", "pp"));
      assertEquals(obj("a", "pp"), client.next());
    }
  }

  /** An op message inserting {@code text} into the body, as sent. */
  private static Map<String, Object> insert(String docId, String src, String text) {
    return Wire.op(docId, 1, src, 1, List.of(c(arr(5, 2), "li", text)));
  }

  @Test
  void aFrameOverTheLimitClosesThatSocketWith1009AndNothingElse() {
    try (RecordingClient big = server.connect("limit1"); RecordingClient other = server.connect("limit1")) {
      List<Object> page = Wire.createPage(other, "limit1");
      other.subscribe("limit1");
      big.subscribe("limit1");

      String frame = Json.encode(insert("limit1", big.id, "x".repeat(MAX_FRAME)));
      assertTrue(frame.length() > MAX_FRAME);
      big.sendText(frame);
      assertEquals(1009, big.awaitClose());

      other.expectNothing(200);
      other.send(obj("a", "pp"));
      assertEquals(obj("a", "pp"), other.next());
      assertEquals(page, Wire.pageJson(server, "limit1"));
      assertEquals(1, Wire.pageVersion(server, "limit1"));
      // The document still takes ops from the socket that stayed.
      other.send(insert("limit1", other.id, "small"));
      assertEquals(ack("limit1", 1, other.id, 1), other.next());
    }
  }

  @Test
  void aMessageOverTheLimitSentInSmallFragmentsClosesTheSocketWith1009() {
    try (RecordingClient big = server.connect("limit2"); RecordingClient other = server.connect("limit2")) {
      List<Object> page = Wire.createPage(other, "limit2");
      other.subscribe("limit2");
      big.subscribe("limit2");

      byte[] message = Json.encode(insert("limit2", big.id, "y".repeat(MAX_FRAME))).getBytes(StandardCharsets.UTF_8);
      int half = message.length / 2;
      WebSocket socket = big.socket();
      socket.writeFrame(WebSocketFrame.textFrame(new String(message, 0, half, StandardCharsets.UTF_8), false));
      socket.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(
          new String(message, half, message.length - half, StandardCharsets.UTF_8)), true));
      assertEquals(1009, big.awaitClose());

      other.expectNothing(200);
      assertEquals(page, Wire.pageJson(server, "limit2"));
      assertEquals(1, Wire.pageVersion(server, "limit2"));
    }
  }

  @Test
  void aFrameExactlyAtTheLimitIsServed() {
    try (RecordingClient client = server.connect("limit3")) {
      String head = "{\"a\":\"pp\",\"pad\":\"";
      String frame = head + "z".repeat(MAX_FRAME - head.length() - 2) + "\"}";
      assertEquals(MAX_FRAME, frame.getBytes(StandardCharsets.UTF_8).length);
      client.sendText(frame);
      assertEquals(obj("a", "pp"), client.next());
      client.expectNothing(200);
    }
  }

  @Test
  void aBinaryFrameClosesThatSocketWith1003() {
    try (RecordingClient binary = server.connect("binary1"); RecordingClient other = server.connect("binary1")) {
      List<Object> page = Wire.createPage(other, "binary1");
      other.subscribe("binary1");
      binary.subscribe("binary1");
      binary.socket().writeBinaryMessage(Buffer.buffer(Json.encode(insert("binary1", binary.id, "bin"))));
      assertEquals(1003, binary.awaitClose());

      other.expectNothing(200);
      other.send(obj("a", "pp"));
      assertEquals(obj("a", "pp"), other.next());
      assertEquals(page, Wire.pageJson(server, "binary1"));
    }
  }

  @Test
  void aSocketThatSendsNothingIsClosedWith4408() {
    try (TestServer quick = TestServer.start(Map.of("ws.idleTimeoutSeconds", "1"));
        RecordingClient silent = quick.connect("idle1")) {
      assertEquals(4408, silent.awaitClose());
      silent.expectNothing(0);
    }
  }
}

package io.weft.origin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.testing.RawHttp;
import io.weft.testing.RecordingClient;
import io.weft.testing.TestServer;
import io.weft.testing.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DNS rebinding: a page of evil.example, its name pointed at 127.0.0.1, is same-origin to itself, so only
 * the {@code Host} it sends tells its requests from ours. Requests naming another host are refused with 421.
 */
class AllowedHostsTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("http.allowedHosts", "localhost,127.0.0.1,[::1],weft.example,pinned.example:9"));
    try (RecordingClient client = server.connect("private")) {
      Wire.createPage(client, "private");
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String get(String path, String host) {
    return RawHttp.exchange(server.port(), RawHttp.request("GET", path, host));
  }

  @Test
  void aRequestNamingAnotherHostIsRefusedBeforeItReadsAnything() {
    String evil = "evil.example:" + server.port();
    for (String path : new String[] {"/private/?json", "/private/?v", "/private/", "/auth/me", "/~/weft.js"}) {
      String response = get(path, evil);
      assertEquals(421, RawHttp.status(response), path + ": " + response);
      assertTrue(RawHttp.body(response).contains("evil.example"), response);
      assertTrue(!response.contains("\"html\""), "nothing of the page: " + response);
    }
    // Nor did asking create a page.
    assertEquals(421, RawHttp.status(get("/fresh-one/", evil)));
    assertEquals(404, RawHttp.status(get("/fresh-one/?v", "127.0.0.1:" + server.port())));
  }

  @Test
  void theLoopbackNamesAndConfiguredHostsAreServed() {
    for (String host : new String[] {"127.0.0.1:" + server.port(), "localhost:" + server.port(), "LOCALHOST",
        "[::1]:" + server.port(), "weft.example", "weft.example:443", "pinned.example:9"}) {
      String response = get("/private/?v", host);
      assertEquals(200, RawHttp.status(response), host + ": " + response);
    }
    assertEquals(421, RawHttp.status(get("/private/?v", "pinned.example:10")), "another port of a pinned name");
    assertEquals(421, RawHttp.status(get("/private/?v", "127.0.0.1.evil.example")));
  }

  @Test
  void aWebSocketNamingAnotherHostIsRefusedEvenWithAMatchingOrigin() {
    String evil = "evil.example:" + server.port();
    assertEquals("HTTP/1.1 421", statusLine(upgrade(evil, "http://" + evil)));
    String own = "127.0.0.1:" + server.port();
    assertEquals("HTTP/1.1 101", statusLine(upgrade(own, "http://" + own)));
  }

  /** The start of the answer's status line: a refused upgrade leaves the connection open for more requests. */
  private static String statusLine(String request) {
    try (Socket socket = RawHttp.open(server.port())) {
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      byte[] head = new byte[12];
      assertEquals(12, socket.getInputStream().readNBytes(head, 0, 12));
      return new String(head, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String upgrade(String host, String origin) {
    return "GET /private/ HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: " + origin + "\r\n\r\n";
  }
}

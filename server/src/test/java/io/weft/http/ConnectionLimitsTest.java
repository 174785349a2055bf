package io.weft.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.testing.RawHttp;
import io.weft.testing.RecordingClient;
import io.weft.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Idle and half-sent connections are closed, and only so many may be open: over raw sockets. */
class ConnectionLimitsTest {
  private TestServer server;
  private final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void stop() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private Socket open() throws IOException {
    Socket socket = RawHttp.open(server.port());
    sockets.add(socket);
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    socket.getOutputStream().flush();
  }

  @Test
  void halfARequestIsClosedAfterTheHeaderTimeout() throws IOException {
    server = TestServer.start(Map.of("http.headerTimeoutSeconds", "1", "http.idleTimeoutSeconds", "600"));
    Socket silent = open();
    Socket half = open();
    send(half, "GET /frontpage/ HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Ag");
    long start = System.nanoTime();
    assertEquals("", RawHttp.readUntilClosed(half, 8000), "closed without an answer");
    assertEquals("", RawHttp.readUntilClosed(silent, 8000), "a connection that sent nothing is closed too");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < 6000, "closed after " + millis + " ms");
  }

  @Test
  void aBodyTrickledAByteAtATimeIsRefusedWith408AfterTheBodyTimeout() throws Exception {
    server = TestServer.start(Map.of("http.bodyTimeoutSeconds", "1", "http.idleTimeoutSeconds", "600",
        "http.headerTimeoutSeconds", "600"));
    Socket socket = open();
    send(socket, "POST /auth/local HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nlogin=a");
    // A byte every 200 ms: never idle, never done.
    Thread trickle = new Thread(() -> {
      try {
        for (int i = 0; i < 50; i++) {
          Thread.sleep(200);
          send(socket, "a");
        }
      } catch (IOException | InterruptedException closed) {
        // the server closed it, as it should
      }
    });
    trickle.start();
    long start = System.nanoTime();
    String answer = RawHttp.readUntilClosed(socket, 9000);
    long millis = (System.nanoTime() - start) / 1_000_000;
    trickle.interrupt();
    assertEquals(408, RawHttp.status(answer), answer);
    assertTrue(millis < 6000, "closed after " + millis + " ms");
  }

  @Test
  void aKeptAliveConnectionIsClosedAfterTheIdleTimeout() throws IOException {
    server = TestServer.start(Map.of("http.headerTimeoutSeconds", "600", "http.idleTimeoutSeconds", "1"));
    Socket socket = open();
    send(socket, "GET /favicon.ico HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    String answer = RawHttp.readUntilClosed(socket, 8000);
    assertTrue(answer.startsWith("HTTP/1.1 204"), answer);
  }

  @Test
  void aWebSocketOutlivesTheHttpTimeouts() throws InterruptedException {
    server = TestServer.start(Map.of("http.headerTimeoutSeconds", "1", "http.idleTimeoutSeconds", "1"));
    try (RecordingClient client = server.connect("long-lived")) {
      Thread.sleep(3000);
      client.send(RecordingClient.message("f", "long-lived"));
      assertEquals("f", client.next().get("a"));
    }
  }

  @Test
  void connectionsOverTheCapAreClosedAtOnceAndAFreedPlaceIsUsable() throws Exception {
    server = TestServer.start(Map.of("http.maxConnections", "3", "http.headerTimeoutSeconds", "600"));
    for (int i = 0; i < 3; i++) {
      open();
    }
    // The kernel completes a connection before the server's event loop takes it up.
    Thread.sleep(1000);
    Socket over = open();
    send(over, "GET /favicon.ico HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    assertEquals("", RawHttp.readUntilClosed(over, 8000), "the fourth is closed unanswered");
    sockets.remove(0).close();
    String answer = awaitAnswer();
    assertTrue(answer.startsWith("HTTP/1.1 204"), answer);
  }

  /** The server notices a closed connection soon, not at once: ask until a place is free. */
  private String awaitAnswer() throws IOException {
    long deadline = System.currentTimeMillis() + 8000;
    String last = "";
    while (System.currentTimeMillis() < deadline) {
      try (Socket socket = RawHttp.open(server.port())) {
        send(socket, RawHttp.request("GET", "/favicon.ico", "127.0.0.1"));
        last = RawHttp.readUntilClosed(socket, 8000);
        if (!last.isEmpty()) {
          return last;
        }
      }
    }
    return last;
  }
}

package io.weft.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weft.testing.RawHttp;
import io.weft.testing.RecordingClient;
import io.weft.testing.TestServer;
import io.weft.testing.Wire;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** HEAD answers as GET does, headers and status alike, without a body. */
class HeadRequestTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    try (RecordingClient client = server.connect("headed")) {
      Wire.createPage(client, "headed");
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static List<String> paths() {
    return List.of("/", "/headed", "/headed/", "/headed/?json", "/headed/?v", "/~/weft.js", "/auth/local",
        "/auth/local/signup", "/favicon.ico", "/nowhere/?json", "/no/such/path", "/" + "b".repeat(65) + "/");
  }

  @ParameterizedTest
  @MethodSource("paths")
  void headAnswersAsGetDoesWithoutABody(String path) {
    String get = RawHttp.exchange(server.port(), RawHttp.request("GET", path, "127.0.0.1:" + server.port()));
    String head = RawHttp.exchange(server.port(), RawHttp.request("HEAD", path, "127.0.0.1:" + server.port()));
    assertEquals(RawHttp.status(get), RawHttp.status(head), "status of HEAD " + path + ": " + head);
    assertEquals(RawHttp.header(get, "content-type"), RawHttp.header(head, "content-type"), "type of HEAD " + path);
    assertEquals(RawHttp.header(get, "location"), RawHttp.header(head, "location"), "location of HEAD " + path);
    assertEquals("", RawHttp.body(head), "bytes after the headers of HEAD " + path);
  }
}

package io.weft.http;

import static io.weft.testing.Wire.arr;
import static io.weft.testing.Wire.c;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.json.Json;
import io.weft.testing.Pages;
import io.weft.testing.RecordingClient;
import io.weft.testing.ServerRig;
import io.weft.testing.Wire;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The HTTP side of documents, over real HTTP. */
class PageRoutesTest {
  private static final String LONG_ID = "b".repeat(65);
  @RegisterExtension
  static final ServerRig server = new ServerRig();

  private static String header(HttpResponse<?> response, String name) {
    Optional<String> value = response.headers().firstValue(name);
    assertTrue(value.isPresent(), "header " + name + " present");
    return value.get();
  }

  @Test
  void theRootRedirectsToTheFrontPage() {
    HttpResponse<String> response = server.get("/");
    assertEquals(302, response.statusCode());
    assertEquals("/frontpage/", header(response, "Location"));
  }

  @Test
  void aDocumentPathWithoutTheSlashRedirectsToItKeepingTheQuery() {
    HttpResponse<String> plain = server.get("/redir1");
    assertEquals(302, plain.statusCode());
    assertEquals("/redir1/", header(plain, "Location"));

    HttpResponse<String> withQuery = server.get("/redir1?json&x=a%20b");
    assertEquals(302, withQuery.statusCode());
    assertEquals("/redir1/?json&x=a%20b", header(withQuery, "Location"));
  }

  static List<String> shellPaths() {
    return List.of("/shell1/", "/never-created/", "/A_b-9/", "/shell1/?x=1", "/" + "b".repeat(64) + "/");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shellPaths")
  void anyValidDocumentPathServesTheHtmlShell(String path) {
    HttpResponse<String> response = server.get(path);
    assertEquals(200, response.statusCode());
    assertTrue(header(response, "Content-Type").startsWith("text/html"), header(response, "Content-Type"));
    assertTrue(response.body().startsWith("<!DOCTYPE html>"), response.body());
    assertTrue(response.body().contains("<script"), "the shell loads the client: " + response.body());
  }

  @Test
  void theShellServesTheScriptsItLoads() {
    String shell = server.get("/shell2/").body();
    Matcher m = Pattern.compile("src=\"(/~/[^\"]+)\"").matcher(shell);
    List<String> scripts = new ArrayList<>();
    while (m.find()) {
      scripts.add(m.group(1));
    }
    assertFalse(scripts.isEmpty(), "the shell names its scripts: " + shell);
    for (String script : scripts) {
      HttpResponse<String> response = server.get(script);
      assertEquals(200, response.statusCode(), script);
      assertTrue(header(response, "Content-Type").contains("javascript"), script + ": "
          + header(response, "Content-Type"));
      assertFalse(response.body().isBlank(), script);
    }
  }

  @Test
  void aMissingClientFileIsNotFound() {
    assertEquals(404, server.get("/~/no-such-file.js").statusCode());
  }

  @Test
  void jsonAndVersionReportTheDocumentAsCreatedAndEdited() {
    try (RecordingClient client = server.connect("json1")) {
      List<Object> page = Wire.createPage(client, "json1");
      HttpResponse<String> created = server.get("/json1/?json");
      assertEquals(200, created.statusCode());
      assertTrue(header(created, "Content-Type").startsWith("application/json"));
      assertEquals(page, Json.parse(created.body()));
      assertEquals(Map.of("version", 1), Json.parse(server.get("/json1/?v").body()));

      client.subscribe("json1");
      client.submit("json1", 1L, List.of(c(arr(5, 2), "li", arr("p", Wire.obj("class", "x"), "Hello"))));
      assertEquals(1, client.next().get("v"));
      client.submit("json1", 2L, List.of(Pages.setHtmlAttribute("lang", "en")));
      assertEquals(2, client.next().get("v"));
    }
    List<Object> expected = Pages.skeleton("json1");
    expected.set(1, Wire.obj("lang", "en"));
    expected.set(5, arr("body", Wire.obj(), arr("p", Wire.obj("class", "x"), "Hello"), "\n"));
    assertEquals(expected, Json.parse(server.get("/json1/?json").body()));
    HttpResponse<String> version = server.get("/json1/?v");
    assertEquals(200, version.statusCode());
    assertTrue(header(version, "Content-Type").startsWith("application/json"));
    assertEquals(Map.of("version", 3), Json.parse(version.body()));
  }

  @Test
  void jsonAndVersionOfADocumentThatDoesNotExistAreNotFound() {
    assertEquals(404, server.get("/nothing-here/?json").statusCode());
    assertEquals(404, server.get("/nothing-here/?v").statusCode());
    // Asking did not create it.
    try (RecordingClient client = server.connect("nothing-here")) {
      client.send(RecordingClient.message("f", "nothing-here"));
      assertEquals(Wire.obj("v", 0, "type", null), client.next().get("data"));
    }
  }

  static List<String> invalidPaths() {
    return List.of("/a.b/", "/a.b", "/a%20b/", "/" + LONG_ID + "/", "/" + LONG_ID, "/" + LONG_ID + "/?json",
        "/a.b/?json", "/a.b/?v", "/a%2Fb/", "/a%2eb/");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidPaths")
  void anInvalidDocumentIdIsABadRequest(String path) {
    assertEquals(400, server.get(path).statusCode(), path);
  }

  @Test
  void textBeyondAsciiComesBackUnchangedOverHttpAndTheSocket() {
    String text = "h\u00e9llo \u2713 \ud83d\ude00 \u4e2d\u6587 </script> \"quoted\" \\";
    try (RecordingClient alice = server.connect("unicode1"); RecordingClient bob = server.connect("unicode1")) {
      Wire.createPage(alice, "unicode1");
      alice.subscribe("unicode1");
      bob.subscribe("unicode1");
      List<Object> op = List.of(c(arr(5, 2), "li", text), c(arr(1, "title"), "oi", text));
      alice.submit("unicode1", 1L, op);
      assertEquals(1, alice.next().get("v"));
      assertEquals(op, bob.next().get("op"));
    }
    HttpResponse<String> json = server.get("/unicode1/?json");
    List<?> page = (List<?>) Json.parse(json.body());
    assertEquals(text, ((List<?>) page.get(5)).get(2));
    assertEquals(text, ((Map<?, ?>) page.get(1)).get("title"));
  }
}

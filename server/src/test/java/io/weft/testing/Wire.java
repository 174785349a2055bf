package io.weft.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.json.Json;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders for protocol messages and assertions on what the server sent, for tests of the wire. */
public final class Wire {
  public static final String JSON0 = "http://sharejs.org/types/JSONv0";

  private Wire() {
  }

  /** An ordered JSON object from alternating keys and values (values may be null). */
  public static Map<String, Object> obj(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  /** A mutable JSON array (items may be null). */
  public static List<Object> arr(Object... items) {
    return new ArrayList<>(Arrays.asList(items));
  }

  /** {@code {"a":"op","c":"webstrates","d","v","src","seq","op"}} with any src and seq. */
  public static Map<String, Object> op(String docId, Object version, String src, long seq, List<?> op) {
    Map<String, Object> m = RecordingClient.message("op", docId);
    m.put("v", version);
    m.put("src", src);
    m.put("seq", seq);
    m.put("op", op);
    return m;
  }

  /** A create at version 0 with any src and seq. */
  public static Map<String, Object> create(String docId, String src, long seq, Object data) {
    Map<String, Object> m = RecordingClient.message("op", docId);
    m.put("v", 0);
    m.put("src", src);
    m.put("seq", seq);
    m.put("create", obj("type", JSON0, "data", data));
    return m;
  }

  /** The ack the server sends for a submission. */
  public static Map<String, Object> ack(String docId, int version, String src, long seq) {
    return obj("a", "op", "c", "webstrates", "d", docId, "v", version, "src", src, "seq", (int) seq);
  }

  /** The broadcast of a committed edit, as other subscribers receive it. */
  public static Map<String, Object> broadcast(String docId, int version, String src, long seq, List<?> op) {
    return obj("a", "op", "c", "webstrates", "d", docId, "v", version, "src", src, "seq", (int) seq, "op", op);
  }

  /** One component, e.g. {@code c(arr(1, "x"), "oi", "1")}. */
  public static Map<String, Object> c(List<?> path, Object... instruction) {
    Map<String, Object> m = obj("p", path);
    m.putAll(obj(instruction));
    return m;
  }

  /** The value {@code value} takes on the wire: encoded and decoded again (ints stay ints). */
  public static Object wire(Object value) {
    return Json.parse(Json.encode(value));
  }

  /**
   * Asserts {@code frame} is {@code request} echoed with an error of {@code code} and a message for
   * people; returns the message.
   */
  public static String assertEchoedError(Map<String, Object> request, String code, Map<String, Object> frame) {
    Map<String, Object> copy = new LinkedHashMap<>(frame);
    Object error = copy.remove("error");
    assertNotNull(error, "expected an error reply to " + request + ", got " + frame);
    assertEquals(wire(request), copy, "the error echoes the request");
    return assertError(code, error);
  }

  /** Asserts {@code frame} is a bare error (no request to echo) of {@code code}; returns the message. */
  public static String assertBareError(String code, Map<String, Object> frame) {
    assertEquals(List.of("error"), new ArrayList<>(frame.keySet()), "only an error: " + frame);
    return assertError(code, frame.get("error"));
  }

  private static String assertError(String code, Object error) {
    assertTrue(error instanceof Map, "error is an object: " + error);
    Map<?, ?> e = (Map<?, ?>) error;
    assertEquals(List.of("code", "message"), new ArrayList<>(e.keySet()), "error has a code and a message");
    assertEquals(code, e.get("code"), "error code; message was: " + e.get("message"));
    String message = (String) e.get("message");
    assertNotNull(message);
    assertFalse(message.isBlank(), "the error says what is wrong");
    return message;
  }

  /** Creates a page from {@code client} and checks the ack; returns the page as created. */
  public static List<Object> createPage(RecordingClient client, String docId) {
    List<Object> page = Pages.skeleton(docId);
    Map<String, Object> ack = client.create(docId, page);
    assertEquals("op", ack.get("a"), "create acknowledged: " + ack);
    assertEquals(0, ack.get("v"), "create acknowledged at version 0: " + ack);
    assertFalse(ack.containsKey("error"), "create acknowledged: " + ack);
    return page;
  }

  /** The page's JsonML from {@code GET /<id>/?json}. */
  public static Object pageJson(TestServer server, String docId) {
    HttpResponse<String> response = server.get("/" + docId + "/?json");
    assertEquals(200, response.statusCode(), "GET ?json of " + docId + ": " + response.body());
    return Json.parse(response.body());
  }

  /** The page's version from {@code GET /<id>/?v}. */
  public static int pageVersion(TestServer server, String docId) {
    HttpResponse<String> response = server.get("/" + docId + "/?v");
    assertEquals(200, response.statusCode(), "GET ?v of " + docId + ": " + response.body());
    Map<?, ?> body = (Map<?, ?>) Json.parse(response.body());
    return ((Number) body.get("version")).intValue();
  }
}

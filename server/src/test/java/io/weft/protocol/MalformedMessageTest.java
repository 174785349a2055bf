package io.weft.protocol;

import static io.weft.testing.Wire.arr;
import static io.weft.testing.Wire.assertBareError;
import static io.weft.testing.Wire.assertEchoedError;
import static io.weft.testing.Wire.c;
import static io.weft.testing.Wire.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weft.json.Json;
import io.weft.testing.Pages;
import io.weft.testing.RecordingClient;
import io.weft.testing.ServerRig;
import io.weft.testing.Wire;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Messages the server cannot decode: each is answered with a code and a message, the socket goes on
 * working, and no document or other subscriber notices.
 */
class MalformedMessageTest {
  private static final String DOC = "intact";
  private static final String LONG_ID = "a".repeat(65);
  @RegisterExtension
  static final ServerRig server = new ServerRig();
  private static List<Object> page;

  private RecordingClient sender;
  private RecordingClient observer;

  @BeforeAll
  static void createPage() {
    try (RecordingClient author = server.connect(DOC)) {
      page = Wire.createPage(author, DOC);
    }
  }

  @BeforeEach
  void subscribe() {
    sender = server.connect(DOC);
    observer = server.connect(DOC);
    sender.subscribe(DOC);
    observer.subscribe(DOC);
  }

  @AfterEach
  void nothingWasHarmed() {
    // The sender's socket is still served, the observer heard nothing, and the page is as created.
    sender.send(obj("a", "pp"));
    assertEquals(obj("a", "pp"), sender.next());
    sender.expectNothing(200);
    observer.expectNothing(0);
    assertEquals(page, Wire.pageJson(server, DOC));
    assertEquals(1, Wire.pageVersion(server, DOC));
    sender.close();
    observer.close();
  }

  static Stream<Arguments> notAnObject() {
    return Stream.of(
        Arguments.of("truncated JSON", "{\"a\":\"s\","),
        Arguments.of("not JSON at all", "hello"),
        Arguments.of("two JSON values", "{\"a\":\"pp\"} {\"a\":\"pp\"}"),
        Arguments.of("an array", "[\"s\",\"webstrates\",\"intact\"]"),
        Arguments.of("a number", "42"),
        Arguments.of("a string", "\"pp\""),
        Arguments.of("null", "null"),
        Arguments.of("empty", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notAnObject")
  void aFrameThatIsNotAJsonObjectGetsABareError(String what, String frame) {
    sender.sendText(frame);
    assertBareError("ERR_MESSAGE_BADLY_FORMED", sender.next());
  }

  static Stream<Arguments> refused() {
    Map<String, Object> seqMissing = Wire.op(DOC, 1, "me", 1, List.of(c(arr(1, "x"), "oi", "1")));
    seqMissing.remove("seq");
    Map<String, Object> neither = Wire.op(DOC, 1, "me", 1, null);
    neither.remove("op");
    Map<String, Object> both = Wire.op(DOC, 1, "me", 1, List.of(c(arr(1, "x"), "oi", "1")));
    both.put("create", obj("type", Wire.JSON0, "data", Pages.skeleton(DOC)));
    Map<String, Object> delete = Wire.op(DOC, 1, "me", 1, null);
    delete.remove("op");
    delete.put("del", true);
    Map<String, Object> badType = Wire.create(DOC, "me", 1, Pages.skeleton(DOC));
    badType.put("create", obj("type", "http://sharejs.org/types/textv1", "data", ""));
    Map<String, Object> noData = Wire.create(DOC, "me", 1, null);
    noData.put("create", obj("type", Wire.JSON0));
    Map<String, Object> createNotObject = Wire.create(DOC, "me", 1, null);
    createNotObject.put("create", "json0");
    return Stream.of(
        Arguments.of("no action", obj("c", "webstrates", "d", DOC), "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("a numeric action", obj("a", 5, "c", "webstrates", "d", DOC), "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("an unknown action", obj("a", "zz", "c", "webstrates", "d", DOC), "ERR_UNKNOWN_ACTION"),
        Arguments.of("a presence action", obj("a", "p", "c", "webstrates", "d", DOC), "ERR_UNKNOWN_ACTION"),
        Arguments.of("no collection", obj("a", "s", "d", DOC), "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("unknown collection (s)", obj("a", "s", "c", "users", "d", DOC), "ERR_UNKNOWN_COLLECTION"),
        Arguments.of("unknown collection (f)", obj("a", "f", "c", "users", "d", DOC), "ERR_UNKNOWN_COLLECTION"),
        Arguments.of("unknown collection (op)",
            with(Wire.op(DOC, 1, "me", 1, List.of(c(arr(1, "x"), "oi", "1"))), "c", "users"), "ERR_UNKNOWN_COLLECTION"),
        Arguments.of("id with a path (s)", obj("a", "s", "c", "webstrates", "d", "../x"), "ERR_INVALID_DOC_ID"),
        Arguments.of("id of 65 characters (s)", obj("a", "s", "c", "webstrates", "d", LONG_ID), "ERR_INVALID_DOC_ID"),
        Arguments.of("empty id (s)", obj("a", "s", "c", "webstrates", "d", ""), "ERR_INVALID_DOC_ID"),
        Arguments.of("numeric id (s)", obj("a", "s", "c", "webstrates", "d", 5), "ERR_INVALID_DOC_ID"),
        Arguments.of("null id (s)", obj("a", "s", "c", "webstrates", "d", null), "ERR_INVALID_DOC_ID"),
        Arguments.of("no id (s)", obj("a", "s", "c", "webstrates"), "ERR_INVALID_DOC_ID"),
        Arguments.of("id with a dot (f)", obj("a", "f", "c", "webstrates", "d", "a.b"), "ERR_INVALID_DOC_ID"),
        Arguments.of("id with a slash (u)", obj("a", "u", "c", "webstrates", "d", "a/b"), "ERR_INVALID_DOC_ID"),
        Arguments.of("id with a space (nf)", obj("a", "nf", "id", 1, "c", "webstrates", "d", "a b", "v", 0),
            "ERR_INVALID_DOC_ID"),
        Arguments.of("id that is a list (op)",
            with(Wire.op(DOC, 1, "me", 1, List.of(c(arr(1, "x"), "oi", "1"))), "d", List.of(DOC)), "ERR_INVALID_DOC_ID"),
        Arguments.of("id of 65 characters (create)", Wire.create(LONG_ID, "me", 1, Pages.skeleton("x")),
            "ERR_INVALID_DOC_ID"),
        Arguments.of("negative version (s)", obj("a", "s", "c", "webstrates", "d", DOC, "v", -1),
            "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("fractional version (s)", obj("a", "s", "c", "webstrates", "d", DOC, "v", 0.5),
            "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("string version (f)", obj("a", "f", "c", "webstrates", "d", DOC, "v", "1"),
            "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("negative version (nf)", obj("a", "nf", "id", 1, "c", "webstrates", "d", DOC, "v", -3),
            "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("negative version (op)", Wire.op(DOC, -1, "me", 1, List.of(c(arr(1, "x"), "oi", "1"))),
            "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("fractional version (op)", Wire.op(DOC, 1.5, "me", 1, List.of(c(arr(1, "x"), "oi", "1"))),
            "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("boolean version (op)", Wire.op(DOC, true, "me", 1, List.of(c(arr(1, "x"), "oi", "1"))),
            "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("negative seq", Wire.op(DOC, 1, "me", -1, List.of(c(arr(1, "x"), "oi", "1"))),
            "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("fractional seq", with(Wire.op(DOC, 1, "me", 1, List.of(c(arr(1, "x"), "oi", "1"))), "seq", 1.5),
            "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("string seq", with(Wire.op(DOC, 1, "me", 1, List.of(c(arr(1, "x"), "oi", "1"))), "seq", "1"),
            "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("no seq", seqMissing, "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("numeric src", with(Wire.op(DOC, 1, "me", 1, List.of(c(arr(1, "x"), "oi", "1"))), "src", 5),
            "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("op message with neither op nor create", neither, "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("op message with both op and create", both, "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("delete", delete, "ERR_OP_SUBMIT_REJECTED"),
        Arguments.of("create of an unknown type", badType, "ERR_DOC_TYPE_NOT_RECOGNIZED"),
        Arguments.of("create without data", noData, "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("create that is not an object", createNotObject, "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("op that is not a list", with(Wire.op(DOC, 1, "me", 1, null), "op", obj("p", arr(1, "x"))),
            "ERR_OT_OP_BADLY_FORMED"));
  }

  private static Map<String, Object> with(Map<String, Object> message, String key, Object value) {
    message.put(key, value);
    return message;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void aMessageTheServerCannotDecodeIsEchoedWithAnError(String what, Map<String, Object> message, String code) {
    sender.send(message);
    assertEchoedError(message, code, sender.next());
  }

  @Test
  void anUnknownWebstratesActionGetsAnErrorReplyCarryingTheToken() {
    sender.send(obj("wa", "frobnicate", "d", DOC, "token", 12));
    Map<String, Object> reply = sender.next();
    assertEquals(List.of("wa", "token", "error", "code"), List.copyOf(reply.keySet()), "a reply: " + reply);
    assertEquals("reply", reply.get("wa"));
    assertEquals(12, reply.get("token"));
    assertEquals(String.class, reply.get("error").getClass());
    assertEquals("ERR_UNKNOWN_ACTION", reply.get("code"));
  }

  @Test
  void aWebstratesRequestForAnInvalidDocumentIdGetsAnErrorReplyCarryingTheToken() {
    // The Webstrates client routes on "wa": anything but a reply would leave its request hanging.
    sender.send(obj("wa", "fetchdoc", "d", "../x", "token", 13));
    Map<String, Object> reply = sender.next();
    assertEquals(List.of("wa", "token", "error", "code"), List.copyOf(reply.keySet()), "a reply: " + reply);
    assertEquals("reply", reply.get("wa"));
    assertEquals(13, reply.get("token"));
    assertEquals(String.class, reply.get("error").getClass());
    assertEquals("ERR_INVALID_DOC_ID", reply.get("code"));
  }

  @Test
  void aWebstratesRequestWithANonStringActionGetsAnErrorReplyCarryingTheToken() {
    sender.send(obj("wa", 7, "d", DOC, "token", "t-14"));
    Map<String, Object> reply = sender.next();
    assertEquals(List.of("wa", "token", "error", "code"), List.copyOf(reply.keySet()), "a reply: " + reply);
    assertEquals("reply", reply.get("wa"));
    assertEquals("t-14", reply.get("token"));
    assertEquals(String.class, reply.get("error").getClass());
    assertEquals("ERR_MESSAGE_BADLY_FORMED", reply.get("code"));
  }

  @Test
  void manyBadMessagesInARowEachGetTheirOwnErrorInOrder() {
    for (int i = 0; i < 20; i++) {
      sender.send(obj("a", "zz" + i));
    }
    for (int i = 0; i < 20; i++) {
      assertEchoedError(obj("a", "zz" + i), "ERR_UNKNOWN_ACTION", sender.next());
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void errorsAreValidJsonEvenForFramesWithAwkwardText() {
    String frame = "{\"a\":\"\\u0000\\\"</script>\"}";
    sender.sendText(frame);
    assertEchoedError((Map<String, Object>) Json.parse(frame), "ERR_UNKNOWN_ACTION", sender.next());
  }
}

package io.weft.ws;

import static io.weft.testing.Wire.arr;
import static io.weft.testing.Wire.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.weft.json.Json;
import io.weft.testing.Pages;
import io.weft.testing.RecordingClient;
import io.weft.testing.TestServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every refused Webstrates ({@code wa}) request is answered {@code {"wa":"reply","token","error","code"}}:
 * the message for people, the code for programs. Malformed input is never called forbidden, and the
 * socket carries on after any refusal.
 */
class WebstratesRefusalTest {
  /** A page only alice may read, write and administer. */
  private static final String PRIVATE = "refusals-private";
  private static TestServer server;
  private static TestServer.Login alice;
  private static TestServer.Login bob;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    alice = server.login("alice");
    bob = server.login("bob");
    List<Object> page = Pages.skeleton(PRIVATE);
    ((Map<String, Object>) page.get(1)).put("data-auth",
        Json.encode(List.of(obj("username", "alice", "provider", "test", "permissions", "rwa"))));
    try (RecordingClient c = server.connect(PRIVATE, alice)) {
      assertNull(c.create(PRIVATE, page).get("error"), "page created");
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("signal with a numeric node id", obj("wa", "publish", "d", PRIVATE, "id", 7, "m", 1),
            "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("signal to recipients that are not a list",
            obj("wa", "publish", "d", PRIVATE, "id", "document", "m", 1, "recipients", "all"), "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("signal subscription without a node id", obj("wa", "subscribe", "d", PRIVATE),
            "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("presence without a document", obj("wa", "ready"), "ERR_INVALID_DOC_ID"),
        Arguments.of("presence for a numeric document", obj("wa", "ready", "d", 5), "ERR_INVALID_DOC_ID"),
        Arguments.of("op log from a negative version", obj("wa", "getOps", "d", PRIVATE, "from", -1),
            "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("op log to a string version", obj("wa", "getOps", "d", PRIVATE, "options", obj("to", "5")),
            "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("token with a maxAge in words", obj("wa", "createToken", "d", PRIVATE, "options",
            obj("maxAge", "soon")), "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("token with a maxAge of zero", obj("wa", "createToken", "d", PRIVATE, "options", obj("maxAge", 0)),
            "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("token removal without an id", obj("wa", "removeToken", "d", PRIVATE), "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("invite with numeric permissions", obj("wa", "createInvite", "d", PRIVATE, "options",
            obj("permissions", 5)), "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("invite with unknown permission letters", obj("wa", "createInvite", "d", PRIVATE, "options",
            obj("permissions", "xyz")), "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("invite with a fractional maxUses", obj("wa", "createInvite", "d", PRIVATE, "options",
            obj("maxUses", 1.5)), "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("invite with a negative maxAge", obj("wa", "createInvite", "d", PRIVATE, "options",
            obj("maxAge", -5)), "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("invite with a maxUses of zero", obj("wa", "createInvite", "d", PRIVATE, "options",
            obj("maxUses", 0)), "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("invite removal with a numeric key", obj("wa", "removeInvite", "d", PRIVATE, "options",
            obj("key", 7)), "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("invite check without a key", obj("wa", "checkInvite", "d", PRIVATE), "ERR_MESSAGE_BADLY_FORMED"),
        Arguments.of("invite acceptance with a null key", obj("wa", "acceptInvite", "d", PRIVATE, "options",
            obj("key", null)), "ERR_MESSAGE_BADLY_FORMED"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void aMalformedRequestOfEachFamilyIsRefusedWithACodeThatIsNotForbidden(String what, Map<String, Object> request,
      String code) {
    // Alice is logged in and administers the page, so only the request's shape can be at fault.
    try (RecordingClient client = server.connect(PRIVATE, alice)) {
      Map<String, Object> reply = ask(client, request, "m-1");
      assertEquals(code, reply.get("code"), what + ": " + reply);
      assertNotEquals("ERR_FORBIDDEN", reply.get("code"));
      stillServed(client);
    }
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("presence before subscribing", null, obj("wa", "ready", "d", PRIVATE),
            "ERR_NOT_SUBSCRIBED", "Subscribe to " + PRIVATE + " before sending 'ready'"),
        Arguments.of("a signal before subscribing", null, obj("wa", "publish", "d", PRIVATE, "id", "document", "m", 1),
            "ERR_NOT_SUBSCRIBED", "Subscribe to " + PRIVATE + " before sending 'publish'"),
        Arguments.of("the op log without read permission", null, obj("wa", "getOps", "d", PRIVATE),
            "ERR_FORBIDDEN", "Forbidden: reading the ops of " + PRIVATE + " needs 'r' (read) permission"),
        Arguments.of("a token while logged out", null, obj("wa", "createToken", "d", PRIVATE),
            "ERR_LOGIN_REQUIRED", "Must be logged in to create access tokens"),
        Arguments.of("removing a token that does not exist", "alice",
            obj("wa", "removeToken", "d", PRIVATE, "options", obj("id", "nope")),
            "ERR_NOT_FOUND", "No such access token, or not yours to remove"),
        Arguments.of("listing invites while logged out", null, obj("wa", "getInvites", "d", PRIVATE),
            "ERR_LOGIN_REQUIRED", "Must be logged in to handle invites (to list invites)"),
        Arguments.of("listing invites without admin permission", "bob", obj("wa", "getInvites", "d", PRIVATE),
            "ERR_FORBIDDEN", "Need admin permissions to manage invites. You hold '' on " + PRIVATE),
        Arguments.of("removing an invite that does not exist", "alice",
            obj("wa", "removeInvite", "d", PRIVATE, "options", obj("key", "nope")),
            "ERR_NOT_FOUND", "Unable to delete invite: no live invite of " + PRIVATE + " has that key or id"),
        Arguments.of("checking a key that opens nothing", "alice",
            obj("wa", "checkInvite", "d", PRIVATE, "options", obj("key", "nope")),
            "INVITE_UNKNOWN", "Invalid invitation key"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void everyRefusalCarriesItsCodeBesideTheUnchangedMessage(String what, String who, Map<String, Object> request,
      String code, String message) {
    TestServer.Login login = "alice".equals(who) ? alice : "bob".equals(who) ? bob : null;
    try (RecordingClient client = login == null ? server.connect(PRIVATE) : server.connect(PRIVATE, login)) {
      Map<String, Object> reply = ask(client, request, 41);
      assertEquals(code, reply.get("code"), what + ": " + reply);
      assertEquals(message, reply.get("error"), what);
      stillServed(client);
    }
  }

  @Test
  void anUnknownActionIsAnsweredWithItsCodeAndTheSocketCarriesOn() {
    try (RecordingClient client = server.connect(PRIVATE, alice)) {
      Map<String, Object> reply = ask(client, obj("wa", "frobnicate", "d", PRIVATE), "u-1");
      assertEquals("ERR_UNKNOWN_ACTION", reply.get("code"));
      assertEquals("Unknown action 'frobnicate'", reply.get("error"));
      // Without a token the refusal still comes, so a client never waits on silence.
      client.send(obj("wa", "frobnicate", "d", PRIVATE));
      assertEquals(obj("wa", "reply", "token", null, "error", "Unknown action 'frobnicate'", "code", "ERR_UNKNOWN_ACTION"),
          client.next());
      // The socket goes on to subscribe, listen and signal.
      assertNull(client.subscribe(PRIVATE).get("error"));
      client.send(obj("wa", "subscribe", "d", PRIVATE, "id", "document", "token", "u-2"));
      assertEquals(obj("wa", "reply", "token", "u-2", "reply", null), client.next());
      client.send(obj("wa", "publish", "d", PRIVATE, "id", "document", "m", arr(1)));
      Map<String, Object> signal = client.nextPresence();
      while (!"publish".equals(signal.get("wa"))) {
        signal = client.nextPresence();
      }
      assertEquals(arr(1), signal.get("m"));
    }
  }

  /** Sends {@code request} with {@code token}; the next frame must be its refusal, in the one shape. */
  private static Map<String, Object> ask(RecordingClient client, Map<String, Object> request, Object token) {
    Map<String, Object> sent = new LinkedHashMap<>(request);
    sent.put("token", token);
    client.send(sent);
    Map<String, Object> reply = client.next();
    assertEquals(List.of("wa", "token", "error", "code"), List.copyOf(reply.keySet()), "a refusal: " + reply);
    assertEquals("reply", reply.get("wa"));
    assertEquals(token, reply.get("token"));
    assertEquals(String.class, reply.get("error").getClass());
    return reply;
  }

  private static void stillServed(RecordingClient client) {
    client.send(obj("a", "pp"));
    assertEquals(obj("a", "pp"), client.next());
    client.expectNothing(100);
  }
}

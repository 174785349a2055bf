package io.weft.invite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.weft.json.Json;
import io.weft.testing.RecordingClient;
import io.weft.testing.TestServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One user's socket making invite requests for any document. Frames that are not the awaited reply
 * (an {@code inviteAccepted} event, a broadcast) are kept in {@link #others}, in order.
 */
final class InviteClient implements AutoCloseable {
  final RecordingClient socket;
  final List<Map<String, Object>> others = new ArrayList<>();
  private int nextToken = 1;

  private InviteClient(RecordingClient socket) {
    this.socket = socket;
  }

  /** A socket on a lobby page (never subscribed), as {@code login} (null: anonymous). */
  static InviteClient of(TestServer server, TestServer.Login login) {
    return new InviteClient(login == null ? server.connect("lobby") : server.connect("lobby", login));
  }

  /** Sends {@code wa} for {@code doc} with {@code options}; returns the reply frame (with reply or error). */
  Map<String, Object> call(String wa, String doc, Map<String, Object> options) {
    int token = nextToken++;
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("wa", wa);
    request.put("d", doc);
    request.put("token", token);
    if (options != null) {
      request.put("options", options);
    }
    socket.send(request);
    while (true) {
      Map<String, Object> frame = socket.next();
      if ("reply".equals(frame.get("wa")) && Integer.valueOf(token).equals(frame.get("token"))) {
        return frame;
      }
      others.add(frame);
    }
  }

  /** The reply of a call that must succeed. */
  @SuppressWarnings("unchecked")
  <T> T ok(String wa, String doc, Map<String, Object> options) {
    Map<String, Object> frame = call(wa, doc, options);
    assertNull(frame.get("error"), wa + " on " + doc + " succeeds: " + frame);
    return (T) frame.get("reply");
  }

  /** The error message of a call that must fail. */
  String refused(String wa, String doc, Map<String, Object> options) {
    Map<String, Object> frame = call(wa, doc, options);
    assertNotNull(frame.get("error"), wa + " on " + doc + " is refused: " + frame);
    return (String) frame.get("error");
  }

  /** The code of a refusal about the key itself (INVITE_UNKNOWN, ...). */
  String refusedCode(String wa, String doc, Map<String, Object> options) {
    Map<String, Object> frame = call(wa, doc, options);
    assertNotNull(frame.get("code"), wa + " on " + doc + " is refused with a code: " + frame);
    return (String) frame.get("code");
  }

  Map<String, Object> create(String doc, Map<String, Object> options) {
    return ok("createInvite", doc, options);
  }

  Map<String, Object> accept(String doc, String key) {
    return ok("acceptInvite", doc, Map.of("key", key));
  }

  /** Waits for the next Webstrates event {@code wa} about {@code doc} (events arrive beside replies), skipping others. */
  Map<String, Object> awaitEvent(String wa, String doc) {
    return awaitEvent(socket, wa, doc);
  }

  static Map<String, Object> awaitEvent(RecordingClient socket, String wa, String doc) {
    while (true) {
      Map<String, Object> frame = socket.nextPresence();
      if (wa.equals(frame.get("wa")) && doc.equals(frame.get("d"))) {
        return frame;
      }
    }
  }

  static String entries(Object... usernamesAndRights) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (int i = 0; i < usernamesAndRights.length; i += 2) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("username", usernamesAndRights[i]);
      e.put("provider", usernamesAndRights[i].equals("anonymous") ? "" : "test");
      e.put("permissions", usernamesAndRights[i + 1]);
      list.add(e);
    }
    return Json.encode(list);
  }

  @Override
  public void close() {
    socket.close();
  }

  static void assertReplyOk(Map<String, Object> frame) {
    assertEquals("reply", frame.get("wa"));
    assertNull(frame.get("error"), String.valueOf(frame));
  }
}

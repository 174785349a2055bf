package io.weft.invite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.weft.json.Json;
import io.weft.testing.RecordingClient;
import io.weft.testing.TestServer;
import io.weft.testing.WaClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One user's socket making invite requests for any document. Frames that are not the awaited reply
 * (an {@code inviteAccepted} event, a broadcast) are kept in {@link #others}, in order.
 */
final class InviteClient extends WaClient {
  final List<Map<String, Object>> others = new ArrayList<>();

  private InviteClient(RecordingClient socket) {
    super(socket);
  }

  /** A socket on a lobby page (never subscribed), as {@code login} (null: anonymous). */
  static InviteClient of(TestServer server, TestServer.Login login) {
    return new InviteClient(login == null ? server.connect("lobby") : server.connect("lobby", login));
  }

  @Override
  protected void onFrame(Map<String, Object> frame) {
    if (!"reply".equals(frame.get("wa"))) {
      others.add(frame);
    }
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


  static void assertReplyOk(Map<String, Object> frame) {
    assertEquals("reply", frame.get("wa"));
    assertNull(frame.get("error"), String.valueOf(frame));
  }
}

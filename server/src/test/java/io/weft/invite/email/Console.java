package io.weft.invite.email;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.weft.testing.RecordingClient;
import io.weft.testing.TestServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One user's socket sending email invitation requests, as the console would; status events arrive beside the replies. */
final class Console implements AutoCloseable {
  final RecordingClient socket;
  private int nextToken = 1;

  private Console(RecordingClient socket) {
    this.socket = socket;
  }

  static Console of(TestServer server, TestServer.Login login) {
    return new Console(server.connect("lobby", login));
  }

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
    }
  }

  @SuppressWarnings("unchecked")
  <T> T ok(String wa, String doc, Map<String, Object> options) {
    Map<String, Object> frame = call(wa, doc, options);
    assertNull(frame.get("error"), wa + " on " + doc + " succeeds: " + frame);
    return (T) frame.get("reply");
  }

  String refusedCode(String wa, String doc, Map<String, Object> options) {
    Map<String, Object> frame = call(wa, doc, options);
    assertNotNull(frame.get("code"), wa + " on " + doc + " is refused with a code: " + frame);
    return (String) frame.get("code");
  }

  /** Invites {@code emails} to {@code doc} with {@code permissions}: the one success record (fails otherwise). */
  @SuppressWarnings("unchecked")
  Map<String, Object> inviteOne(String doc, String email, String permissions) {
    Map<String, Object> reply = ok("emailInvite", doc, Map.of("emails", List.of(email), "permissions", permissions));
    List<Map<String, Object>> success = (List<Map<String, Object>>) reply.get("success");
    if (success.size() != 1) {
      throw new AssertionError("one invitation sent: " + reply);
    }
    return success.get(0);
  }

  /** The next {@code emailInvitation} event about invitation {@code id} that satisfies {@code wanted}, skipping others. */
  Map<String, Object> nextEvent(String id, java.util.function.Predicate<Map<String, Object>> wanted) {
    while (true) {
      Map<String, Object> frame = socket.nextPresence();
      if ("emailInvitation".equals(frame.get("wa")) && id.equals(frame.get("id")) && wanted.test(frame)) {
        return frame;
      }
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}

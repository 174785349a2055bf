package io.weft.invite.email;


import io.weft.testing.RecordingClient;
import io.weft.testing.TestServer;
import io.weft.testing.WaClient;
import java.util.List;
import java.util.Map;

/** One user's socket sending email invitation requests, as the console would; status events arrive beside the replies. */
final class Console extends WaClient {
  private Console(RecordingClient socket) {
    super(socket);
  }

  static Console of(TestServer server, TestServer.Login login) {
    return new Console(server.connect("lobby", login));
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

}

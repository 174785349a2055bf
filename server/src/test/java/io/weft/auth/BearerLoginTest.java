package io.weft.auth;

import static io.weft.testing.Wire.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.weft.json.Json;
import io.weft.testing.Pages;
import io.weft.testing.RecordingClient;
import io.weft.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scripts log in with the session JWT as {@code Authorization: Bearer}, on HTTP and on the WebSocket upgrade. */
class BearerLoginTest {
  @Test
  @SuppressWarnings("unchecked")
  void theSessionJwtWorksAsABearerTokenUntilLogout() {
    try (TestServer server = TestServer.start()) {
      TestServer.Login alice = server.login("alice");
      Map<String, String> bearer = Map.of("Authorization", "Bearer " + alice.jwt());
      try (RecordingClient socket = RecordingClient.connect(server.port(), "/scripted/", bearer)) {
        List<Object> page = Pages.skeleton("scripted");
        ((Map<String, Object>) page.get(1)).put("data-auth",
            Json.encode(List.of(obj("username", "alice", "provider", "test", "permissions", "rwa"))));
        assertNull(socket.create("scripted", page).get("error"), "alice creates her private page over the socket");
        assertNull(socket.subscribe("scripted").get("error"));
        assertEquals("alice", ((Map<?, ?>) socket.nextPresence().get("user")).get("username"));
        assertEquals(200, server.get("/scripted/?json", bearer).statusCode(), "HTTP with the bearer token");
        assertEquals(403, server.get("/scripted/?json").statusCode(), "HTTP without it");

        assertEquals(303, server.post("/auth/logout", "", bearer).statusCode());
        assertEquals(4401, socket.awaitClose(), "logging out closes the session's sockets");
        assertEquals(403, server.get("/scripted/?json", bearer).statusCode(), "the JWT is dead after logout");
      }
    }
  }

  @Test
  void aForgedOrMangledJwtCountsAsAnonymous() {
    try (TestServer server = TestServer.start()) {
      TestServer.Login alice = server.login("alice");
      String jwt = alice.jwt();
      String[] parts = jwt.split("\\.");
      String forged = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "xx." + parts[2];
      for (String token : List.of(forged, "not-a-jwt", jwt.substring(0, jwt.length() - 3))) {
        assertEquals(obj("userId", "anonymous:", "username", "anonymous", "provider", ""),
            Json.parse(server.get("/auth/me", Map.of("Authorization", "Bearer " + token)).body()), token);
      }
    }
  }
}

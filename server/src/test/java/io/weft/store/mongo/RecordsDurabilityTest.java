package io.weft.store.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.testing.ChildServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Logins and logouts are acknowledged writes too: a server killed with SIGKILL right after them (well
 * before the embedded store's next checkpoint) comes back with the session still valid and the
 * ended one still ended.
 */
class RecordsDurabilityTest {
  private static final Map<String, String> TEST_LOGINS = Map.of("auth.test.enabled", "true");

  private static String login(ChildServer server, String username) {
    HttpResponse<String> response = server.post("/auth/test", "username=" + username, Map.of());
    assertEquals(303, response.statusCode(), response.body());
    String setCookie = response.headers().firstValue("set-cookie").orElseThrow();
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  private static String me(ChildServer server, String cookie) {
    return server.get("/auth/me", Map.of("Cookie", cookie)).body();
  }

  @Test
  void sessionsAndLogoutsSurviveKill9() throws Exception {
    Path dataDir = Files.createTempDirectory("weft-records");
    String kept;
    String ended;
    ChildServer server = ChildServer.start(dataDir, TEST_LOGINS);
    try {
      kept = login(server, "alice");
      ended = login(server, "bob");
      assertEquals(303, server.post("/auth/logout", "", Map.of("Cookie", ended)).statusCode());
      assertTrue(me(server, kept).contains("\"alice\""));
      server.kill();
    } finally {
      server.close();
    }
    try (ChildServer again = ChildServer.start(dataDir, TEST_LOGINS)) {
      assertTrue(me(again, kept).contains("\"alice\""), "alice's session survived: " + me(again, kept));
      assertTrue(me(again, ended).contains("anonymous"), "bob's logout survived: " + me(again, ended));
    }
  }
}

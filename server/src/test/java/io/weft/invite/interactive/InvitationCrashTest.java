package io.weft.invite.interactive;

import static io.weft.invite.interactive.InvitationClient.assertCode;
import static io.weft.invite.interactive.InvitationClient.entries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.weft.json.Json;
import io.weft.testing.ChildServer;
import io.weft.testing.Pages;
import io.weft.testing.RecordingClient;
import io.weft.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A server killed with SIGKILL while a PIN is live, and one stopped after an invitation locked: after
 * the restart both are as they were (guest, PIN, wrong count, lock). Nowhere along the way does the PIN
 * reach the server's log or a file under data.dir in plain text.
 */
class InvitationCrashTest {
  private static final Map<String, String> SETTINGS = Map.of("auth.test.enabled", "true");

  @Test
  void aKilledServerComesBackWithTheLivePinTheWrongCountAndTheLock() throws IOException {
    Path dataDir = Files.createTempDirectory("weft-invitation-crash");
    String doc = "crash-" + System.nanoTime() % 100_000;
    Object liveId;
    Object lockedId;
    String livePin;
    String lockedPin;
    ChildServer first = ChildServer.start(dataDir, SETTINGS);
    try {
      TestServer.Login alice = login(first, "alice");
      try (RecordingClient creator = RecordingClient.connect(first.port(), "/" + doc + "/", alice.headers())) {
        List<Object> page = Pages.skeleton(doc);
        ((Map<String, Object>) page.get(1)).put("data-auth", entries("alice", "rwa"));
        assertNull(creator.create(doc, page).get("error"));
      }
      try (InvitationClient inviter = client(first, alice); InvitationClient bob = client(first, login(first, "bob"))) {
        Map<String, Object> live = inviter.create(doc, Json.object("permissions", "rw"));
        liveId = live.get("id");
        bob.redeem("lobby", live.get("code"));
        livePin = (String) inviter.awaitState(liveId, "ready_for_authentication").get("pin");
        assertEquals(2, bob.authenticate("lobby", liveId, InteractiveInviteTest.wrongPin(livePin)).get("attemptsLeft"));

        Map<String, Object> locked = inviter.create(doc, Json.object("permissions", "r"));
        lockedId = locked.get("id");
        bob.redeem("lobby", locked.get("code"));
        lockedPin = (String) inviter.awaitState(lockedId, "ready_for_authentication").get("pin");
        for (int i = 0; i < 3; i++) {
          bob.authenticate("lobby", lockedId, InteractiveInviteTest.wrongPin(lockedPin));
        }
        bob.drain(200);
        assertFalse(bob.sawPin(livePin) || bob.sawPin(lockedPin), "no frame to the guest carried a PIN");
      }
      first.kill();
      assertNowhere(livePin, first.log(), "the server's log");
      assertNowhere(lockedPin, first.log(), "the server's log");
      assertNotStoredInPlainText(dataDir, livePin);
      assertNotStoredInPlainText(dataDir, lockedPin);
    } finally {
      first.close();
    }

    try (ChildServer second = ChildServer.start(dataDir, SETTINGS)) {
      TestServer.Login alice = login(second, "alice");
      try (InvitationClient inviter = client(second, alice); InvitationClient bob = client(second, login(second, "bob"))) {
        List<Map<String, Object>> listed = inviter.ok("getInteractiveInvites", doc, null);
        Map<String, Object> live = listed.stream().filter(i -> i.get("id").equals(liveId)).findFirst().orElseThrow();
        assertEquals("ready_for_authentication", live.get("state"));
        assertEquals("bob", ((Map<?, ?>) live.get("guest")).get("username"));
        assertEquals(2, live.get("attemptsLeft"));
        Map<String, Object> locked = listed.stream().filter(i -> i.get("id").equals(lockedId)).findFirst().orElseThrow();
        assertEquals("failed", locked.get("state"));
        assertEquals(0, locked.get("attemptsLeft"));

        assertCode("INVITATION_FAILED", bob.call("authenticateInvite", "lobby", Json.object("id", lockedId, "pin", lockedPin)));
        assertEquals(1, bob.authenticate("lobby", liveId, InteractiveInviteTest.wrongPin(livePin)).get("attemptsLeft"));
        assertEquals("success", bob.authenticate("lobby", liveId, livePin).get("state"));
        HttpResponse<String> json = second.get("/" + doc + "/?json", alice.headers());
        Object list = ((Map<?, ?>) ((List<?>) Json.parse(json.body())).get(1)).get("data-auth");
        assertEquals(Json.parse(entries("alice", "rwa", "bob", "rw")), Json.parse((String) list));
      }
      second.stop();
      assertNowhere(livePin, second.log(), "the restarted server's log");
    }
  }

  private static TestServer.Login login(ChildServer server, String username) {
    HttpResponse<String> response = server.post("/auth/test", "username=" + username, Map.of());
    assertEquals(303, response.statusCode(), response.body());
    String setCookie = response.headers().firstValue("set-cookie").orElseThrow();
    return new TestServer.Login(username, "test", setCookie.substring(0, setCookie.indexOf(';')));
  }

  private static InvitationClient client(ChildServer server, TestServer.Login login) {
    return new InvitationClient(RecordingClient.connect(server.port(), "/lobby/", login.headers()));
  }

  /** {@code pin} as a number of its own (not part of a longer run of digits) in {@code text}. */
  private static boolean holds(String text, String pin) {
    return Pattern.compile("(?<![0-9])" + pin + "(?![0-9])").matcher(text).find();
  }

  private static void assertNowhere(String pin, String text, String where) {
    assertFalse(holds(text, pin), "the PIN " + pin + " is not in " + where + ":\n" + text);
  }

  private static void assertNotStoredInPlainText(Path dataDir, String pin) throws IOException {
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.filter(Files::isRegularFile).forEach(file -> {
        try {
          String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
          assertFalse(holds(bytes, pin), "the PIN " + pin + " is not in plain text in " + file);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}

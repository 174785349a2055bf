package io.weft.invite;

import static io.weft.invite.InviteClient.entries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.json.Json;
import io.weft.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** An invite key is a bearer secret: shown to its creator once, never listed, never written down. */
class InviteKeyStorageTest {
  @Test
  void theKeyIsShownOnceAndOnlyItsHashIsStored() throws IOException {
    Path dir = Files.createTempDirectory("weft-invite-keys");
    String key;
    String id;
    try (TestServer own = TestServer.start(dir, Map.of())) {
      TestServer.Login owner = own.login("alice");
      String doc = InviteRulesTest.page(own, owner, entries("alice", "rwa"));
      try (InviteClient client = InviteClient.of(own, owner)) {
        Map<String, Object> created = client.create(doc, Json.object("permissions", "rw"));
        key = (String) created.get("key");
        id = (String) created.get("id");
        assertTrue(key.matches("[A-Za-z0-9_-]{43}"), "256 bits, URL-safe: " + key);
        assertEquals("/" + doc + "/?acceptInvite=" + key, created.get("url"));
        List<Map<String, Object>> listed = client.ok("getInvites", doc, null);
        assertEquals(1, listed.size());
        assertEquals(id, listed.get(0).get("id"));
        assertFalse(Json.encode(listed).contains(key), "get never shows the key: " + listed);
      }
    }
    // Everything the server wrote (database, journal): the invite is there, its key is not.
    String written = readAll(dir);
    assertTrue(written.contains(id), "the invite was written under " + dir);
    assertFalse(written.contains(key), "the key itself was written under " + dir);
  }

  private static String readAll(Path dir) throws IOException {
    StringBuilder out = new StringBuilder();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
    }
    return out.toString();
  }
}

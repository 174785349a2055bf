package io.weft.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.testing.RecordingClient;
import io.weft.testing.TestServer;
import io.weft.testing.Wire;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What Weft writes under data.dir (store, journal, key) is the owner's alone. */
class PrivateDataTest {
  @Test
  void aDataDirectoryWeftCreatesAndEveryFileInItAreTheOwnersAlone() throws IOException {
    Path dir = Files.createTempDirectory("weft-private").resolve("fresh").resolve("data");
    try (TestServer server = TestServer.start(dir, Map.of("auth.local.enabled", "true"))) {
      try (RecordingClient client = server.connect("secret-page")) {
        Wire.createPage(client, "secret-page");
      }
      server.post("/auth/local/signup", "username=carol&email=carol%40example.org&password=correct+horse", Map.of());
      assertPrivate(dir);
      try (Stream<Path> list = Files.list(dir)) {
        assertTrue(list.anyMatch(f -> f.getFileName().toString().startsWith("journal-")), "a journal file while running");
      }
    }
    // After a stop (the final checkpoint) and a start on the same directory too.
    try (TestServer again = TestServer.start(dir, Map.of())) {
      assertPrivate(dir);
    }
  }

  @Test
  void filesLeftWorldReadableByAnOlderVersionAreNarrowedAtStart() throws IOException {
    Path dir = Files.createTempDirectory("weft-private-old");
    try (TestServer server = TestServer.start(dir, Map.of())) {
      try (RecordingClient client = server.connect("old-page")) {
        Wire.createPage(client, "old-page");
      }
    }
    Files.setPosixFilePermissions(dir.resolve("weft.mv"), PosixFilePermissions.fromString("rw-r--r--"));
    try (TestServer again = TestServer.start(dir, Map.of())) {
      assertEquals("rw-------", mode(dir.resolve("weft.mv")));
    }
  }

  private static void assertPrivate(Path dir) throws IOException {
    assertEquals("rwx------", mode(dir), "data.dir");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().equals("weft.mv")), "store in " + files);
    assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().equals("session-key")), "key in " + files);
    for (Path file : files) {
      try {
        assertEquals("rw-------", mode(file), file.toString());
      } catch (java.nio.file.NoSuchFileException checkpointedAway) {
        // A journal file the store's checkpoint deleted meanwhile.
      }
    }
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}

package io.weft.auth;

import io.weft.files.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret that signs session JWTs: {@code auth.secret} when configured (every process of a cluster
 * must share it), else a random key created on first start in {@code data.dir/session-key}, readable
 * by the owner only (see {@link PrivateFiles}). Never a built-in default, so no two installs accept each other's sessions.
 */
public final class SigningKey {
  static final String FILE = "session-key";
  /** HS256 wants at least 256 bits. */
  private static final int MIN_LENGTH = 32;

  private SigningKey() {
  }

  /** Blocking file access: call at start-up, off the event loops. */
  public static String load(String configured, Path dataDir) {
    if (!configured.isEmpty()) {
      if (configured.length() < MIN_LENGTH) {
        throw new IllegalArgumentException("auth.secret must be at least " + MIN_LENGTH + " characters");
      }
      return configured;
    }
    Path file = dataDir.resolve(FILE);
    try {
      PrivateFiles.directory(dataDir);
      if (!Files.exists(file)) {
        create(file);
      }
      String key = Files.readString(file, StandardCharsets.US_ASCII).trim();
      if (key.length() < MIN_LENGTH) {
        throw new IllegalStateException(file + " holds no usable key; delete it to make a new one (this logs everyone out)");
      }
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the session key " + file, e);
    }
  }

  private static void create(Path file) throws IOException {
    byte[] bytes = new byte[48];
    new SecureRandom().nextBytes(bytes);
    String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Path temp = file.resolveSibling(FILE + ".new");
    Files.deleteIfExists(temp);
    Files.createFile(temp, PrivateFiles.ownerOnly());
    Files.writeString(temp, key + "\n", StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
    try {
      Files.move(temp, file);
    } catch (FileAlreadyExistsException raced) {
      // Another process sharing data.dir made it first: use theirs.
      Files.deleteIfExists(temp);
    }
  }
}

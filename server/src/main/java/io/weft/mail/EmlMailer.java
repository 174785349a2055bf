package io.weft.mail;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.mailencoder.MailEncoder;
import io.weft.files.PrivateFiles;
import io.weft.store.Letter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

/**
 * Mail without an SMTP server: each letter becomes an {@code .eml} file (the MIME message an SMTP
 * server would have got) under {@code data.dir/outbox/}, readable by the server's user only, since it
 * holds a working link. A mail program opens it.
 */
final class EmlMailer implements Mailer {
  private final Vertx vertx;
  private final Path dir;
  private final String from;

  EmlMailer(Vertx vertx, Path dir, String from) {
    this.vertx = vertx;
    this.dir = dir;
    this.from = from;
  }

  @Override
  public Future<Void> send(Letter letter) {
    String mime = new MailEncoder(Mailers.message(from, letter), "localhost").encode();
    Path file = dir.resolve(Instant.now().toString().replace(':', '-') + "-" + UUID.randomUUID() + ".eml");
    return vertx.executeBlocking(() -> {
      PrivateFiles.directory(dir);
      Files.createFile(file, PrivateFiles.ownerOnly());
      Files.write(file, mime.getBytes(StandardCharsets.UTF_8));
      return null;
    }, false).mapEmpty();
  }

  @Override
  public String describe() {
    return ".eml files in " + dir.toAbsolutePath() + " (set mail.host to send over SMTP)";
  }
}

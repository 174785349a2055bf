package io.weft.invite.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.testing.ServerRig;
import io.weft.testing.TestServer;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Without {@code mail.host}, mail goes to {@code .eml} files a person can open, and only the server's user can read. */
class EmlMailTest {
  @RegisterExtension
  static final ServerRig server = new ServerRig();

  @Test
  void eachMailIsAnOwnerOnlyEmlFileThatParsesAsTheInvitation() throws Exception {
    TestServer.Login alice = server.login("alice");
    String doc = EmailInviteRig.page(server, alice, "Files");
    try (Console inviter = Console.of(server, alice)) {
      String id = (String) inviter.inviteOne(doc, "nia@example.org", "rw").get("id");
      MimeMessage mail = EmailInviteRig.emlTo(server.dataDir(), "nia@example.org", doc).get(0);
      assertEquals("alice invites you to \u201cFiles\u201d", mail.getSubject());
      assertTrue(mail.getFrom()[0].toString().contains("weft@localhost"));
      String[] parts = EmailInviteRig.textAndHtml(mail);
      String token = EmailInviteRig.token(parts[0], doc);
      assertTrue(parts[1].contains("?invitation=" + token), parts[1]);
      inviter.nextEvent(id, e -> "sent".equals(((Map<?, ?>) e.get("delivery")).get("state")));
    }
    Path outbox = server.dataDir().resolve("outbox");
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(outbox)));
    try (Stream<Path> files = Files.list(outbox)) {
      List<Path> all = files.toList();
      assertEquals(1, all.size());
      assertTrue(all.get(0).toString().endsWith(".eml"));
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(all.get(0))));
    }
  }
}

package io.weft.invite.interactive;

import static io.weft.invite.interactive.InvitationClient.entries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.weft.json.Json;
import io.weft.store.InteractiveInviteStore;
import io.weft.store.InteractiveInviteStore.StoredInvitation;
import io.weft.store.mongo.MongoStores;
import io.weft.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A crash between the right PIN and the stored success leaves the invitation accepting, the guest not
 * yet in. The crash is made by writing that state straight into the stopped server's store; after the
 * restart the sweep finishes the acceptance by itself, and the guest is let in exactly once.
 */
class StalledAcceptanceTest {
  @Test
  void theSweepFinishesAnAcceptanceACrashLeftHalfWay() throws Exception {
    Path dataDir = Files.createTempDirectory("weft-stalled-acceptance");
    String doc;
    Object id;
    try (TestServer before = TestServer.start(dataDir, Map.of())) {
      TestServer.Login alice = before.login("alice");
      doc = InvitationClient.page(before, alice, entries("alice", "rwa"));
      try (InvitationClient inviter = InvitationClient.of(before, alice);
          InvitationClient bob = InvitationClient.of(before, before.login("bob"))) {
        Map<String, Object> created = inviter.create(doc, Json.object("permissions", "rw"));
        id = created.get("id");
        bob.redeem("lobby", created.get("code"));
        assertNotNull(inviter.awaitState(id, "ready_for_authentication").get("pin"));
      }
    }
    Vertx vertx = Vertx.vertx();
    try {
      MongoStores.Opened opened = await(MongoStores.open(vertx, new MongoStores.Settings("", "weft", dataDir, false)));
      InteractiveInviteStore store = opened.interactiveInvites();
      StoredInvitation ready = await(store.byId((String) id));
      StoredInvitation accepting = Transitions.accepting(ready);
      StoredInvitation crashed = new StoredInvitation(accepting.id(), accepting.codeHash(), accepting.docId(),
          accepting.rights(), accepting.inviter(), accepting.createdAtMillis(), accepting.expiresAtMillis(),
          accepting.multiUse(), accepting.state(), accepting.guest(), accepting.pinHash(),
          System.currentTimeMillis() - 1_000, accepting.wrongPins(), accepting.successes(), accepting.version());
      assertNotNull(await(store.replace(ready.version(), crashed)));
      await(opened.documents().close());
    } finally {
      await(vertx.close());
    }

    try (TestServer after = TestServer.start(dataDir, Map.of("invites.pinTimeoutSeconds", "1"));
        InvitationClient inviter = InvitationClient.of(after, after.login("alice"))) {
      // The sweep may finish it before this socket opens, so its outcome is read rather than awaited.
      long deadline = System.currentTimeMillis() + 10_000;
      List<Map<String, Object>> listed = inviter.ok("getInteractiveInvites", doc, null);
      while (!"success".equals(listed.get(0).get("state")) && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
        listed = inviter.ok("getInteractiveInvites", doc, null);
      }
      assertEquals("success", listed.get(0).get("state"));
      assertEquals(1, listed.get(0).get("successes"));
      assertEquals("rw", InvitationClient.listOf(after, after.login("alice"), doc).get("bob"));
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}

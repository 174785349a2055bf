package io.weft.invite;

import static io.weft.invite.InviteClient.entries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.weft.store.InviteStore;
import io.weft.store.InviteStore.StoredAcceptance;
import io.weft.store.mongo.MongoStores;
import io.weft.testing.TestServer;
import io.weft.user.User;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Acceptances that died half-way, as a crash leaves them in the store, finished by a later accept
 * after a restart: whatever step the crash interrupted, a single-use invite ends with one holder.
 * The crash is simulated by writing the claim it would have left straight into the stopped server's
 * store, with a claim time past the stale limit.
 */
class InviteCrashRecoveryTest {
  private static final User BOB = new User("bob", "test", "bob");
  private static final long LONG_AGO = System.currentTimeMillis() - InviteDesk.STALE_CLAIM_MILLIS - 10_000;
  private static TestServer server;
  private static InviteClient alice;
  /** A page and the key and id of a single-use invite to it, per crash. */
  private static Crashed beforeTheUse;
  private static Crashed beforeTheUseWithTheUseLeft;
  private static Crashed afterTheUse;
  private static Crashed afterTheMerge;

  private record Crashed(String doc, String key, String id) {
  }

  @BeforeAll
  static void crashHalfWayThroughAcceptances() throws Exception {
    Path dataDir = Files.createTempDirectory("weft-invite-crash");
    try (TestServer before = TestServer.start(dataDir, Map.of());
        InviteClient inviter = InviteClient.of(before, before.login("alice"))) {
      beforeTheUse = singleUse(before, inviter, entries("alice", "rwa"));
      beforeTheUseWithTheUseLeft = singleUse(before, inviter, entries("alice", "rwa"));
      afterTheUse = singleUse(before, inviter, entries("alice", "rwa"));
      // The merge's op was committed; the crash came before the claim was marked accepted.
      afterTheMerge = singleUse(before, inviter, entries("alice", "rwa", "bob", "rw"));
    }
    Vertx vertx = Vertx.vertx();
    try {
      MongoStores.Opened opened = await(MongoStores.open(vertx, new MongoStores.Settings("", "weft", dataDir, false)));
      InviteStore store = opened.invites();
      staleClaim(store, beforeTheUse, false);
      staleClaim(store, beforeTheUseWithTheUseLeft, false);
      for (Crashed crashed : List.of(afterTheUse, afterTheMerge)) {
        assertNotNull(await(store.takeUse(crashed.id(), 1, System.currentTimeMillis())));
        staleClaim(store, crashed, true);
      }
      await(opened.documents().close());
    } finally {
      await(vertx.close());
    }
    server = TestServer.start(dataDir, Map.of());
    alice = InviteClient.of(server, server.login("alice"));
  }

  @AfterAll
  static void stop() {
    alice.close();
    server.close();
  }

  private static Crashed singleUse(TestServer server, InviteClient inviter, String list) {
    String doc = InviteRulesTest.page(server, server.login("alice"), list);
    Map<String, Object> created = inviter.create(doc, Map.of("permissions", "rw", "maxUses", 1));
    return new Crashed(doc, (String) created.get("key"), (String) created.get("id"));
  }

  private static void staleClaim(InviteStore store, Crashed crashed, boolean useTaken) throws Exception {
    long expires = await(store.byId(crashed.id())).expiresAtMillis();
    await(store.claim(new StoredAcceptance(crashed.id(), crashed.doc(), BOB, LONG_AGO, expires, useTaken, 0, null,
        null)));
  }

  @Test
  void aClaimWhoseUseWasNeverTakenGetsNoRightsOnceSomeoneElseTookTheUse() {
    Crashed crashed = beforeTheUse;
    try (InviteClient carol = InviteClient.of(server, server.login("carol"));
        InviteClient bob = InviteClient.of(server, server.login("bob"))) {
      assertEquals("rw", carol.accept(crashed.doc(), crashed.key()).get("permissions"));
      assertEquals("INVITE_USED_UP", bob.refusedCode("acceptInvite", crashed.doc(), Map.of("key", crashed.key())));
    }
    assertNull(rightsOf(crashed, "bob"), "no rights without a use");
    assertOneHolder(crashed, "carol");
  }

  @Test
  void aClaimWhoseUseWasNeverTakenTakesItIfItIsStillThere() {
    Crashed crashed = beforeTheUseWithTheUseLeft;
    try (InviteClient bob = InviteClient.of(server, server.login("bob"));
        InviteClient carol = InviteClient.of(server, server.login("carol"))) {
      assertEquals("rw", bob.accept(crashed.doc(), crashed.key()).get("permissions"));
      assertEquals("INVITE_USED_UP", carol.refusedCode("acceptInvite", crashed.doc(), Map.of("key", crashed.key())));
    }
    assertOneHolder(crashed, "bob");
  }

  @Test
  void aClaimWhoseUseWasTakenFinishesTheMergeAndNobodyElseGetsIn() {
    Crashed crashed = afterTheUse;
    try (InviteClient bob = InviteClient.of(server, server.login("bob"));
        InviteClient carol = InviteClient.of(server, server.login("carol"))) {
      Map<String, Object> accepted = bob.accept(crashed.doc(), crashed.key());
      assertEquals("rw", accepted.get("permissions"));
      assertNotNull(accepted.get("version"), "the merge is written now");
      assertEquals("INVITE_USED_UP", carol.refusedCode("acceptInvite", crashed.doc(), Map.of("key", crashed.key())));
    }
    assertOneHolder(crashed, "bob");
  }

  @Test
  void aClaimWhoseMergeWasWrittenIsRecordedAndKeepsItsUse() {
    Crashed crashed = afterTheMerge;
    try (InviteClient bob = InviteClient.of(server, server.login("bob"));
        InviteClient carol = InviteClient.of(server, server.login("carol"))) {
      Map<String, Object> accepted = bob.accept(crashed.doc(), crashed.key());
      assertEquals("rw", accepted.get("permissions"));
      assertNull(accepted.get("version"), "nothing more to write");
      assertEquals("INVITE_USED_UP", carol.refusedCode("acceptInvite", crashed.doc(), Map.of("key", crashed.key())));
    }
    assertOneHolder(crashed, "bob");
  }

  private static String rightsOf(Crashed crashed, String username) {
    return InviteRulesTest.listOf(server, server.login("alice"), crashed.doc()).get(username + ":test");
  }

  /** The invite's one use is taken, by {@code username}, the only one it gave rights. */
  private static void assertOneHolder(Crashed crashed, String username) {
    assertEquals("rw", rightsOf(crashed, username));
    List<Map<String, Object>> invites = alice.ok("getInvites", crashed.doc(), null);
    assertEquals(1, invites.get(0).get("uses"));
    List<?> acceptedBy = (List<?>) invites.get(0).get("acceptedBy");
    assertEquals(1, acceptedBy.size(), "one acceptance: " + acceptedBy);
    assertEquals(username, ((Map<?, ?>) acceptedBy.get(0)).get("username"));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}

package io.weft.invite;

import static io.weft.invite.InviteClient.entries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.json.Json;
import io.weft.testing.Pages;
import io.weft.testing.RecordingClient;
import io.weft.testing.ServerRig;
import io.weft.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rules of invites over the socket: who may create, what they grant, when they stop working. */
class InviteRulesTest {
  private static final AtomicInteger DOCS = new AtomicInteger();
  @RegisterExtension
  static final ServerRig server = new ServerRig(Map.of("invites.attemptsPerUser", "1000",
      "invites.attemptsPerAddress", "100000"));
  private static TestServer.Login alice;
  private static TestServer.Login bob;
  private static InviteClient aliceClient;
  private static InviteClient bobClient;

  @BeforeAll
  static void logIn() {
    alice = server.login("alice");
    bob = server.login("bob");
    aliceClient = InviteClient.of(server, alice);
    bobClient = InviteClient.of(server, bob);
  }

  @AfterAll
  static void closeClients() {
    aliceClient.close();
    bobClient.close();
  }

  /** A new page whose data-auth is {@code list} (null: none, the defaults apply), created by alice. */
  static String page(TestServer server, TestServer.Login creator, String list) {
    String doc = "invite-doc-" + DOCS.incrementAndGet();
    List<Object> page = Pages.skeleton(doc);
    if (list != null) {
      ((Map<String, Object>) page.get(1)).put("data-auth", list);
    }
    try (RecordingClient c = server.connect(doc, creator)) {
      Map<String, Object> ack = c.create(doc, page);
      assertNull(ack.get("error"), "page created: " + ack);
    }
    return doc;
  }

  private static String page(String list) {
    return page(server, alice, list);
  }

  /** Each user's rights in the page's own data-auth, read over HTTP as {@code reader}. */
  static Map<String, String> listOf(TestServer server, TestServer.Login reader, String doc) {
    HttpResponse<String> json = server.get("/" + doc + "/?json", reader.headers());
    assertEquals(200, json.statusCode(), json.body());
    List<?> page = (List<?>) Json.parse(json.body());
    Object source = ((Map<?, ?>) page.get(1)).get("data-auth");
    Map<String, String> out = new LinkedHashMap<>();
    if (source != null) {
      for (Object e : (List<?>) Json.parse((String) source)) {
        Map<?, ?> entry = (Map<?, ?>) e;
        out.put(entry.get("username") + ":" + entry.get("provider"), (String) entry.get("permissions"));
      }
    }
    return out;
  }

  private static Map<String, String> listOf(String doc) {
    return listOf(server, alice, doc);
  }

  private static String key(Map<String, Object> created) {
    return (String) created.get("key");
  }

  @Test
  void creatingTakesALoginAndAdminRightsOnThatDocument() {
    String doc = page(entries("alice", "rwa", "bob", "rw"));
    try (InviteClient anonymous = InviteClient.of(server, null)) {
      assertTrue(anonymous.refused("createInvite", doc, Json.object("permissions", "r")).contains("Must be logged in"));
    }
    assertTrue(bobClient.refused("createInvite", doc, Json.object("permissions", "r")).contains("Need admin"));
    Map<String, Object> created = aliceClient.create(doc, Json.object("permissions", "rw"));
    assertEquals("rw", created.get("permissions"));
    assertEquals(doc, created.get("webstrateId"));
    assertEquals(Map.of("username", "alice", "provider", "test", "displayName", "alice"), created.get("createdBy"));
  }

  @Test
  void anInviteGrantsOnlyLettersOfRwaThatItsCreatorHolds() {
    String doc = page(entries("alice", "ra"));
    for (Object bad : new Object[] {"", "x", "rwx", "R", 5, List.of("r")}) {
      aliceClient.refused("createInvite", doc, Json.object("permissions", bad));
    }
    assertTrue(aliceClient.refused("createInvite", doc, Json.object("permissions", "rw")).contains("cannot grant 'rw'"));
    assertEquals(List.of(), aliceClient.ok("getInvites", doc, null), "nothing refused was stored");
    assertEquals("ra", aliceClient.create(doc, Json.object("permissions", "ar")).get("permissions"));
  }

  @Test
  void lifetimesDefaultToSevenDaysAndAreCappedAtThirtyAndUsesArePositive() {
    String doc = page(entries("alice", "rwa"));
    Instant now = Instant.now();
    assertNear(now.plus(Duration.ofDays(7)), aliceClient.create(doc, Json.object("permissions", "r")));
    assertNear(now.plus(Duration.ofDays(30)), aliceClient.create(doc, Json.object("permissions", "r", "maxAge", 999_999_999)));
    assertNear(now.plusSeconds(60), aliceClient.create(doc, Json.object("permissions", "r", "maxAge", 60)));
    aliceClient.refused("createInvite", doc, Json.object("maxAge", 0));
    aliceClient.refused("createInvite", doc, Json.object("maxAge", "soon"));
    aliceClient.refused("createInvite", doc, Json.object("maxUses", 0));
    aliceClient.refused("createInvite", doc, Json.object("maxUses", 1.5));
    assertEquals(3, aliceClient.create(doc, Json.object("maxUses", 3)).get("maxUses"));
  }

  private static void assertNear(Instant expected, Map<String, Object> created) {
    Instant expires = Instant.parse((String) created.get("expiresAt"));
    assertTrue(Math.abs(Duration.between(expected, expires).toSeconds()) < 30, "expires " + expires + ", not " + expected);
  }

  @Test
  void checkSaysWhatAValidKeyGrantsAndNeedsNoRightsOnTheDocument() {
    String doc = page(entries("alice", "rwa"));
    String key = key(aliceClient.create(doc, Json.object("permissions", "rw", "maxUses", 5)));
    Map<String, Object> check = bobClient.ok("checkInvite", doc, Json.object("key", key));
    assertEquals(true, check.get("valid"));
    assertEquals(doc, check.get("webstrateId"));
    assertEquals("rw", check.get("permissions"));
    assertEquals("alice", check.get("inviter"));
    assertNotNull(check.get("expiresAt"));
    assertFalse(check.containsKey("key"));
    assertEquals(Map.of(), listOf(doc).entrySet().stream().filter(e -> e.getKey().startsWith("bob"))
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "checking grants nothing");
  }

  @Test
  void invalidKeysSayWhyWithDistinctCodes() throws InterruptedException {
    String doc = page(entries("alice", "rwa", "root", "rwa"));
    assertEquals("INVITE_UNKNOWN", bobClient.refusedCode("checkInvite", doc, Json.object("key", "A".repeat(43))));
    assertEquals("INVITE_UNKNOWN", bobClient.refusedCode("acceptInvite", doc, Json.object("key", "../../etc/passwd")));
    assertEquals("INVITE_UNKNOWN", bobClient.refusedCode("checkInvite", doc, Json.object("key", "x".repeat(5000))));

    String removed = key(aliceClient.create(doc, Json.object("permissions", "r")));
    aliceClient.ok("removeInvite", doc, Json.object("key", removed));
    assertEquals("INVITE_REMOVED", bobClient.refusedCode("checkInvite", doc, Json.object("key", removed)));
    assertEquals("INVITE_REMOVED", bobClient.refusedCode("acceptInvite", doc, Json.object("key", removed)));

    String once = key(aliceClient.create(doc, Json.object("permissions", "r", "maxUses", 1)));
    try (InviteClient carol = InviteClient.of(server, server.login("carol"))) {
      carol.accept(doc, once);
    }
    assertEquals("INVITE_USED_UP", bobClient.refusedCode("checkInvite", doc, Json.object("key", once)));
    assertEquals("INVITE_USED_UP", bobClient.refusedCode("acceptInvite", doc, Json.object("key", once)));

    String brief = key(aliceClient.create(doc, Json.object("permissions", "r", "maxAge", 1)));
    Thread.sleep(1100);
    assertEquals("INVITE_EXPIRED", bobClient.refusedCode("checkInvite", doc, Json.object("key", brief)));
    assertEquals("INVITE_EXPIRED", bobClient.refusedCode("acceptInvite", doc, Json.object("key", brief)));

    // root takes alice's admin right away: every invite she made stops working at once.
    String hers = key(aliceClient.create(doc, Json.object("permissions", "r")));
    demote(doc, entries("alice", "rw", "root", "rwa"));
    assertEquals("INVITER_NOT_ADMIN", bobClient.refusedCode("checkInvite", doc, Json.object("key", hers)));
    assertEquals("INVITER_NOT_ADMIN", bobClient.refusedCode("acceptInvite", doc, Json.object("key", hers)));
    assertFalse(listOf(server, server.login("root"), doc).containsKey("bob:test"), "no refused key granted anything");
  }

  @Test
  void anInviteNeverGrantsMoreThanItsCreatorHoldsWhenAccepted() {
    String doc = page(entries("alice", "rwa", "root", "rwa"));
    String key = key(aliceClient.create(doc, Json.object("permissions", "rw")));
    demote(doc, entries("alice", "ra", "root", "rwa"));
    assertEquals("INVITER_LACKS_RIGHTS", bobClient.refusedCode("acceptInvite", doc, Json.object("key", key)));
  }

  /** Replaces the page's list with an op from root, its other admin. */
  private static void demote(String doc, String newList) {
    setList(server, server.login("root"), doc, newList);
  }

  /** Replaces the page's list with an op from {@code admin}. */
  static void setList(TestServer server, TestServer.Login admin, String doc, String newList) {
    try (RecordingClient c = server.connect(doc, admin)) {
      Map<String, Object> snapshot = c.subscribe(doc);
      Map<?, ?> data = (Map<?, ?>) snapshot.get("data");
      List<?> page = (List<?>) data.get("data");
      Object before = ((Map<?, ?>) page.get(1)).get("data-auth");
      c.submit(doc, ((Number) data.get("v")).longValue(),
          List.of(Map.of("p", List.of(1, "data-auth"), "od", before, "oi", newList)));
      Map<String, Object> ack = c.next();
      assertNull(ack.get("error"), "list changed: " + ack);
    }
  }

  @ParameterizedTest(name = "{0} + {1} = {2}")
  @CsvSource({"'',r,r", "r,w,rw", "rw,r,rw", "r,rw,rw", "w,a,wa", "rw,rwa,rwa", "rwa,r,rwa"})
  void acceptingMergesWhatTheUserHadWithWhatTheInviteGrants(String had, String grants, String result) {
    String doc = had.isEmpty() ? page(entries("alice", "rwa")) : page(entries("alice", "rwa", "bob", had));
    String key = key(aliceClient.create(doc, Json.object("permissions", grants)));
    Map<String, Object> accepted = bobClient.accept(doc, key);
    assertEquals(result, accepted.get("permissions"));
    assertEquals(had, accepted.get("before"));
    Map<String, String> list = listOf(doc);
    assertEquals(result, list.get("bob:test"));
    assertEquals("rwa", list.get("alice:test"), "nobody else's rights change");
  }

  @Test
  void acceptingTwiceIsHarmlessAndTakesOneUse() {
    String doc = page(entries("alice", "rwa"));
    Map<String, Object> created = aliceClient.create(doc, Json.object("permissions", "rw", "maxUses", 2));
    Map<String, Object> first = bobClient.accept(doc, key(created));
    Map<String, Object> second = bobClient.accept(doc, key(created));
    assertEquals("rw", first.get("permissions"));
    assertEquals("rw", second.get("permissions"));
    assertNull(second.get("version"), "nothing written the second time: " + second);
    List<Map<String, Object>> invites = aliceClient.ok("getInvites", doc, null);
    assertEquals(1, invites.get(0).get("uses"));
    List<?> acceptedBy = (List<?>) invites.get(0).get("acceptedBy");
    assertEquals(1, acceptedBy.size());
    Map<?, ?> who = (Map<?, ?>) acceptedBy.get(0);
    assertEquals("bob", who.get("username"));
    assertEquals("", who.get("before"));
    assertEquals("rw", who.get("after"));
    assertNotNull(who.get("at"));
  }

  @Test
  void aUserAnAdminRemovedGetsNothingBackByAcceptingTheSameInviteAgain() {
    String doc = page(entries("alice", "rwa", "root", "rwa"));
    Map<String, Object> once = aliceClient.create(doc, Json.object("permissions", "rw", "maxUses", 1));
    String unlimited = key(aliceClient.create(doc, Json.object("permissions", "r")));
    assertEquals("r", bobClient.accept(doc, unlimited).get("permissions"));
    assertEquals("rw", bobClient.accept(doc, key(once)).get("permissions"));
    assertEquals("rw", listOf(doc).get("bob:test"));

    demote(doc, entries("alice", "rwa", "root", "rwa"));
    assertEquals("INVITE_ALREADY_ACCEPTED", bobClient.refusedCode("acceptInvite", doc, Json.object("key", key(once))));
    assertEquals("INVITE_ALREADY_ACCEPTED", bobClient.refusedCode("acceptInvite", doc, Json.object("key", unlimited)),
        "removal sticks whether or not the invite has uses left");
    assertTrue(bobClient.refused("acceptInvite", doc, Json.object("key", unlimited)).contains("ask for a new one"));
    assertNull(listOf(doc).get("bob:test"));

    demote(doc, entries("alice", "rwa", "root", "rwa", "bob", "r"));
    assertEquals("INVITE_ALREADY_ACCEPTED", bobClient.refusedCode("acceptInvite", doc, Json.object("key", key(once))),
        "bob lost w: the invite does not give it back");
    assertEquals("r", bobClient.accept(doc, unlimited).get("permissions"), "he still holds all that one grants");
    assertEquals("r", listOf(doc).get("bob:test"));

    String fresh = key(aliceClient.create(doc, Json.object("permissions", "rw")));
    assertEquals("rw", bobClient.accept(doc, fresh).get("permissions"), "a new invite is a new grant");
    Map<String, Object> listed = aliceClient.<List<Map<String, Object>>>ok("getInvites", doc, null).stream()
        .filter(i -> i.get("id").equals(once.get("id"))).findFirst().orElseThrow();
    assertEquals(1, listed.get("uses"));
    assertEquals(1, ((List<?>) listed.get("acceptedBy")).size(), "one acceptance, recorded once");
  }

  @Test
  void aUserWhoAlreadyHoldsTheRightsUsesNothing() {
    String doc = page(entries("alice", "rwa", "bob", "rw"));
    Map<String, Object> created = aliceClient.create(doc, Json.object("permissions", "r", "maxUses", 1));
    assertNull(bobClient.accept(doc, key(created)).get("version"));
    List<Map<String, Object>> invites = aliceClient.ok("getInvites", doc, null);
    assertEquals(0, invites.get(0).get("uses"), "the one use is still there for someone who needs it");
  }

  @Test
  void onlyLoggedInUsersAccept() {
    String doc = page(entries("alice", "rwa", "anonymous", "r"));
    String key = key(aliceClient.create(doc, Json.object("permissions", "rw")));
    try (InviteClient anonymous = InviteClient.of(server, null)) {
      assertTrue(anonymous.refused("acceptInvite", doc, Json.object("key", key)).contains("Must be logged in"));
      assertTrue(anonymous.refused("checkInvite", doc, Json.object("key", key)).contains("Must be logged in"));
    }
    assertEquals("r", listOf(doc).get("anonymous:"));
  }

  @Test
  void removingTakesAdminRightsAndWorksByKeyOrId() {
    String doc = page(entries("alice", "rwa", "bob", "rw", "root", "rwa"));
    Map<String, Object> byKey = aliceClient.create(doc, Json.object("permissions", "r"));
    Map<String, Object> byId = aliceClient.create(doc, Json.object("permissions", "r"));
    assertTrue(bobClient.refused("removeInvite", doc, Json.object("key", key(byKey))).contains("Need admin"));
    aliceClient.ok("removeInvite", doc, Json.object("key", key(byKey)));
    try (InviteClient root = InviteClient.of(server, server.login("root"))) {
      Map<String, Object> removed = root.ok("removeInvite", doc, Json.object("id", byId.get("id")));
      assertEquals(Map.of("acknowledged", true, "deletedCount", 1, "id", byId.get("id")), removed);
    }
    assertTrue(aliceClient.refused("removeInvite", doc, Json.object("key", key(byKey))).contains("Unable to delete invite"));
    assertEquals(List.of(), aliceClient.ok("getInvites", doc, null), "removed invites are not listed");
  }

  @Test
  void oneDocumentsPageManagesAnothersInvites() {
    String a = page(entries("alice", "rwa"));
    String b = page(entries("alice", "rwa"));
    // Both clients sit on a third page; every request names the document it is about.
    String key = key(aliceClient.create(b, Json.object("permissions", "rw")));
    assertEquals("INVITE_UNKNOWN", bobClient.refusedCode("acceptInvite", a, Json.object("key", key)),
        "a key opens only its own document");
    assertEquals("rw", bobClient.accept(b, key).get("permissions"));
    assertEquals("rw", listOf(b).get("bob:test"));
    assertNull(listOf(a).get("bob:test"));
  }

  @Test
  void anAcceptanceIsOneServerOpThatEverySubscriberSeesLiveAndHistoryKeeps() {
    String doc = page(entries("alice", "rwa", "bob", "r"));
    try (RecordingClient watcher = server.connect(doc, bob)) {
      Map<String, Object> snapshot = watcher.subscribe(doc);
      int version = ((Number) ((Map<?, ?>) snapshot.get("data")).get("v")).intValue();
      String key = key(aliceClient.create(doc, Json.object("permissions", "w")));
      Map<String, Object> accepted = bobClient.accept(doc, key);
      assertEquals(version, ((Number) accepted.get("version")).intValue());

      Map<String, Object> op = watcher.next();
      assertEquals("op", op.get("a"), "the watcher sees the op: " + op);
      assertEquals("server", op.get("src"));
      assertFalse(op.containsKey("seq"), "server ops have no seq");
      assertEquals(version, op.get("v"));
      Map<String, Object> changed = InviteClient.awaitEvent(watcher, "permissionsChanged", doc);
      assertEquals("rw", changed.get("permissions"));

      watcher.send(Map.of("wa", "getOps", "d", doc, "from", version, "token", 9));
      Map<String, Object> history = watcher.next();
      List<?> ops = (List<?>) history.get("reply");
      assertEquals(1, ops.size(), "history: " + history);
      assertEquals("server", ((Map<?, ?>) ops.get(0)).get("src"));
    }
  }

  @Test
  void aDocumentOnTheDefaultsKeepsEveryonesRightsWhenItsFirstInviteIsAccepted() {
    String defaults = entries("anonymous", "r", "alice", "rwa", "dora", "rw");
    try (TestServer own = TestServer.start(Map.of("permissions.defaults", defaults))) {
      TestServer.Login owner = own.login("alice");
      String doc = page(own, owner, null);
      try (InviteClient inviter = InviteClient.of(own, owner); InviteClient invitee = InviteClient.of(own, own.login("bob"))) {
        String key = (String) inviter.create(doc, Json.object("permissions", "w")).get("key");
        assertEquals("rw", invitee.accept(doc, key).get("permissions"), "bob read as anonymous; now he writes too");
      }
      Map<String, String> list = listOf(own, owner, doc);
      assertEquals(Map.of("anonymous:", "r", "alice:test", "rwa", "dora:test", "rw", "bob:test", "rw"), list);
      assertEquals(200, own.get("/" + doc + "/?json").statusCode(), "anonymous visitors still read");
    }
  }

  @Test
  void theInvitersSocketsHearOfEachAcceptanceWithoutAsking() {
    String doc = page(entries("alice", "rwa"));
    try (InviteClient elsewhere = InviteClient.of(server, alice)) {
      String key = key(aliceClient.create(doc, Json.object("permissions", "rw")));
      bobClient.accept(doc, key);
      for (InviteClient inviter : List.of(aliceClient, elsewhere)) {
        Map<String, Object> event = inviter.awaitEvent("inviteAccepted", doc);
        assertEquals("bob", ((Map<?, ?>) event.get("user")).get("username"));
        assertEquals("rw", event.get("permissions"));
        assertEquals("", event.get("before"));
      }
      assertNull(bobClient.socket.pollPresence(300), "only the inviter hears");
    }
  }

  @Test
  void endedInvitesAreSweptAfterAWhile() throws Exception {
    String doc = page(entries("alice", "rwa"));
    String key = key(aliceClient.create(doc, Json.object("permissions", "r", "maxAge", 60)));
    long later = System.currentTimeMillis() + Invites.KEEP_ENDED_MILLIS - 1000;
    server.server().invites().sweep(later).toCompletionStage().toCompletableFuture().get();
    assertEquals(true, bobClient.<Map<String, Object>>ok("checkInvite", doc, Json.object("key", key)).get("valid"), "still live");
    server.server().invites().sweep(later + 120_000).toCompletionStage().toCompletableFuture().get();
    assertEquals("INVITE_UNKNOWN", bobClient.refusedCode("checkInvite", doc, Json.object("key", key)));
  }
}

package io.weft.doc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.weft.auth.Caller;
import io.weft.config.ConfigLoader;
import io.weft.json.Json;
import io.weft.ot.Component;
import io.weft.ot.Json0;
import io.weft.protocol.ClientMessage;
import io.weft.protocol.ErrorCode;
import io.weft.protocol.MessageDecoder;
import io.weft.protocol.ProtocolException;
import io.weft.store.DocKey;
import io.weft.store.InMemoryDocumentStore;
import io.weft.store.StoredOp;
import io.weft.testing.Pages;
import io.weft.user.User;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The commit pipeline in process, on an in-memory store: what each submission comes to (committed,
 * duplicate, rejected, unchanged) and what every subscriber sees, in order. The store plays a second
 * process sharing the database when a test needs the race for a version lost.
 */
class CommitPipelineTest {
  private static final DocKey KEY = new DocKey(MessageDecoder.PAGES, "pipeline");

  private Vertx vertx;
  private InMemoryDocumentStore store;
  private DocumentRegistry registry;
  private final RecordingSubscriber alice = new RecordingSubscriber("alice");
  private final RecordingSubscriber bob = new RecordingSubscriber("bob");

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    store = new InMemoryDocumentStore();
    registry = new DocumentRegistry(vertx, store, ConfigLoader.load(Map.of()));
    submit(alice, create("alice", 0));
    assertAck(alice.next(), 0, 0);
    for (RecordingSubscriber s : List.of(alice, bob)) {
      await(registry.withDocument(KEY, doc -> doc.open(s, null, true)));
      assertEquals("s", s.next().get("a"));
    }
  }

  @AfterEach
  void stop() {
    await(registry.close());
    vertx.close();
  }

  @Test
  void aBatchThatLosesTheRaceForItsVersionCatchesUpWithTheWinnerAndCommitsAfterIt() {
    // Another process commits version 1 just before this one's commit of version 1 reaches storage.
    store.beforeNextCommit(ops -> store.commit(KEY, List.of(rivalOp(ops.get(0).version(), "data-rival"))));
    submit(alice, edit("alice", 1, 1, attribute("data-a", "1")));

    assertOp(bob.next(), 1, "rival");
    assertOp(bob.next(), 2, "alice");
    assertOp(alice.next(), 1, "rival");
    assertAck(alice.next(), 2, 1);
    alice.expectNothing();
    bob.expectNothing();
    assertLog("alice", "rival", "alice");
    assertCommittedPage(3, Map.of("data-rival", "r", "data-a", "1"));
  }

  @Test
  void everySubmissionOfARetriedBatchIsPreparedAgainAndAnsweredInBatchOrder() {
    store.beforeNextCommit(ops -> store.commit(KEY, List.of(rivalOp(ops.get(0).version(), "data-rival"))));
    // x is a batch of its own (the pipeline was idle); y and z queue behind its commit and join it on the retry.
    // z's first component applies, its second cannot: nothing of z may stay.
    submit(alice, edit("alice", 1, 1, attribute("data-x", "x")), edit("alice", 2, 1, attribute("data-y", "y")),
        edit("alice", 3, 1, attribute("data-z", "z"), component("p", List.of(1, "data-missing"), "na", 1)));

    assertOp(alice.next(), 1, "rival");
    assertAck(alice.next(), 2, 1);
    assertAck(alice.next(), 3, 2);
    assertError(alice.next(), ErrorCode.ERR_OT_OP_NOT_APPLIED, 3);
    assertOp(bob.next(), 1, "rival");
    assertOp(bob.next(), 2, "alice");
    assertOp(bob.next(), 3, "alice");
    alice.expectNothing();
    bob.expectNothing();
    assertLog("alice", "rival", "alice", "alice");
    assertCommittedPage(4, Map.of("data-rival", "r", "data-x", "x", "data-y", "y"));
  }

  @Test
  void aResentSubmissionIsAcknowledgedAgainAtItsVersionAndNeverAppliedTwice() {
    submit(alice, edit("alice", 5, 1, attribute("data-a", "1")));
    assertAck(alice.next(), 1, 5);
    assertOp(bob.next(), 1, "alice");
    submit(bob, edit("bob", 1, 2, attribute("data-b", "2")));
    assertAck(bob.next(), 2, 1);
    assertOp(alice.next(), 2, "bob");

    // Alice reconnected without seeing her ack: she resends her op, and her create, as she first made them.
    submit(alice, edit("alice", 5, 1, attribute("data-a", "1")), create("alice", 0));
    assertAck(alice.next(), 1, 5);
    assertAck(alice.next(), 0, 0);
    alice.expectNothing();
    bob.expectNothing();
    assertLog("alice", "alice", "bob");
    assertCommittedPage(3, Map.of("data-a", "1", "data-b", "2"));
  }

  @Test
  void aRejectedSubmissionLeavesNothingBehindAndTheNextOneTakesItsVersion() {
    submit(alice, edit("alice", 1, 7, attribute("data-a", "1")), create("alice", 2),
        edit("alice", 3, 1, component("p", List.of(1), "ld", Map.of(), "li", "no attributes")),
        edit("alice", 4, 1, attribute("data-b", "2")));
    assertError(alice.next(), ErrorCode.ERR_OP_VERSION_NEWER_THAN_CURRENT_SNAPSHOT, 1);
    assertError(alice.next(), ErrorCode.ERR_DOC_ALREADY_CREATED, 2);
    assertError(alice.next(), ErrorCode.ERR_OP_SUBMIT_REJECTED, 3);
    assertAck(alice.next(), 1, 4);
    assertOp(bob.next(), 1, "alice");
    bob.expectNothing();
    assertLog("alice", "alice");
    assertCommittedPage(2, Map.of("data-b", "2"));
  }

  @Test
  void aServerEditIsCommittedBroadcastAndCompletesWithItsVersionOrWithNothingToChange() throws Exception {
    List<Component> setAttribute = Json0.parse(List.of(attribute("data-server", "s")));
    long version = await(registry.withDocument(KEY, doc -> doc.editAsServer(turn -> setAttribute)));
    assertEquals(1, version);
    assertOp(alice.next(), 1, ServerEdit.SRC);
    assertOp(bob.next(), 1, ServerEdit.SRC);

    long unchanged = await(registry.withDocument(KEY, doc -> doc.editAsServer(turn -> List.of())));
    assertEquals(-1, unchanged, "nothing to change");
    ProtocolException refusal = new ProtocolException(ErrorCode.ERR_FORBIDDEN, "not now");
    Throwable failed = failure(registry.withDocument(KEY, doc -> doc.editAsServer(turn -> {
      throw refusal;
    })));
    assertSame(refusal, failed, "a server edit fails with its own refusal");
    alice.expectNothing();
    assertLog("alice", ServerEdit.SRC);
  }

  @Test
  void opsCaughtUpFromAnotherProcessReachNoReaderAfterTheOpThatRevokedIt() {
    RecordingSubscriber carol = new RecordingSubscriber("carol", new Caller(new User("carol", "test", "carol"), null, null));
    await(registry.withDocument(KEY, doc -> doc.open(carol, null, true)));
    assertEquals("s", carol.next().get("a"));
    // The other process's batch: a list naming only carol (the anonymous alice and bob lose every
    // right), then another edit. Alice's op lost the race to it, and is judged again under the new list.
    String onlyCarol = Json.encode(List.of(Map.of("username", "carol", "provider", "test", "permissions", "rwa")));
    store.beforeNextCommit(ops -> store.commit(KEY, List.of(rivalOp(ops.get(0).version(), "data-auth", onlyCarol),
        rivalOp(ops.get(0).version() + 1, "data-later", "r"))));
    submit(alice, edit("alice", 1, 1, attribute("data-a", "1")));

    assertOp(bob.next(), 1, "rival");
    assertEquals(Map.of("rights", ""), bob.next(), "bob is told after the op that revoked him");
    bob.expectNothing();
    assertOp(alice.next(), 1, "rival");
    assertEquals(Map.of("rights", ""), alice.next());
    assertError(alice.next(), ErrorCode.ERR_FORBIDDEN, 1);
    alice.expectNothing();
    assertOp(carol.next(), 1, "rival");
    assertEquals(Map.of("rights", "rwa"), carol.next());
    assertOp(carol.next(), 2, "rival");
    carol.expectNothing();
    assertLog("alice", "rival", "rival");
  }

  @Test
  void aReaderCaughtUpFromStorageIsJudgedAgainBeforeGettingTheOpsCommittedMeanwhile() {
    // A registry keeping two ops in memory, so that a catch-up from version 0 starts in storage.
    DocumentRegistry small = new DocumentRegistry(vertx, store, ConfigLoader.load(Map.of("documents.opCacheSize", "2")));
    Promise<Void> gate = Promise.promise();
    try {
      for (int i = 1; i <= 3; i++) {
        List<Component> edit = serverOp(attribute("data-n", String.valueOf(i)));
        long version = await(small.withDocument(KEY, doc -> doc.editAsServer(turn -> edit)));
        assertEquals(i, version);
      }
      RecordingSubscriber carol = new RecordingSubscriber("carol", new Caller(new User("carol", "test", "carol"), null, null));
      store.holdReadsUntil(gate.future());
      Future<User> opened = small.withDocument(KEY, doc -> doc.open(carol, 0L, true));
      // While storage answers, carol loses every right, and the page is edited again.
      String onlyDave = Json.encode(List.of(Map.of("username", "dave", "provider", "test", "permissions", "rwa")));
      List<Component> revoke = serverOp(attribute("data-auth", onlyDave));
      List<Component> later = serverOp(attribute("data-later", "secret"));
      long revoked = await(small.withDocument(KEY, doc -> doc.editAsServer(turn -> revoke)));
      long edited = await(small.withDocument(KEY, doc -> doc.editAsServer(turn -> later)));
      assertEquals(List.of(4L, 5L), List.of(revoked, edited));
      await(small.withDocument(KEY, doc -> {
        gate.complete();
        return Future.succeededFuture();
      }));

      ProtocolException refused = (ProtocolException) failure(opened);
      assertEquals(ErrorCode.ERR_FORBIDDEN, refused.code());
      Map<String, Object> created = carol.next();
      assertEquals(0L, ((Number) created.get("v")).longValue(), "the create first: " + created);
      assertTrue(created.containsKey("create"), "the create first: " + created);
      assertOp(carol.next(), 1, ServerEdit.SRC);
      carol.expectNothing();
    } finally {
      store.holdReadsUntil(Future.succeededFuture());
      gate.tryComplete();
      await(small.close());
    }
  }

  private static List<Component> serverOp(Map<String, Object> component) {
    try {
      return Json0.parse(List.of(component));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- messages ----

  private static String create(String src, long seq) {
    return Json.encode(Map.of("a", "op", "c", KEY.collection(), "d", KEY.id(), "src", src, "seq", seq,
        "create", Map.of("type", Json0.TYPE_URI, "data", Pages.skeleton("pipeline"))));
  }

  @SafeVarargs
  private static String edit(String src, long seq, long version, Map<String, Object>... components) {
    return Json.encode(Map.of("a", "op", "c", KEY.collection(), "d", KEY.id(), "src", src, "seq", seq, "v", version,
        "op", List.of(components)));
  }

  private static Map<String, Object> attribute(String name, String value) {
    return Pages.setHtmlAttribute(name, value);
  }

  private static Map<String, Object> component(Object... keysAndValues) {
    Map<String, Object> c = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      c.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return c;
  }

  /** An op another process commits: it sets {@code name} to "r". */
  private static StoredOp rivalOp(long version, String name) {
    return rivalOp(version, name, "r");
  }

  private static StoredOp rivalOp(long version, String name, String value) {
    String json = Json.encode(List.of(attribute(name, value)));
    try {
      return StoredOp.edit(version, "rival", 1, Json0.parse(Json.parse(json)), json, 1L);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Hands the frames to the document in one turn of its context, as one socket's burst would arrive. */
  private void submit(RecordingSubscriber from, String... frames) {
    await(registry.withDocument(KEY, doc -> {
      for (String frame : frames) {
        ClientMessage.Submit message = (ClientMessage.Submit) MessageDecoder.decode(MessageDecoder.parseObject(frame));
        doc.submit(from, message, frame.length());
      }
      return Future.succeededFuture();
    }));
  }

  // ---- what arrived, and what is stored ----

  private static void assertAck(Map<String, Object> frame, long version, long seq) {
    assertEquals("op", frame.get("a"), "an ack: " + frame);
    assertEquals(version, ((Number) frame.get("v")).longValue(), "version of " + frame);
    assertEquals(seq, ((Number) frame.get("seq")).longValue(), "seq of " + frame);
    assertTrue(!frame.containsKey("op") && !frame.containsKey("error"), "an ack, not an op or error: " + frame);
  }

  private static void assertOp(Map<String, Object> frame, long version, String src) {
    assertEquals("op", frame.get("a"), "an op: " + frame);
    assertEquals(version, ((Number) frame.get("v")).longValue(), "version of " + frame);
    assertEquals(src, frame.get("src"), "src of " + frame);
    assertTrue(frame.containsKey("op"), "an op, not an ack: " + frame);
  }

  @SuppressWarnings("unchecked")
  private static void assertError(Map<String, Object> frame, ErrorCode code, long seq) {
    Map<String, Object> error = (Map<String, Object>) frame.get("error");
    assertNotNull(error, "an error: " + frame);
    assertEquals(code.name(), error.get("code"), "code of " + frame);
    assertEquals(seq, ((Number) frame.get("seq")).longValue(), "the request echoed: " + frame);
  }

  private void assertLog(String... srcs) {
    List<String> stored = new ArrayList<>();
    List<StoredOp> log = await(store.ops(KEY, 0, Long.MAX_VALUE));
    for (int v = 0; v < log.size(); v++) {
      assertEquals(v, log.get(v).version());
      stored.add(log.get(v).src());
    }
    assertEquals(List.of(srcs), stored, "the op log");
  }

  private void assertCommittedPage(long version, Map<String, String> attributes) {
    SnapshotView view = await(registry.withDocument(KEY, doc -> doc.committed(Caller.ANONYMOUS))).view();
    assertEquals(version, view.version());
    assertEquals(attributes, ((List<?>) Json.parse(view.json())).get(1), "attributes of <html>");
    // A document loaded afresh from the store agrees with the one in memory.
    DocumentRegistry fresh = new DocumentRegistry(vertx, store, ConfigLoader.load(Map.of()));
    try {
      SnapshotView reloaded = await(fresh.withDocument(KEY, doc -> doc.committed(Caller.ANONYMOUS))).view();
      assertEquals(view, reloaded, "reloaded from the store");
    } finally {
      await(fresh.close());
    }
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Throwable failure(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    throw new AssertionError("expected a failure");
  }
}

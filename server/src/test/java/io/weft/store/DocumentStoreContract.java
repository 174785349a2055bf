package io.weft.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.weft.json.Json;
import io.weft.ot.Json0;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every {@link DocumentStore} must do, whatever it stores in: each implementation's test extends
 * this class and says how to open one (as ShareDB's {@code test/db.js} runs against every database
 * adapter). Each test uses its own document ids, so one store serves the whole class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DocumentStoreContract {
  private Vertx vertx;
  private DocumentStore store;

  /** A fresh, empty store. */
  protected abstract Future<DocumentStore> open(Vertx vertx) throws Exception;

  @BeforeAll
  void openStore() throws Exception {
    vertx = Vertx.vertx();
    store = await(open(vertx));
  }

  @AfterAll
  void closeStore() {
    await(store.close());
    vertx.close();
  }

  @Test
  void readsAnyRangeOfTheLogAcrossCommitRecords() throws Exception {
    DocKey key = new DocKey("webstrates", "ranges");
    int version = 0;
    // 1,500 versions in records of varied sizes, so ranges start inside records and span query windows.
    for (int size : new int[] {1, 7, 100, 300, 92, 1000}) {
      assertFalse(await(store.commit(key, ops(version, size))).conflict());
      version += size;
    }
    assertVersions(await(store.ops(key, 0, Long.MAX_VALUE)), 0, 1500);
    assertVersions(await(store.ops(key, 5, 9)), 5, 9);
    assertVersions(await(store.ops(key, 107, 1499)), 107, 1499);
    assertVersions(await(store.ops(key, 1499, 5000)), 1499, 1500);
    assertVersions(await(store.ops(key, 1500, 5000)), 1500, 1500);
    assertEquals("[{\"p\":[1,\"a8\"],\"oi\":\"8\"}]", await(store.ops(key, 8, 9)).get(0).opJson());
  }

  @Test
  void aSecondCommitAtATakenVersionIsAConflictAndWritesNothing() throws Exception {
    DocKey key = new DocKey("webstrates", "race");
    assertFalse(await(store.commit(key, ops(0, 3))).conflict());
    // Two writers both read the log up to version 3; one appends first, the other loses the race.
    assertFalse(await(store.commit(key, ops(3, 2))).conflict());
    CommitOutcome lost = await(store.commit(key, ops(3, 4)));
    assertTrue(lost.conflict());
    assertEquals(0, lost.committed());
    assertTrue(await(store.commit(key, ops(0, 1))).conflict(), "the create's version is taken too");
    assertVersions(await(store.ops(key, 0, Long.MAX_VALUE)), 0, 5);
  }

  @Test
  void commitsOfManyDocumentsAtOnceEachSucceedOrConflictOnTheirOwn() throws Exception {
    // Sent together, so most share an insert with other documents' records, a rival's among them.
    List<Future<CommitOutcome>> twos = new ArrayList<>();
    List<Future<CommitOutcome>> threes = new ArrayList<>();
    for (int d = 0; d < 60; d++) {
      DocKey key = new DocKey("webstrates", "crowd-" + d);
      twos.add(store.commit(key, ops(0, 2)));
      threes.add(store.commit(key, ops(0, 3)));
    }
    for (int d = 0; d < 60; d++) {
      CommitOutcome two = await(twos.get(d));
      CommitOutcome three = await(threes.get(d));
      assertTrue(two.conflict() != three.conflict(), "exactly one commit wins at crowd-" + d);
      int kept = two.conflict() ? 3 : 2;
      assertEquals(kept, two.committed() + three.committed());
      assertVersions(await(store.ops(new DocKey("webstrates", "crowd-" + d), 0, Long.MAX_VALUE)), 0, kept);
    }
  }

  @Test
  void readsBackTheCreateAndEditsAsCommittedAndEverythingAfterABoundary() throws Exception {
    DocKey key = new DocKey("webstrates", "round-trip");
    String page = Json.encode(page(0).data());
    List<StoredOp> first = new ArrayList<>(List.of(StoredOp.create(0, "alice", 0, Json0.TYPE_URI, page, 7L)));
    first.addAll(ops(1, 2));
    assertFalse(await(store.commit(key, first)).conflict());
    assertFalse(await(store.commit(key, ops(3, 2))).conflict());

    StoredOp create = await(store.ops(key, 0, 1)).get(0);
    assertTrue(create.isCreate());
    assertEquals(List.of("alice", 0L, Json0.TYPE_URI, 7L), List.of(create.src(), create.seq(), create.createType(),
        create.timestamp()));
    assertEquals(page(0).data(), Json.parse(create.createJson()));
    StoredOp edit = await(store.ops(key, 2, 3)).get(0);
    assertEquals(List.of("src", 2L), List.of(edit.src(), edit.seq()));
    assertEquals(ops(2, 1).get(0).op(), edit.op(), "the parsed op");
    assertVersions(await(store.opsAfterBoundary(key, 0)), 0, 5);
    assertVersions(await(store.opsAfterBoundary(key, 3)), 3, 5);
    assertVersions(await(store.opsAfterBoundary(key, 5)), 5, 5);
  }

  @Test
  void snapshotWritesNeverRollBack() {
    DocKey key = new DocKey("webstrates", "snap");
    assertEquals(Snapshot.NONE, await(store.latestSnapshot(key)));
    assertEquals(5L, await(store.saveSnapshot(key, -1, page(5))));
    assertEquals(9L, await(store.saveSnapshot(key, 5, page(9))));
    // A slow writer that still believes version 5 is stored offers an older snapshot: it is kept out.
    assertEquals(9L, await(store.saveSnapshot(key, 5, page(7))));
    assertEquals(9L, await(store.latestSnapshot(key)).version());
    // A writer with a stale expectation but a newer snapshot still gets it in.
    assertEquals(12L, await(store.saveSnapshot(key, 5, page(12))));
    Snapshot latest = await(store.latestSnapshot(key));
    assertEquals(12L, latest.version());
    assertEquals(page(12).data(), latest.data());
  }

  @Test
  void findsTheNewestMilestoneAtOrBeforeAVersion() {
    DocKey key = new DocKey("webstrates", "milestones");
    await(store.saveMilestone(key, page(10), 10));
    await(store.saveMilestone(key, page(23), 10));
    await(store.saveMilestone(key, page(21), 10)); // bucket 2 is taken: the first one stays
    assertEquals(0, await(store.milestoneAtOrBefore(key, 9, 10)).version());
    assertEquals(10, await(store.milestoneAtOrBefore(key, 10, 10)).version());
    assertEquals(10, await(store.milestoneAtOrBefore(key, 22, 10)).version());
    assertEquals(23, await(store.milestoneAtOrBefore(key, 23, 10)).version());
    assertEquals(23, await(store.milestoneAtOrBefore(key, 95, 10)).version());
  }

  static Snapshot page(long version) {
    return new Snapshot(version, Json0.TYPE_URI, Json.parse("[\"html\",{\"data-v\":\"" + version + "\"}]"));
  }

  static List<StoredOp> ops(int from, int count) throws Exception {
    List<StoredOp> ops = new ArrayList<>();
    for (int v = from; v < from + count; v++) {
      String json = "[{\"p\":[1,\"a" + v + "\"],\"oi\":\"" + v + "\"}]";
      ops.add(StoredOp.edit(v, "src", v, Json0.parse(Json.parse(json)), json, 1L));
    }
    return ops;
  }

  static void assertVersions(List<StoredOp> ops, long from, long to) {
    assertEquals(to - from, ops.size(), "number of ops read");
    for (int i = 0; i < ops.size(); i++) {
      assertEquals(from + i, ops.get(i).version());
    }
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

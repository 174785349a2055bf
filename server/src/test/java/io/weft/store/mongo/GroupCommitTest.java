package io.weft.store.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The gathering half of group commit, as the journal and the grouped inserts use it. */
class GroupCommitTest {

  @Test
  void theFirstToJoinLeadsAndLaterOnesWaitInTheNextGroup() {
    GroupCommit<Integer> groups = new GroupCommit<>(10);
    assertTrue(groups.join(1));
    assertFalse(groups.join(2));
    assertEquals(List.of(1, 2), groups.next());
    assertFalse(groups.join(3), "the leader is still taking groups");
    assertEquals(List.of(3), groups.next());
    assertNull(groups.next(), "nobody waits: the lead ends");
    assertTrue(groups.join(4), "the next to join leads");
  }

  @Test
  void aGroupHoldsAtMostMaxItemsOldestFirst() {
    GroupCommit<Integer> groups = new GroupCommit<>(2);
    for (int i = 1; i <= 5; i++) {
      groups.join(i);
    }
    assertEquals(List.of(1, 2), groups.next());
    assertEquals(List.of(3, 4), groups.next());
    assertEquals(List.of(5), groups.next());
    assertNull(groups.next());
  }

  @Test
  void everyItemJoinedFromManyThreadsIsTakenExactlyOnceByOneLeaderAtATime() throws Exception {
    GroupCommit<Integer> groups = new GroupCommit<>(7);
    List<Integer> taken = new ArrayList<>();
    AtomicInteger holding = new AtomicInteger();
    AtomicInteger overlap = new AtomicInteger();
    int threads = 8;
    int each = 2_000;
    CountDownLatch done = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      int base = t * each;
      new Thread(() -> {
        for (int i = 0; i < each; i++) {
          if (groups.join(base + i)) {
            for (List<Integer> group = groups.next(); group != null; group = groups.next()) {
              // A leader holds its group until it asks for the next: nobody else may hold one meanwhile.
              if (holding.incrementAndGet() > 1) {
                overlap.incrementAndGet();
              }
              synchronized (taken) {
                taken.addAll(group);
              }
              holding.decrementAndGet();
            }
          }
        }
        done.countDown();
      }).start();
    }
    done.await();
    assertEquals(0, overlap.get(), "two leaders held groups at once");
    assertEquals(threads * each, taken.size());
    assertEquals(threads * each, taken.stream().distinct().count());
  }
}

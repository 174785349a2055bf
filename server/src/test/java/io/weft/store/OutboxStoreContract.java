package io.weft.store;

import static io.weft.store.StoreFutures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.store.OutboxStore.StoredMail;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link OutboxStore} does; a subclass runs it against one implementation. */
public abstract class OutboxStoreContract {
  protected abstract OutboxStore store();

  private StoredMail queued(String tag, long now) {
    StoredMail mail = new StoredMail("mail-" + UUID.randomUUID(), tag, new Letter("a@example.org", "Subject", "text",
        "<p>html</p>"), 0, now, 0, now);
    assertTrue(await(store().insert(mail)));
    return mail;
  }

  private boolean isDue(StoredMail mail, long dueBy, long now) {
    return await(store().due(dueBy, now, 10_000)).stream().anyMatch(m -> m.id().equals(mail.id()));
  }

  @Test
  void aQueuedMailKeepsItsLetterAndIsDue() {
    long now = System.currentTimeMillis();
    StoredMail mail = queued("tag-" + UUID.randomUUID(), now);
    assertFalse(await(store().insert(mail)), "an id is taken once");
    StoredMail found = await(store().due(now, now, 10_000)).stream().filter(m -> m.id().equals(mail.id())).findFirst()
        .orElseThrow();
    assertEquals(mail, found);
  }

  @Test
  void ofTwoLeasesOfOneMailOnlyTheFirstTakesIt() {
    long now = System.currentTimeMillis();
    StoredMail mail = queued("tag-" + UUID.randomUUID(), now);
    assertNotNull(await(store().lease(mail.id(), 0, now, now, now + 60_000)));
    assertNull(await(store().lease(mail.id(), 0, now, now, now + 60_000)), "leased already");
    assertFalse(isDue(mail, now, now), "a leased mail is not due");
    assertTrue(isDue(mail, now, now + 60_000), "a lease that ran out (its process died) frees the mail");
  }

  @Test
  void aFailedAttemptWaitsUntilItsNextTimeUnlessEverythingIsDue() {
    long now = System.currentTimeMillis();
    StoredMail mail = queued("tag-" + UUID.randomUUID(), now);
    assertNotNull(await(store().lease(mail.id(), 0, now, now, now + 60_000)));
    assertTrue(await(store().retryLater(mail.id(), 1, now + 10_000)));
    assertFalse(isDue(mail, now, now));
    assertTrue(isDue(mail, Long.MAX_VALUE, now), "after a restart, everything queued is tried");
    assertNull(await(store().lease(mail.id(), 0, Long.MAX_VALUE, now, now + 60_000)), "a lease names the attempts it saw");
    assertEquals(1, await(store().lease(mail.id(), 1, Long.MAX_VALUE, now, now + 60_000)).attempts());
  }

  @Test
  void deletingByTagWithdrawsEveryMailOfIt() {
    long now = System.currentTimeMillis();
    String tag = "tag-" + UUID.randomUUID();
    StoredMail a = queued(tag, now);
    StoredMail b = queued(tag, now);
    StoredMail other = queued("tag-" + UUID.randomUUID(), now);
    assertEquals(2L, await(store().deleteTagged(tag)));
    List<String> due = await(store().due(now, now, 10_000)).stream().map(StoredMail::id).toList();
    assertFalse(due.contains(a.id()) || due.contains(b.id()));
    assertTrue(due.contains(other.id()));
    assertTrue(await(store().delete(other.id())));
    assertFalse(await(store().delete(other.id())));
  }
}

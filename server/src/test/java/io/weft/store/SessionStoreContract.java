package io.weft.store;

import static io.weft.store.StoreFutures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.store.SessionStore.StoredSession;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link SessionStore} does; a subclass runs it against one implementation. */
public abstract class SessionStoreContract {
  private static final long HOUR = 3_600_000;

  protected abstract SessionStore store();

  private static StoredSession session(long now, long expiresAt) {
    return new StoredSession(UUID.randomUUID().toString(), "alice", "local", now, expiresAt);
  }

  @Test
  public void findsAStoredSessionUntilItExpires() {
    long now = System.currentTimeMillis();
    StoredSession session = session(now, now + HOUR);
    assertTrue(await(store().insert(session)));
    assertEquals(session, await(store().findLive(session.id(), now)));
    assertEquals(session, await(store().findLive(session.id(), now + HOUR - 1)));
    assertNull(await(store().findLive(session.id(), now + HOUR)), "a session is dead at its expiry");
  }

  @Test
  public void findsNothingForAnUnknownId() {
    assertNull(await(store().findLive(UUID.randomUUID().toString(), System.currentTimeMillis())));
  }

  @Test
  public void refusesASecondSessionWithTheSameIdAndKeepsTheFirst() {
    long now = System.currentTimeMillis();
    StoredSession first = session(now, now + HOUR);
    assertTrue(await(store().insert(first)));
    StoredSession second = new StoredSession(first.id(), "mallory", "local", now, now + 2 * HOUR);
    assertFalse(await(store().insert(second)));
    assertEquals(first, await(store().findLive(first.id(), now)));
  }

  @Test
  public void deletingEndsASessionAndSaysWhetherThereWasOne() {
    long now = System.currentTimeMillis();
    StoredSession session = session(now, now + HOUR);
    await(store().insert(session));
    assertTrue(await(store().delete(session.id())));
    assertNull(await(store().findLive(session.id(), now)));
    assertFalse(await(store().delete(session.id())));
  }

  @Test
  public void theSweepRemovesExpiredSessionsOnly() {
    long now = System.currentTimeMillis();
    StoredSession expired = session(now - 2 * HOUR, now - HOUR);
    StoredSession live = session(now, now + HOUR);
    await(store().insert(expired));
    await(store().insert(live));
    assertTrue(await(store().deleteExpired(now)) >= 1);
    assertNull(await(store().findLive(expired.id(), now - 2 * HOUR)), "the expired session is gone");
    assertEquals(live, await(store().findLive(live.id(), now)));
  }
}

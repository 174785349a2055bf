package io.weft.store;

import static io.weft.store.StoreFutures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.store.AccessTokenStore.StoredAccessToken;
import io.weft.user.User;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What every {@link AccessTokenStore} does; a subclass runs it against one implementation. */
public abstract class AccessTokenStoreContract {
  private static final long HOUR = 3_600_000;
  private static final User ALICE = new User("alice", "local", "Alice");
  private static final User BOB = new User("bob", "local", "Bob");

  protected abstract AccessTokenStore store();

  private static String doc() {
    return "doc-" + UUID.randomUUID();
  }

  private static StoredAccessToken token(String docId, User user, String fingerprint, long now, long expiresAt) {
    return new StoredAccessToken("hash-" + UUID.randomUUID(), "id-" + UUID.randomUUID(), docId, user, fingerprint,
        now, expiresAt);
  }

  @Test
  public void findsALiveTokenByHashOnItsOwnDocumentOnly() {
    long now = System.currentTimeMillis();
    String docId = doc();
    StoredAccessToken token = token(docId, ALICE, "f1", now, now + HOUR);
    assertTrue(await(store().insert(token)));
    assertEquals(token, await(store().findLive(token.hash(), docId, now)));
    assertNull(await(store().findLive(token.hash(), doc(), now)), "another document's token is no key here");
    assertNull(await(store().findLive("hash-" + UUID.randomUUID(), docId, now)));
    assertNull(await(store().findLive(token.hash(), docId, now + HOUR)), "a token is dead at its expiry");
  }

  @Test
  public void refusesASecondTokenWithTheSameHash() {
    long now = System.currentTimeMillis();
    String docId = doc();
    StoredAccessToken token = token(docId, ALICE, "f1", now, now + HOUR);
    await(store().insert(token));
    StoredAccessToken clash = new StoredAccessToken(token.hash(), "other", docId, BOB, "f1", now, now + HOUR);
    assertFalse(await(store().insert(clash)));
    assertEquals(token, await(store().findLive(token.hash(), docId, now)));
  }

  @Test
  public void listsTheLiveTokensOfADocumentUnderOneFingerprint() {
    long now = System.currentTimeMillis();
    String docId = doc();
    StoredAccessToken a = token(docId, ALICE, "f1", now, now + HOUR);
    StoredAccessToken b = token(docId, BOB, "f1", now, now + HOUR);
    await(store().insert(a));
    await(store().insert(b));
    await(store().insert(token(docId, ALICE, "f0", now, now + HOUR)));
    await(store().insert(token(docId, ALICE, "f1", now - HOUR, now - 1)));
    await(store().insert(token(doc(), ALICE, "f1", now, now + HOUR)));
    List<StoredAccessToken> listed = await(store().listLive(docId, "f1", now));
    assertEquals(Set.of(a, b), Set.copyOf(listed));
  }

  @Test
  public void removesATokenByIdOnlyForItsMinterUnlessAnyoneMay() {
    long now = System.currentTimeMillis();
    String docId = doc();
    StoredAccessToken mine = token(docId, ALICE, "f1", now, now + HOUR);
    StoredAccessToken other = token(docId, ALICE, "f1", now, now + HOUR);
    await(store().insert(mine));
    await(store().insert(other));
    assertFalse(await(store().delete(docId, mine.id(), BOB)), "bob did not mint it");
    assertFalse(await(store().delete(doc(), mine.id(), ALICE)), "it is not another document's");
    assertTrue(await(store().delete(docId, mine.id(), ALICE)));
    assertFalse(await(store().delete(docId, mine.id(), ALICE)), "it is gone");
    assertNull(await(store().findLive(mine.hash(), docId, now)));
    assertTrue(await(store().delete(docId, other.id(), null)), "null: whoever minted it");
  }

  @Test
  public void removesTheTokensMintedUnderOtherPermissionLists() {
    long now = System.currentTimeMillis();
    String docId = doc();
    StoredAccessToken current = token(docId, ALICE, "f2", now, now + HOUR);
    await(store().insert(token(docId, ALICE, "f1", now, now + HOUR)));
    await(store().insert(token(docId, BOB, "f0", now, now + HOUR)));
    await(store().insert(current));
    StoredAccessToken elsewhere = token(doc(), ALICE, "f1", now, now + HOUR);
    await(store().insert(elsewhere));
    assertEquals(2L, await(store().deleteStale(docId, "f2")));
    assertEquals(List.of(current), await(store().listLive(docId, "f2", now)));
    assertEquals(elsewhere, await(store().findLive(elsewhere.hash(), elsewhere.docId(), now)));
  }

  @Test
  public void theSweepRemovesExpiredTokensOnly() {
    long now = System.currentTimeMillis();
    String docId = doc();
    StoredAccessToken expired = token(docId, ALICE, "f1", now - 2 * HOUR, now - HOUR);
    StoredAccessToken live = token(docId, ALICE, "f1", now, now + HOUR);
    await(store().insert(expired));
    await(store().insert(live));
    assertTrue(await(store().deleteExpired(now)) >= 1);
    assertNull(await(store().findLive(expired.hash(), docId, now - 2 * HOUR)), "the expired token is gone");
    assertEquals(Set.of(live.id()), await(store().listLive(docId, "f1", now)).stream()
        .map(StoredAccessToken::id).collect(Collectors.toSet()));
  }
}

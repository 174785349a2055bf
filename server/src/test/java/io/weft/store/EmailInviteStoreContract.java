package io.weft.store;

import static io.weft.store.StoreFutures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.access.Rights;
import io.weft.store.EmailInviteStore.StoredEmailInvite;
import io.weft.user.User;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link EmailInviteStore} does; a subclass runs it against one implementation. */
public abstract class EmailInviteStoreContract {
  private static final long HOUR = 3_600_000;
  private static final User ALICE = new User("alice", "local", "Alice");
  private static final User BOB = new User("bob", "local", "Bob");

  protected abstract EmailInviteStore store();

  private StoredEmailInvite stored(String doc, String email, long now, long expiresAt) {
    StoredEmailInvite invite = new StoredEmailInvite("id-" + UUID.randomUUID(), "hash-" + UUID.randomUUID(), doc, email,
        Rights.parse("rw"), "hello", ALICE, now, expiresAt, "pending", now, null, 0, "mail-1", "queued", 0, null, 0,
        List.of());
    assertTrue(await(store().insert(invite)));
    return invite;
  }

  private static String doc() {
    return "doc-" + UUID.randomUUID();
  }

  @Test
  void anInvitationIsFoundByIdByTokenHashByPageAndByAddress() {
    long now = System.currentTimeMillis();
    String doc = doc();
    String email = UUID.randomUUID() + "@example.org";
    StoredEmailInvite invite = stored(doc, email, now, now + HOUR);
    stored(doc, "other-" + email, now, now + HOUR);
    assertEquals(invite, await(store().byId(invite.id())));
    assertEquals(invite, await(store().byTokenHash(invite.tokenHash())));
    assertNull(await(store().byTokenHash("nothing")));
    assertEquals(2, await(store().ofDocument(doc, null)).size());
    assertEquals(List.of(invite), await(store().ofDocument(doc, email)));
    assertEquals(List.of(invite), await(store().toAddress(email, "pending")));
    assertFalse(await(store().insert(invite)), "an id is taken once");
  }

  @Test
  void aStatusMovesOnlyFromWhereItIsWhileAliveAndWithTheRightToken() {
    long now = System.currentTimeMillis();
    StoredEmailInvite invite = stored(doc(), "a@example.org", now, now + HOUR);
    assertNull(await(store().moveStatus(invite.id(), List.of("pending"), "declined", now, now, "wrong", null, 0)));
    assertNull(await(store().moveStatus(invite.id(), List.of("pending"), "declined", now, now + 2 * HOUR, null, null, 0)),
        "not after its expiry");
    StoredEmailInvite accepting = await(store().moveStatus(invite.id(), List.of("pending"), "accepting", now + 1, now,
        invite.tokenHash(), BOB, now + 1));
    assertEquals("accepting", accepting.status());
    assertEquals(BOB, accepting.by());
    assertEquals(now + 1, accepting.claimedAtMillis());
    assertNull(await(store().moveStatus(invite.id(), List.of("pending"), "declined", now, now, null, null, 0)),
        "of two racing answers one wins");
  }

  @Test
  void expiryIsStoredOnlyForPendingInvitationsPastIt() {
    long now = System.currentTimeMillis();
    StoredEmailInvite past = stored(doc(), "b@example.org", now - 2 * HOUR, now - HOUR);
    StoredEmailInvite live = stored(doc(), "c@example.org", now, now + HOUR);
    List<String> due = await(store().expiredPending(now)).stream().map(StoredEmailInvite::id).toList();
    assertTrue(due.contains(past.id()) && !due.contains(live.id()));
    assertEquals("expired", await(store().expire(past.id(), now)).status());
    assertNull(await(store().expire(past.id(), now)), "once");
    assertNull(await(store().expire(live.id(), now)));
  }

  @Test
  void renewingNeedsTheOldTokenAndMakesItPendingAgainWithANewMail() {
    long now = System.currentTimeMillis();
    StoredEmailInvite invite = stored(doc(), "d@example.org", now - 2 * HOUR, now - HOUR);
    await(store().expire(invite.id(), now));
    assertNull(await(store().renew(invite.id(), "wrong", "new-hash", now + HOUR, now, "mail-2", List.of(now))));
    StoredEmailInvite renewed = await(store().renew(invite.id(), invite.tokenHash(), "new-hash-" + invite.id(),
        now + HOUR, now, "mail-2", List.of(now)));
    assertEquals("pending", renewed.status());
    assertEquals("mail-2", renewed.mailId());
    assertEquals(List.of(now), renewed.resends());
    assertNull(await(store().byTokenHash(invite.tokenHash())), "the old link opens nothing");
    assertNull(await(store().delivery(invite.id(), "mail-1", "failed", 3, "old mail", 0)), "an old mail's news is ignored");
    StoredEmailInvite sent = await(store().delivery(invite.id(), "mail-2", "sent", 1, null, now));
    assertEquals("sent", sent.delivery());
    assertEquals(now, sent.sentAtMillis());
  }

  @Test
  void mailsAreCountedPerInviterAndPerAddressSinceATime() {
    long now = System.currentTimeMillis();
    String inviter = "inviter-" + UUID.randomUUID();
    String email = UUID.randomUUID() + "@example.org";
    await(store().logMail(inviter, email, now - 2 * HOUR));
    await(store().logMail(inviter, email, now));
    await(store().logMail("someone-else", email, now));
    assertEquals(1L, await(store().mailsBy(inviter, now - HOUR)));
    assertEquals(2L, await(store().mailsBy(inviter, now - 3 * HOUR)));
    assertEquals(2L, await(store().mailsTo(email, now - HOUR)));
  }

  @Test
  void anAddressIsVerifiedOnceMarked() {
    String email = UUID.randomUUID() + "@example.org";
    assertFalse(await(store().isVerified(email)));
    await(store().markVerified(email, System.currentTimeMillis()));
    await(store().markVerified(email, System.currentTimeMillis()));
    assertTrue(await(store().isVerified(email)));
  }

  @Test
  void endedInvitationsAreDeletedLongAfterAndPendingOnesNever() {
    long now = System.currentTimeMillis();
    StoredEmailInvite ended = stored(doc(), "e@example.org", now - 3 * HOUR, now - 2 * HOUR);
    await(store().expire(ended.id(), now - 2 * HOUR));
    StoredEmailInvite pending = stored(doc(), "f@example.org", now - 3 * HOUR, now - 2 * HOUR);
    await(store().deleteEnded(now - HOUR, now - HOUR));
    assertNull(await(store().byId(ended.id())));
    assertNotNull(await(store().byId(pending.id())));
  }

  @Test
  void aVerificationTokenIsTakenOnceAndNotAfterItsExpiry() {
    long now = System.currentTimeMillis();
    String hash = "verify-" + UUID.randomUUID();
    String old = "verify-" + UUID.randomUUID();
    assertTrue(await(store().insertVerification(hash, "g@example.org", now + HOUR)));
    assertTrue(await(store().insertVerification(old, "h@example.org", now - 1)));
    assertNull(await(store().takeVerification("nothing", now)));
    assertNull(await(store().takeVerification(old, now)), "expired");
    assertEquals("g@example.org", await(store().takeVerification(hash, now)));
    assertNull(await(store().takeVerification(hash, now)), "once");
  }
}

package io.weft.store;

import static io.weft.store.StoreFutures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.weft.access.Rights;
import io.weft.store.InviteStore.StoredAcceptance;
import io.weft.store.InviteStore.StoredInvite;
import io.weft.user.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link InviteStore} does; a subclass runs it against one implementation. */
public abstract class InviteStoreContract {
  private static final long HOUR = 3_600_000;
  private static final User ALICE = new User("alice", "local", "Alice");
  private static final User BOB = new User("bob", "local", "Bob");
  private static final User CAROL = new User("carol", "local", "Carol");

  protected abstract InviteStore store();

  private static String doc() {
    return "doc-" + UUID.randomUUID();
  }

  private static StoredInvite invite(String docId, User creator, long now, long expiresAt, int maxUses) {
    return new StoredInvite("hash-" + UUID.randomUUID(), "id-" + UUID.randomUUID(), docId, Rights.parse("rw"), creator,
        now, expiresAt, maxUses, 0, 0);
  }

  private StoredInvite stored(String docId, int maxUses) {
    long now = System.currentTimeMillis();
    StoredInvite invite = invite(docId, ALICE, now, now + HOUR, maxUses);
    assertTrue(await(store().insert(invite)));
    return invite;
  }

  private static StoredAcceptance claim(StoredInvite invite, User user, long now) {
    return new StoredAcceptance(invite.id(), invite.docId(), user, now, invite.expiresAtMillis(), false, 0, null, null);
  }

  @Test
  public void findsAnInviteByKeyHashOnItsDocumentAndById() {
    String docId = doc();
    StoredInvite invite = stored(docId, 3);
    assertEquals(invite, await(store().byKeyHash(invite.keyHash(), docId)));
    assertEquals(invite, await(store().byId(invite.id())));
    assertNull(await(store().byKeyHash(invite.keyHash(), doc())), "a key opens only its own document");
    assertNull(await(store().byKeyHash("hash-" + UUID.randomUUID(), docId)));
    assertNull(await(store().byId("id-" + UUID.randomUUID())));
  }

  @Test
  public void refusesATakenKeyHashOrId() {
    String docId = doc();
    StoredInvite invite = stored(docId, 3);
    long now = System.currentTimeMillis();
    StoredInvite sameKey = new StoredInvite(invite.keyHash(), "id-" + UUID.randomUUID(), docId, Rights.parse("a"),
        BOB, now, now + HOUR, 0, 0, 0);
    StoredInvite sameId = new StoredInvite("hash-" + UUID.randomUUID(), invite.id(), docId, Rights.parse("a"),
        BOB, now, now + HOUR, 0, 0, 0);
    assertFalse(await(store().insert(sameKey)));
    assertFalse(await(store().insert(sameId)));
    assertEquals(invite, await(store().byId(invite.id())));
    assertNull(await(store().byKeyHash(sameId.keyHash(), docId)));
  }

  @Test
  public void listsACreatorsLiveInvitesOfADocumentOnly() {
    long now = System.currentTimeMillis();
    String docId = doc();
    StoredInvite live = invite(docId, ALICE, now, now + HOUR, 0);
    StoredInvite cancelled = invite(docId, ALICE, now, now + HOUR, 0);
    for (StoredInvite i : List.of(live, cancelled, invite(docId, ALICE, now - HOUR, now - 1, 0),
        invite(docId, BOB, now, now + HOUR, 0), invite(doc(), ALICE, now, now + HOUR, 0))) {
      await(store().insert(i));
    }
    assertNotNull(await(store().cancel(docId, "none", cancelled.id(), now)));
    assertEquals(List.of(live), await(store().liveOf(docId, ALICE, now)));
  }

  @Test
  public void cancelsOnceByKeyHashOrByIdOnItsOwnDocument() {
    String docId = doc();
    StoredInvite byKey = stored(docId, 0);
    StoredInvite byId = stored(docId, 0);
    long now = System.currentTimeMillis();
    assertNull(await(store().cancel(doc(), byKey.keyHash(), "none", now)), "not another document's");
    StoredInvite cancelled = await(store().cancel(docId, byKey.keyHash(), "none", now));
    assertEquals(now, cancelled.removedAtMillis());
    assertEquals(byKey.id(), cancelled.id());
    assertNull(await(store().cancel(docId, byKey.keyHash(), "none", now + 1)), "cancelled already");
    assertEquals(now, await(store().byId(byKey.id())).removedAtMillis(), "the first cancel's time stays");
    assertEquals(byId.id(), await(store().cancel(docId, "none", byId.id(), now)).id());
  }

  @Test
  public void takesUsesWhileUsesAreBelowMaxUses() {
    StoredInvite invite = stored(doc(), 2);
    long now = System.currentTimeMillis();
    assertEquals(1, await(store().takeUse(invite.id(), 2, now)).uses());
    assertEquals(2, await(store().takeUse(invite.id(), 2, now)).uses());
    assertNull(await(store().takeUse(invite.id(), 2, now)), "used up");
    assertEquals(2, await(store().byId(invite.id())).uses());
  }

  @Test
  public void concurrentTakersGetExactlyMaxUsesBetweenThem() {
    StoredInvite invite = stored(doc(), 5);
    long now = System.currentTimeMillis();
    List<Future<StoredInvite>> takes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      takes.add(store().takeUse(invite.id(), 5, now));
    }
    await(Future.join(takes));
    assertEquals(5, takes.stream().map(Future::result).filter(Objects::nonNull).count());
    assertEquals(5, await(store().byId(invite.id())).uses());
  }

  @Test
  public void anInviteWithoutMaxUsesNeverRunsOut() {
    StoredInvite invite = stored(doc(), 0);
    long now = System.currentTimeMillis();
    for (int i = 1; i <= 5; i++) {
      assertEquals(i, await(store().takeUse(invite.id(), 0, now)).uses());
    }
  }

  @Test
  public void aCancelledOrExpiredInviteGivesNoUse() {
    String docId = doc();
    StoredInvite cancelled = stored(docId, 0);
    long now = System.currentTimeMillis();
    await(store().cancel(docId, cancelled.keyHash(), "none", now));
    assertNull(await(store().takeUse(cancelled.id(), 0, now)));
    StoredInvite expiring = stored(docId, 0);
    assertNull(await(store().takeUse(expiring.id(), 0, expiring.expiresAtMillis())), "dead at its expiry");
    assertEquals(0, await(store().byId(expiring.id())).uses());
  }

  @Test
  public void givesBackAUseButNeverGoesBelowNone() {
    StoredInvite invite = stored(doc(), 1);
    long now = System.currentTimeMillis();
    await(store().takeUse(invite.id(), 1, now));
    assertTrue(await(store().returnUse(invite.id())));
    assertEquals(0, await(store().byId(invite.id())).uses());
    assertFalse(await(store().returnUse(invite.id())));
    assertEquals(0, await(store().byId(invite.id())).uses());
    assertEquals(1, await(store().takeUse(invite.id(), 1, now)).uses(), "the use given back is there to take");
  }

  @Test
  public void aUserClaimsAnInviteOnceUntilTheClaimIsReleased() {
    StoredInvite invite = stored(doc(), 0);
    long now = System.currentTimeMillis();
    StoredAcceptance claim = claim(invite, BOB, now);
    assertTrue(await(store().claim(claim)));
    assertFalse(await(store().claim(claim(invite, BOB, now + 5))), "bob has a claim");
    assertEquals(claim, await(store().claimOf(invite.id(), BOB)), "the first claim stays");
    assertTrue(await(store().claim(claim(invite, CAROL, now))), "carol's claim is her own");
    assertTrue(await(store().release(invite.id(), BOB)));
    assertNull(await(store().claimOf(invite.id(), BOB)));
    assertFalse(await(store().release(invite.id(), BOB)));
    assertTrue(await(store().claim(claim(invite, BOB, now + 10))), "released: bob may claim again");
  }

  @Test
  public void marksAClaimsUseTakenOnlyWhileItIsTheClaimMadeThen() {
    StoredInvite invite = stored(doc(), 1);
    long now = System.currentTimeMillis();
    assertFalse(await(store().markUseTaken(invite.id(), BOB, now)), "bob has no claim");
    await(store().claim(claim(invite, BOB, now)));
    assertFalse(await(store().claimOf(invite.id(), BOB)).useTaken());
    assertFalse(await(store().markUseTaken(invite.id(), BOB, now - 1)), "not the claim made then");
    assertFalse(await(store().claimOf(invite.id(), BOB)).useTaken());
    assertTrue(await(store().markUseTaken(invite.id(), BOB, now)));
    assertTrue(await(store().claimOf(invite.id(), BOB)).useTaken());
  }

  @Test
  public void oneOfManyTakesOverAnUnacceptedClaim() {
    StoredInvite invite = stored(doc(), 1);
    long then = System.currentTimeMillis() - HOUR;
    long now = then + HOUR;
    await(store().claim(claim(invite, BOB, then)));
    await(store().markUseTaken(invite.id(), BOB, then));
    List<Future<StoredAcceptance>> tries = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      tries.add(store().reclaim(invite.id(), BOB, then, now + i));
    }
    await(Future.join(tries));
    List<StoredAcceptance> won = tries.stream().map(Future::result).filter(Objects::nonNull).toList();
    assertEquals(1, won.size(), "one takes it over");
    assertTrue(won.get(0).useTaken(), "what the claim says is kept");
    assertEquals(won.get(0), await(store().claimOf(invite.id(), BOB)));
    assertFalse(await(store().markUseTaken(invite.id(), BOB, then)), "taken over: the old time no longer names it");

    await(store().claim(claim(invite, CAROL, then)));
    await(store().accept(invite.id(), CAROL, now, Rights.parse(""), Rights.parse("rw")));
    assertNull(await(store().reclaim(invite.id(), CAROL, then, now)), "an accepted claim is never taken over");
  }

  @Test
  public void listsTheAcceptedClaimsOfTheInvitesAskedFor() {
    String docId = doc();
    StoredInvite first = stored(docId, 0);
    StoredInvite second = stored(docId, 0);
    StoredInvite other = stored(docId, 0);
    long now = System.currentTimeMillis();
    Rights before = Rights.parse("r");
    Rights after = Rights.parse("rw");
    for (StoredAcceptance c : List.of(claim(first, BOB, now), claim(first, CAROL, now), claim(second, BOB, now),
        claim(other, BOB, now))) {
      await(store().claim(c));
    }
    assertTrue(await(store().accept(first.id(), BOB, now + 1, before, after)));
    assertTrue(await(store().accept(second.id(), BOB, now + 2, before, after)));
    assertTrue(await(store().accept(other.id(), BOB, now + 3, before, after)));
    assertFalse(await(store().accept(first.id(), ALICE, now, before, after)), "alice made no claim");
    assertEquals(Set.of(new StoredAcceptance(first.id(), docId, BOB, now, first.expiresAtMillis(), false, now + 1, before, after),
            new StoredAcceptance(second.id(), docId, BOB, now, second.expiresAtMillis(), false, now + 2, before, after)),
        Set.copyOf(await(store().acceptancesOf(List.of(first.id(), second.id())))),
        "carol only claimed; the third invite was not asked for");
    assertEquals(List.of(), await(store().acceptancesOf(List.of())));
  }

  @Test
  public void deletesInvitesThatEndedBeforeTheCutoffWithTheirClaims() {
    long now = System.currentTimeMillis();
    String docId = doc();
    StoredInvite expiredLongAgo = invite(docId, ALICE, now - 3 * HOUR, now - 2 * HOUR, 0);
    StoredInvite cancelledLongAgo = invite(docId, ALICE, now - 3 * HOUR, now + HOUR, 0);
    StoredInvite expiredRecently = invite(docId, ALICE, now - HOUR, now - 1, 0);
    StoredInvite live = invite(docId, ALICE, now, now + HOUR, 0);
    for (StoredInvite i : List.of(expiredLongAgo, cancelledLongAgo, expiredRecently, live)) {
      await(store().insert(i));
    }
    await(store().cancel(docId, cancelledLongAgo.keyHash(), "none", now - 2 * HOUR));
    await(store().claim(claim(expiredLongAgo, BOB, now - 3 * HOUR)));
    await(store().claim(claim(live, BOB, now)));
    await(store().deleteEnded(now - HOUR));
    assertNull(await(store().byId(expiredLongAgo.id())));
    assertNull(await(store().byId(cancelledLongAgo.id())));
    assertNull(await(store().claimOf(expiredLongAgo.id(), BOB)));
    assertNotNull(await(store().byId(expiredRecently.id())), "ended after the cutoff: kept to say what happened");
    assertEquals(live, await(store().byId(live.id())));
    assertNotNull(await(store().claimOf(live.id(), BOB)));
  }
}

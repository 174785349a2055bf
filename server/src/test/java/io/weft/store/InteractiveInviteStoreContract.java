package io.weft.store;

import static io.weft.store.StoreFutures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.access.Rights;
import io.weft.store.InteractiveInviteStore.StoredInvitation;
import io.weft.user.User;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link InteractiveInviteStore} does; a subclass runs it against one implementation. */
public abstract class InteractiveInviteStoreContract {
  private static final long HOUR = 3_600_000;
  private static final User ALICE = new User("alice", "local", "Alice");
  private static final User BOB = new User("bob", "local", "Bob");
  private static final User CAROL = new User("carol", "local", "Carol");

  protected abstract InteractiveInviteStore store();

  private static StoredInvitation invitation(String docId, long expiresAt) {
    long now = System.currentTimeMillis();
    return new StoredInvitation("id-" + UUID.randomUUID(), "hash-" + UUID.randomUUID(), docId, Rights.parse("rw"), ALICE,
        now, expiresAt, false, "waiting", null, null, 0, 0, 0, 0);
  }

  private StoredInvitation stored() {
    StoredInvitation i = invitation("doc-" + UUID.randomUUID(), System.currentTimeMillis() + HOUR);
    assertTrue(await(store().insert(i)));
    return i;
  }

  private static StoredInvitation bound(StoredInvitation i, User guest, long pinExpiresAt) {
    return new StoredInvitation(i.id(), i.codeHash(), i.docId(), i.rights(), i.inviter(), i.createdAtMillis(),
        i.expiresAtMillis(), i.multiUse(), "ready_for_authentication", guest, "salt:hash", pinExpiresAt,
        i.wrongPins(), i.successes(), i.version());
  }

  @Test
  public void findsAnInvitationByCodeHashAndByIdAndRefusesATakenOne() {
    StoredInvitation i = stored();
    assertEquals(i, await(store().byCodeHash(i.codeHash())));
    assertEquals(i, await(store().byId(i.id())));
    assertNull(await(store().byCodeHash("hash-" + UUID.randomUUID())));
    StoredInvitation sameCode = new StoredInvitation("id-" + UUID.randomUUID(), i.codeHash(), i.docId(), i.rights(),
        BOB, 0, HOUR, true, "waiting", null, null, 0, 0, 0, 0);
    assertFalse(await(store().insert(sameCode)));
    StoredInvitation sameId = new StoredInvitation(i.id(), "hash-" + UUID.randomUUID(), i.docId(), i.rights(), BOB, 0,
        HOUR, true, "waiting", null, null, 0, 0, 0, 0);
    assertFalse(await(store().insert(sameId)), "an id is taken once");
  }

  @Test
  public void aReplaceWinsOnlyFromTheVersionItWasComputedFrom() {
    StoredInvitation i = stored();
    StoredInvitation toBob = await(store().replace(0, bound(i, BOB, 42)));
    assertEquals(1, toBob.version());
    assertEquals(BOB, toBob.guest());
    assertEquals("salt:hash", toBob.pinHash());
    assertEquals(42, toBob.pinExpiresAtMillis());
    assertNull(await(store().replace(0, bound(i, CAROL, 43))), "carol computed hers from version 0: she lost");
    assertEquals(BOB, await(store().byId(i.id())).guest());
  }

  @Test
  public void ofTwoReplacesFromOneVersionExactlyOneWins() {
    StoredInvitation i = stored();
    var bob = store().replace(0, bound(i, BOB, 1));
    var carol = store().replace(0, bound(i, CAROL, 1));
    int won = (await(bob) == null ? 0 : 1) + (await(carol) == null ? 0 : 1);
    assertEquals(1, won);
  }

  @Test
  public void aReplaceClearsWhatTheNextStateLeavesOut() {
    StoredInvitation i = stored();
    StoredInvitation ready = await(store().replace(0, bound(i, BOB, 5)));
    StoredInvitation waiting = new StoredInvitation(i.id(), i.codeHash(), i.docId(), i.rights(), i.inviter(),
        i.createdAtMillis(), i.expiresAtMillis(), false, "waiting", null, null, 0, 2, 1, ready.version());
    StoredInvitation now = await(store().replace(1, waiting));
    assertNull(now.guest());
    assertNull(now.pinHash());
    assertEquals(0, now.pinExpiresAtMillis());
    assertEquals(2, now.wrongPins());
    assertEquals(1, now.successes());
    assertEquals(2, now.version());
  }

  @Test
  public void listsADocumentsInvitationsAndTheOnesDueAtATime() {
    String docId = "doc-" + UUID.randomUUID();
    long now = System.currentTimeMillis();
    StoredInvitation open = invitation(docId, now + HOUR);
    StoredInvitation past = invitation(docId, now - 1);
    StoredInvitation timedOut = invitation(docId, now + HOUR);
    for (StoredInvitation i : List.of(open, past, timedOut)) {
      assertTrue(await(store().insert(i)));
    }
    await(store().replace(0, bound(timedOut, BOB, now - 1)));
    assertEquals(3, await(store().ofDocument(docId)).size());
    List<String> due = await(store().due(List.of("waiting", "ready_for_authentication"), now)).stream()
        .filter(i -> i.docId().equals(docId)).map(StoredInvitation::id).sorted().toList();
    assertEquals(List.of(past.id(), timedOut.id()).stream().sorted().toList(), due);
    assertTrue(await(store().due(List.of("failed"), now)).stream().noneMatch(i -> i.docId().equals(docId)));
  }

  @Test
  public void deletesAnInvitationOnlyFromTheVersionRead() {
    StoredInvitation i = stored();
    await(store().replace(0, bound(i, BOB, 1)));
    assertFalse(await(store().delete(i.id(), 0)), "it changed since version 0");
    assertTrue(await(store().delete(i.id(), 1)));
    assertNull(await(store().byId(i.id())));
    assertFalse(await(store().delete(i.id(), 1)));
  }

  @Test
  public void deletesOnlyInvitationsThatEndedBeforeTheCutoff() {
    String docId = "doc-" + UUID.randomUUID();
    long now = System.currentTimeMillis();
    StoredInvitation old = invitation(docId, now - 2 * HOUR);
    StoredInvitation recent = invitation(docId, now - 1);
    assertTrue(await(store().insert(old)));
    assertTrue(await(store().insert(recent)));
    await(store().deleteEnded(now - HOUR));
    assertNull(await(store().byId(old.id())));
    assertEquals(recent, await(store().byId(recent.id())));
  }
}

package io.weft.store;

import static io.weft.store.StoreFutures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.store.AccountStore.StoredAccount;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link AccountStore} does; a subclass runs it against one implementation. */
public abstract class AccountStoreContract {

  protected abstract AccountStore store();

  private static StoredAccount account(String name) {
    String unique = name + UUID.randomUUID().toString().substring(0, 8);
    return new StoredAccount(unique.toLowerCase(), unique, unique.toLowerCase() + "@example.org", "hash-of-" + unique,
        System.currentTimeMillis());
  }

  @Test
  public void findsAStoredAccountByKeyAndByEmail() {
    StoredAccount alice = account("Alice");
    assertTrue(await(store().insert(alice)));
    assertEquals(alice, await(store().byKey(alice.key())));
    assertEquals(alice, await(store().byEmail(alice.email())));
  }

  @Test
  public void findsNothingForAnUnknownKeyOrEmail() {
    assertNull(await(store().byKey("nobody-" + UUID.randomUUID())));
    assertNull(await(store().byEmail(UUID.randomUUID() + "@example.org")));
  }

  @Test
  public void refusesATakenKeyAndKeepsTheFirstAccount() {
    StoredAccount alice = account("Alice");
    await(store().insert(alice));
    StoredAccount again = new StoredAccount(alice.key(), "ALICE", "other-" + alice.email(), "other", 0);
    assertFalse(await(store().insert(again)));
    assertEquals(alice, await(store().byKey(alice.key())));
    assertNull(await(store().byEmail(again.email())), "nothing of the refused account is stored");
  }

  @Test
  public void refusesATakenEmail() {
    StoredAccount alice = account("Alice");
    await(store().insert(alice));
    StoredAccount bob = account("Bob");
    StoredAccount sameEmail = new StoredAccount(bob.key(), bob.username(), alice.email(), bob.passwordHash(), 0);
    assertFalse(await(store().insert(sameEmail)));
    assertNull(await(store().byKey(bob.key())));
    assertEquals(alice, await(store().byEmail(alice.email())));
  }

  @Test
  public void saysWhetherAKeyOrAnEmailIsTaken() {
    StoredAccount alice = account("Alice");
    await(store().insert(alice));
    assertTrue(await(store().isTaken(alice.key(), "free-" + UUID.randomUUID() + "@example.org")));
    assertTrue(await(store().isTaken("free-" + UUID.randomUUID(), alice.email())));
    assertFalse(await(store().isTaken("free-" + UUID.randomUUID(), "free-" + UUID.randomUUID() + "@example.org")));
  }
}

package io.weft.store.mongo;

import io.weft.store.InviteStore;
import io.weft.store.InviteStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link InviteStore} contract against the embedded MongoDB, over the wire. */
class MongoInviteStoreTest extends InviteStoreContract {
  @RegisterExtension
  static final EmbeddedStores STORES = new EmbeddedStores();

  @Override
  protected InviteStore store() {
    return STORES.opened().invites();
  }
}

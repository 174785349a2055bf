package io.weft.store.mongo;

import io.weft.store.InteractiveInviteStore;
import io.weft.store.InteractiveInviteStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link InteractiveInviteStore} contract against the embedded MongoDB, over the wire. */
class MongoInteractiveInviteStoreTest extends InteractiveInviteStoreContract {
  @RegisterExtension
  static final EmbeddedStores STORES = new EmbeddedStores();

  @Override
  protected InteractiveInviteStore store() {
    return STORES.opened().interactiveInvites();
  }
}

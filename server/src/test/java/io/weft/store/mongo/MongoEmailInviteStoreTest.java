package io.weft.store.mongo;

import io.weft.store.EmailInviteStore;
import io.weft.store.EmailInviteStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link EmailInviteStore} contract against the embedded MongoDB, over the wire. */
class MongoEmailInviteStoreTest extends EmailInviteStoreContract {
  @RegisterExtension
  static final EmbeddedStores STORES = new EmbeddedStores();

  @Override
  protected EmailInviteStore store() {
    return STORES.opened().emailInvites();
  }
}

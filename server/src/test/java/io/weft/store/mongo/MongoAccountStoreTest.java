package io.weft.store.mongo;

import io.weft.store.AccountStore;
import io.weft.store.AccountStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link AccountStore} contract against the embedded MongoDB, over the wire. */
class MongoAccountStoreTest extends AccountStoreContract {
  @RegisterExtension
  static final EmbeddedStores STORES = new EmbeddedStores();

  @Override
  protected AccountStore store() {
    return STORES.opened().accounts();
  }
}

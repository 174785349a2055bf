package io.weft.store.mongo;

import io.weft.store.SessionStore;
import io.weft.store.SessionStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link SessionStore} contract against the embedded MongoDB, over the wire. */
class MongoSessionStoreTest extends SessionStoreContract {
  @RegisterExtension
  static final EmbeddedStores STORES = new EmbeddedStores();

  @Override
  protected SessionStore store() {
    return STORES.opened().sessions();
  }
}

package io.weft.store.mongo;

import io.weft.store.OutboxStore;
import io.weft.store.OutboxStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link OutboxStore} contract against the embedded MongoDB, over the wire. */
class MongoOutboxStoreTest extends OutboxStoreContract {
  @RegisterExtension
  static final EmbeddedStores STORES = new EmbeddedStores();

  @Override
  protected OutboxStore store() {
    return STORES.opened().outbox();
  }
}

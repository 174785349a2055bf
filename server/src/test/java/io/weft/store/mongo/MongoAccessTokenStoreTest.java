package io.weft.store.mongo;

import io.weft.store.AccessTokenStore;
import io.weft.store.AccessTokenStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link AccessTokenStore} contract against the embedded MongoDB, over the wire. */
class MongoAccessTokenStoreTest extends AccessTokenStoreContract {
  @RegisterExtension
  static final EmbeddedStores STORES = new EmbeddedStores();

  @Override
  protected AccessTokenStore store() {
    return STORES.opened().accessTokens();
  }
}

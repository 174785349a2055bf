package io.weft.store.mongo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.weft.store.DocumentStore;
import io.weft.store.DocumentStoreContract;
import java.nio.file.Files;

/** The store's contract against the embedded MongoDB, over the wire. */
class MongoDocumentStoreTest extends DocumentStoreContract {
  @Override
  protected Future<DocumentStore> open(Vertx vertx) throws Exception {
    return MongoStores.open(vertx, new MongoStores.Settings("", "weft", Files.createTempDirectory("weft-store"), false))
        .map(stores -> stores.documents());
  }
}

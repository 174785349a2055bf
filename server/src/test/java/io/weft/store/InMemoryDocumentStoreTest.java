package io.weft.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** The test store keeps the same contract as the real ones, so tests built on it say something true. */
class InMemoryDocumentStoreTest extends DocumentStoreContract {
  @Override
  protected Future<DocumentStore> open(Vertx vertx) {
    return Future.succeededFuture(new InMemoryDocumentStore());
  }
}

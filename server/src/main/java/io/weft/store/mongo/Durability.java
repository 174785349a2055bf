package io.weft.store.mongo;

import io.vertx.core.Context;
import io.vertx.core.Future;
import org.bson.Document;

/** Makes a write durable before it is acknowledged: a commit record of ops, or a {@link Records} write. */
interface Durability {
  /** Completes, on the caller's context, once {@code record}, already acknowledged by the database, survives a crash. */
  Future<Void> persist(Document record);

  /** The same, callable from any thread; completes on {@code context}, or at once when nothing is to be done. */
  Future<Void> persist(Document record, Context context);

  /** A database that journals its own writes (MongoDB with {@code j: true}) needs no extra step. */
  Durability JOURNALED = new Durability() {
    @Override
    public Future<Void> persist(Document record) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> persist(Document record, Context context) {
      return Future.succeededFuture();
    }
  };
}

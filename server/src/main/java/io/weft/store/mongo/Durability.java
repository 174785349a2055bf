package io.weft.store.mongo;

import io.vertx.core.Future;
import org.bson.Document;

/** Makes a write durable before it is acknowledged: a commit record of ops, or a {@link Records} write. */
interface Durability {
  /** Completes once {@code record}, already acknowledged by the database, survives a crash of this process. */
  Future<Void> persist(Document record);

  /** A database that journals its own writes (MongoDB with {@code j: true}) needs no extra step. */
  Durability JOURNALED = record -> Future.succeededFuture();
}

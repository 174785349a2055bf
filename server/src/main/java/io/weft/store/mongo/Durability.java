package io.weft.store.mongo;

import io.vertx.core.Future;
import org.bson.Document;

/** Makes a commit record durable before the ops it carries are acknowledged to clients. */
interface Durability {
  /** Completes once {@code record}, already acknowledged by the database, survives a crash of this process. */
  Future<Void> persist(Document record);

  /** A database that journals its own writes (MongoDB with {@code j: true}) needs no extra step. */
  Durability JOURNALED = record -> Future.succeededFuture();
}

package io.weft.store.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.weft.config.WeftConfig;
import java.util.concurrent.TimeUnit;

/** Opens the configured store: a MongoDB at {@code mongo.uri}, or the embedded one under {@code data.dir}. */
public final class MongoStores {
  private MongoStores() {
  }

  public static Future<MongoDocumentStore> open(Vertx vertx, WeftConfig config) {
    if (!config.mongo().embedded()) {
      // A real MongoDB acknowledges only journaled, majority-replicated writes: durable on its own.
      MongoClient client = client(config.mongo().uri(), WriteConcern.MAJORITY.withJournal(true));
      return init(new MongoDocumentStore(new Reactive(vertx), client,
          client.getDatabase(config.mongo().database()), Durability.JOURNALED, new WriteGate(vertx), client::close));
    }
    return vertx.executeBlocking(() -> {
      EmbeddedMongo embedded = EmbeddedMongo.start(config.data().dir());
      MongoClient client = client(embedded.connectionString(), WriteConcern.ACKNOWLEDGED);
      MongoDatabase database = client.getDatabase(config.mongo().database());
      WriteGate gate = new WriteGate(vertx);
      CommitJournal journal = new CommitJournal(vertx, config.data().dir(), config.storage().fsync(),
          () -> gate.alone(embedded::commit));
      journal.recover(record -> MongoDocumentStore.insertIgnoringDuplicate(database, record));
      return new MongoDocumentStore(new Reactive(vertx), client, database, journal, gate, () -> {
        journal.close();
        client.close();
        embedded.close();
      });
    }).compose(MongoStores::init);
  }

  private static MongoClient client(String uri, WriteConcern writeConcern) {
    return MongoClients.create(MongoClientSettings.builder()
        .applyConnectionString(new ConnectionString(uri))
        .writeConcern(writeConcern)
        .applyToClusterSettings(b -> b.serverSelectionTimeout(10, TimeUnit.SECONDS))
        .build());
  }

  private static Future<MongoDocumentStore> init(MongoDocumentStore store) {
    return store.createIndexes().map(v -> store);
  }
}

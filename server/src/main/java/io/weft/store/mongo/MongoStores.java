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
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Opens the configured store: a MongoDB at {@code mongo.uri}, or the embedded one under {@code data.dir}.
 * The documents and the other records share one database and one durability mechanism.
 */
public final class MongoStores {
  private MongoStores() {
  }

  /** The open storage: documents, and the records beside them; closing the documents closes both. */
  public record Opened(MongoDocumentStore documents, Records records) {
  }

  public static Future<Opened> open(Vertx vertx, WeftConfig config) {
    if (!config.mongo().embedded()) {
      // A real MongoDB acknowledges only journaled, majority-replicated writes: durable on its own.
      MongoClient client = client(config.mongo().uri(), WriteConcern.MAJORITY.withJournal(true));
      MongoDatabase database = client.getDatabase(config.mongo().database());
      Reactive reactive = new Reactive(vertx);
      WriteGate gate = new WriteGate(vertx);
      return init(new Opened(new MongoDocumentStore(vertx, reactive, client, database, Durability.JOURNALED,
          gate, client::close), new Records(reactive, database, Durability.JOURNALED, gate, true)));
    }
    return vertx.executeBlocking(() -> {
      Path dir = config.data().dir();
      EmbeddedMongo embedded = EmbeddedMongo.start(dir, CommitJournal.leftBehind(dir));
      MongoClient client = client(embedded.connectionString(), WriteConcern.ACKNOWLEDGED);
      MongoDatabase database = client.getDatabase(config.mongo().database());
      WriteGate gate = new WriteGate(vertx);
      Runnable commit = () -> {
        embedded.write();
        embedded.sync();
      };
      CommitJournal journal = new CommitJournal(vertx, config.data().dir(), config.storage().fsync(), commit,
          () -> gate.alone(commit));
      journal.recover(entry -> Records.replay(database, entry));
      Reactive reactive = new Reactive(vertx);
      return new Opened(new MongoDocumentStore(vertx, reactive, client, database, journal, gate, () -> {
        journal.close();
        client.close();
        embedded.close();
      }), new Records(reactive, database, journal, gate, false));
    }).compose(MongoStores::init);
  }

  private static MongoClient client(String uri, WriteConcern writeConcern) {
    return MongoClients.create(MongoClientSettings.builder()
        .applyConnectionString(new ConnectionString(uri))
        .writeConcern(writeConcern)
        .applyToClusterSettings(b -> b.serverSelectionTimeout(10, TimeUnit.SECONDS))
        .build());
  }

  private static Future<Opened> init(Opened opened) {
    return opened.documents().createIndexes().map(v -> opened);
  }
}

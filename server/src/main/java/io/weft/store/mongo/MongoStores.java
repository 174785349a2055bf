package io.weft.store.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Opens the configured store: a MongoDB at {@code uri}, or the embedded one under {@code dataDir}.
 * The documents and the other records share one database and one durability mechanism.
 */
public final class MongoStores {
  private MongoStores() {
  }

  /**
   * What opening the store needs.
   *
   * @param uri a MongoDB connection string; empty: the embedded store under {@code dataDir}
   * @param database the database holding every collection
   * @param dataDir where the embedded store keeps its file and journal
   * @param fsync whether the embedded store's journal is fsynced at each group commit
   */
  public record Settings(String uri, String database, Path dataDir, boolean fsync) {
    boolean embedded() {
      return uri.isEmpty();
    }
  }

  /** The open storage: documents, and the records beside them; closing the documents closes all. */
  public record Opened(MongoDocumentStore documents, MongoSessionStore sessions, MongoAccessTokenStore accessTokens,
      MongoAccountStore accounts, MongoInviteStore invites, MongoEmailInviteStore emailInvites,
      MongoOutboxStore outbox, MongoInteractiveInviteStore interactiveInvites) {
    Opened(MongoDocumentStore documents, Records records) {
      this(documents, new MongoSessionStore(records), new MongoAccessTokenStore(records),
          new MongoAccountStore(records), new MongoInviteStore(records), new MongoEmailInviteStore(records),
          new MongoOutboxStore(records), new MongoInteractiveInviteStore(records));
    }
  }

  public static Future<Opened> open(Vertx vertx, Settings settings) {
    if (!settings.embedded()) {
      // A real MongoDB acknowledges only journaled, majority-replicated writes: durable on its own.
      MongoClient client = client(settings.uri(), WriteConcern.MAJORITY.withJournal(true));
      MongoDatabase database = client.getDatabase(settings.database());
      Reactive reactive = new Reactive(vertx);
      WriteGate gate = new WriteGate(vertx);
      return init(new Opened(new MongoDocumentStore(vertx, reactive, client, database, Durability.JOURNALED, gate,
          client::close), new Records(reactive, database, Durability.JOURNALED, gate, true)));
    }
    return vertx.executeBlocking(() -> {
      Path dir = settings.dataDir();
      EmbeddedMongo embedded = EmbeddedMongo.start(dir, CommitJournal.leftBehind(dir));
      MongoClient client = client(embedded.connectionString(), WriteConcern.ACKNOWLEDGED);
      MongoDatabase database = client.getDatabase(settings.database());
      WriteGate gate = new WriteGate(vertx);
      Runnable commit = () -> {
        embedded.write();
        embedded.sync();
      };
      CommitJournal journal = new CommitJournal(vertx, dir, settings.fsync(), commit,
          () -> gate.alone(commit));
      journal.recover(entry -> Records.replay(database, entry));
      Reactive reactive = new Reactive(vertx);
      MongoDocumentStore documents = new MongoDocumentStore(vertx, reactive, client, database, journal, gate, () -> {
        journal.close();
        client.close();
        embedded.close();
      });
      return new Opened(documents, new Records(reactive, database, journal, gate, false));
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
    // Sign-ups alone wait for the unique email index: a database it cannot be built on still serves logins.
    opened.accounts().createIndexes();
    return opened.documents().createIndexes()
        .compose(v -> opened.sessions().createIndexes())
        .compose(v -> opened.accessTokens().createIndexes())
        .compose(v -> opened.invites().createIndexes())
        .compose(v -> opened.emailInvites().createIndexes())
        .compose(v -> opened.outbox().createIndexes())
        .compose(v -> opened.interactiveInvites().createIndexes())
        .map(v -> opened);
  }
}

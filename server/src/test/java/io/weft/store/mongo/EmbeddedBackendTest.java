package io.weft.store.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoWriteException;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;

/** The embedded store's value-ordered unique indexes, and the move to them from a store written before. */
class EmbeddedBackendTest {

  @Test
  void documentsAndIndexKeysComeBackFromTheFileAsTheyWereWritten() throws Exception {
    Path dir = Files.createTempDirectory("weft-index");
    List<Document> written = new ArrayList<>();
    // Ids and versions out of order, of mixed lengths, so a wrong key order would lose some of them.
    for (int i = 0; i < 500; i++) {
      int n = (i * 7919) % 500;
      written.add(new Document("_id", "doc" + n + "/" + (n % 13)).append("doc", "d" + (n % 9)).append("v", n)
          .append("long", 1L << 40 | n).append("double", n / 3.0).append("flag", n % 2 == 0).append("none", null)
          .append("when", new Date(1_700_000_000_000L + n)).append("oid", new ObjectId())
          .append("bytes", new Binary(new byte[] {1, 2, (byte) n})).append("text", "é☃𝄞 " + n)
          .append("nested", new Document("list", List.of(1, "two", new Document("three", 3.5))).append("empty", List.of())));
    }
    try (EmbeddedMongo mongo = EmbeddedMongo.start(dir);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoCollection<Document> records = client.getDatabase("weft").getCollection("records");
      Reactive.await(records.createIndex(Indexes.ascending("doc", "v"), new IndexOptions().unique(true)));
      Reactive.await(records.createIndex(Indexes.ascending("when"), new IndexOptions().unique(true)));
      for (Document record : written) {
        Reactive.await(records.insertOne(record));
      }
      assertFoundByEveryIndex(written, records);
      mongo.write();
    }
    try (EmbeddedMongo mongo = EmbeddedMongo.start(dir);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoCollection<Document> records = client.getDatabase("weft").getCollection("records");
      assertFoundByEveryIndex(written, records);
      assertDuplicate(new Document("_id", "doc7/7").append("doc", "other").append("v", -1), records);
      assertDuplicate(new Document("_id", "fresh").append("doc", "d7").append("v", 7), records);
      assertDuplicate(new Document("_id", "late").append("when", new Date(1_700_000_000_007L)), records);
      assertEquals(500L, Reactive.await(records.countDocuments()));
    }
  }

  private static void assertFoundByEveryIndex(List<Document> written, MongoCollection<Document> records) {
    for (Document record : written) {
      assertEquals(record, Reactive.await(records.find(Filters.eq("_id", record.get("_id"))).first()));
      assertEquals(record.get("_id"), Reactive.await(records.find(
          Filters.and(Filters.eq("doc", record.get("doc")), Filters.eq("v", record.get("v")))).first()).get("_id"));
    }
  }

  @Test
  void aStoreWrittenWithSerialisedIndexesIsReindexedWhenOpened() throws Exception {
    Path dir = Files.createTempDirectory("weft-old-index");
    Path file = dir.resolve("weft.mv");
    MVStore oldStore = new MVStore.Builder().fileName(file.toString()).open();
    MongoServer oldServer = new MongoServer(new H2Backend(oldStore));
    InetSocketAddress address = oldServer.bind();
    try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
      MongoCollection<Document> records = client.getDatabase("weft").getCollection("records");
      Reactive.await(records.createIndex(Indexes.ascending("doc", "v"), new IndexOptions().unique(true)));
      for (int v = 0; v < 50; v++) {
        Reactive.await(records.insertOne(new Document("_id", "a/" + v).append("doc", "a").append("v", v)));
      }
    }
    oldServer.shutdownNow();
    oldStore.close();
    MVStore written = reopen(file);
    assertTrue(written.getMapNames().stream().anyMatch(name -> name.contains("._index_")),
        "the old store keeps its indexes in serialised-order maps");
    written.close();

    try (EmbeddedMongo mongo = EmbeddedMongo.start(dir);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoCollection<Document> records = client.getDatabase("weft").getCollection("records");
      for (int v = 0; v < 50; v++) {
        assertEquals(v, Reactive.await(records.find(Filters.eq("_id", "a/" + v)).first()).get("v"));
        assertEquals("a/" + v, Reactive.await(records.find(
            Filters.and(Filters.eq("doc", "a"), Filters.eq("v", v))).first()).get("_id"));
      }
      assertDuplicate(new Document("_id", "b").append("doc", "a").append("v", 3), records);
      // Rewritten in the new format, beside documents still in the old one.
      Reactive.await(records.updateOne(Filters.eq("_id", "a/3"), Updates.set("note", "rewritten")));
      mongo.write();
    }
    MVStore reopened = reopen(file);
    assertFalse(reopened.getMapNames().stream().anyMatch(name -> name.contains("._index_")),
        "the serialised-order maps are gone: " + reopened.getMapNames());
    reopened.close();

    try (EmbeddedMongo mongo = EmbeddedMongo.start(dir);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoCollection<Document> records = client.getDatabase("weft").getCollection("records");
      for (int v = 0; v < 50; v++) {
        Document record = Reactive.await(records.find(Filters.eq("_id", "a/" + v)).first());
        assertEquals(v, record.get("v"));
        assertEquals(v == 3 ? "rewritten" : null, record.get("note"));
      }
    }
  }

  private static MVStore reopen(Path file) {
    return new MVStore.Builder().fileName(file.toString()).readOnly().open();
  }

  private static void assertDuplicate(Document record, MongoCollection<Document> records) {
    CompletionException refused = assertThrows(CompletionException.class, () -> Reactive.await(records.insertOne(record)));
    assertTrue(refused.getCause() instanceof MongoWriteException, "refused as a duplicate: " + refused.getCause());
  }
}

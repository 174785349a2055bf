package io.weft.store.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.bwaldvogel.mongo.backend.KeyValue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.weft.json.Json;
import io.weft.ot.Json0;
import io.weft.store.DocKey;
import io.weft.store.StoredOp;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Start-up after a stop that was not clean. Checkpoints commit the embedded store while writes go on,
 * so a file may hold a document whose index entry was still being written; the journal left behind
 * makes the next start rebuild the indexes from the documents, then replay it.
 */
class UncleanStopTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close();
  }

  @Test
  void aDocumentItsIndexMissedIsFoundAgainAfterAnUncleanStop() throws Exception {
    Path dir = Files.createTempDirectory("weft-unclean");
    DocKey key = new DocKey("webstrates", "half-written");
    MongoStores.Opened first = open(dir);
    assertFalse(await(first.documents().commit(key, ops(0, 3))).conflict());
    assertFalse(await(first.documents().commit(key, ops(3, 2))).conflict());
    await(first.documents().close());

    // What a checkpoint taken in the middle of the second commit's insert can leave, and its journal.
    MVStore file = new MVStore.Builder().fileName(dir.resolve("weft.mv").toString()).open();
    MVMap<KeyValue, Object> ids = file.openMap("weft.ops._ordered_index__id_",
        new MVMap.Builder<KeyValue, Object>().keyType(IndexKeyType.INSTANCE));
    assertNotNull(ids.remove(new KeyValue(OpCodec.recordId(key, 3))), "the record's index entry was there");
    file.close();
    Files.createFile(dir.resolve("journal-000000000099"));

    MongoStores.Opened second = open(dir);
    List<StoredOp> log = await(second.documents().ops(key, 0, Long.MAX_VALUE));
    assertEquals(5, log.size(), "every op of the log is read back");
    assertEquals(4, log.get(4).version());
    assertTrue(await(second.documents().commit(key, ops(3, 1))).conflict(), "version 3 is taken");
    await(second.documents().close());
  }

  @Test
  void journalEntriesOfBothFormatsAreReplayed() throws Exception {
    Path dir = Files.createTempDirectory("weft-journal-formats");
    DocKey key = new DocKey("webstrates", "replayed");
    // As journals were written before entries were BSON: the record as extended JSON.
    byte[] json = OpCodec.encodeRecord(key, ops(0, 2)).toJson().getBytes(StandardCharsets.UTF_8);
    CRC32 crc = new CRC32();
    crc.update(json);
    ByteBuffer older = ByteBuffer.allocate(8 + json.length).putInt(json.length).putInt((int) crc.getValue()).put(json);
    byte[] newer = JournalEntries.encode(OpCodec.encodeRecord(key, ops(2, 3)));
    byte[] torn = Arrays.copyOf(JournalEntries.encode(OpCodec.encodeRecord(key, ops(5, 1))), 20);
    Files.write(dir.resolve("journal-000000000001"), concat(older.array(), newer, torn));

    MongoStores.Opened opened = open(dir);
    List<StoredOp> log = await(opened.documents().ops(key, 0, Long.MAX_VALUE));
    assertEquals(5, log.size(), "both whole entries are replayed, the torn one is not");
    assertEquals("[{\"p\":[\"k4\"],\"oi\":4}]", log.get(4).opJson());
    await(opened.documents().close());
  }

  private static byte[] concat(byte[]... parts) {
    ByteBuffer all = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
    for (byte[] part : parts) {
      all.put(part);
    }
    return all.array();
  }

  private MongoStores.Opened open(Path dir) {
    return await(MongoStores.open(vertx, new MongoStores.Settings("", "weft", dir, false)));
  }

  private static List<StoredOp> ops(int from, int count) throws Exception {
    List<StoredOp> ops = new ArrayList<>();
    for (int v = from; v < from + count; v++) {
      String json = "[{\"p\":[\"k" + v + "\"],\"oi\":" + v + "}]";
      ops.add(StoredOp.edit(v, "src", v, Json0.parse(Json.parse(json)), json, 1L));
    }
    return ops;
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

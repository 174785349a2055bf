package io.weft.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.weft.json.Json;
import io.weft.store.mongo.EmbeddedMongo;
import io.weft.testing.OtClient;
import io.weft.testing.Pages;
import io.weft.testing.Publishers;
import io.weft.testing.RecordingClient;
import io.weft.testing.TestServer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Two Weft servers sharing one MongoDB must never commit two ops at the same version: clients on both
 * edit one document at once, every op is eventually acknowledged (a server that loses the race for a
 * version catches up and retries), and the op log left in the database is one gap-free chain holding
 * each acknowledged op exactly once.
 */
class ConcurrentWritersTest {
  private static final String DOC = "two-writers";
  private static final int CLIENTS_PER_SERVER = 3;
  private static final int OPS_PER_CLIENT = 40;
  /** Each client keeps at most this many edits unacknowledged, so both servers always have work queued. */
  private static final int WINDOW = 3;
  private static final long RUN_MILLIS = 60_000;

  /** An acknowledged submission and the attribute it added. */
  private record Acked(String client, String src, long seq, long version, String attribute) {
  }

  @Test
  void twoServersOnOneDatabaseNeverCommitTwoOpsAtTheSameVersion() throws Exception {
    try (EmbeddedMongo mongo = EmbeddedMongo.start(Files.createTempDirectory("weft-shared-mongo"))) {
      Map<String, String> shared = Map.of("mongo.uri", mongo.connectionString());
      List<Acked> acked = new ArrayList<>();
      Map<String, Set<String>> expected = new ConcurrentHashMap<>();
      try (TestServer a = TestServer.start(shared); TestServer b = TestServer.start(shared)) {
        try (RecordingClient creator = a.connect(DOC)) {
          assertNull(creator.create(DOC, Pages.skeleton(DOC)).get("error"));
        }
        List<OtClient> clients = new ArrayList<>();
        try {
          for (TestServer server : List.of(a, b)) {
            String which = server == a ? "A" : "B";
            for (int i = 0; i < CLIENTS_PER_SERVER; i++) {
              String name = "server" + which + "-client" + i;
              OtClient c = OtClient.open(server.port(), DOC, name, false);
              c.onAck(ack -> {
                synchronized (acked) {
                  String attribute = (String) ack.op().get(0).path().get(1);
                  acked.add(new Acked(name, ack.src(), ack.seq(), ack.version(), attribute));
                }
              });
              clients.add(c);
            }
          }
          int[] made = new int[clients.size()];
          long deadline = System.currentTimeMillis() + RUN_MILLIS;
          boolean done = false;
          for (int round = 0; !done; round++) {
            assertTrue(System.currentTimeMillis() < deadline && round < 1_000_000,
                "not every op was acknowledged in time: " + describe(clients));
            done = true;
            for (int i = 0; i < clients.size(); i++) {
              OtClient c = clients.get(i);
              c.assertNoErrors();
              if (made[i] < OPS_PER_CLIENT && c.outstanding() < WINDOW) {
                String key = c.name() + "-" + made[i]++;
                expected.computeIfAbsent(c.name(), k -> ConcurrentHashMap.newKeySet()).add(key);
                c.edit(doc -> List.of(Pages.setHtmlAttribute(key, "v")));
              }
              done &= made[i] == OPS_PER_CLIENT && c.outstanding() == 0;
            }
            Thread.sleep(1);
          }
          clients.forEach(OtClient::assertNoErrors);
        } finally {
          clients.forEach(OtClient::close);
        }
      }
      int total = clients() * OPS_PER_CLIENT;
      synchronized (acked) {
        assertEquals(total, acked.size(), "every op acknowledged exactly once");
      }
      System.out.printf("two writers: %d ops acknowledged, versions %d..%d%n", acked.size(),
          acked.stream().mapToLong(Acked::version).min().orElse(-1),
          acked.stream().mapToLong(Acked::version).max().orElse(-1));

      List<Map<String, Object>> log = opLog(mongo.connectionString());
      assertEquals(total + 1, log.size(), "the log holds the create and every op, nothing else");
      Map<String, Map<String, Object>> bySubmission = new HashMap<>();
      for (Map<String, Object> op : log) {
        Object previous = bySubmission.put(op.get("src") + "/" + op.get("seq"), op);
        assertNull(previous, "one submission committed twice: " + op + " and " + previous);
      }
      for (Acked ack : acked) {
        Map<String, Object> op = bySubmission.get(ack.src() + "/" + ack.seq());
        assertTrue(op != null, "acknowledged op missing from the log: " + ack);
        assertEquals(ack.version(), op.get("version"), "acknowledged at the version it was committed at: " + ack);
        assertTrue(Json.encode(op.get("op")).contains("\"" + ack.attribute() + "\""), "the op of " + ack);
      }

      // A fresh server reading the same database sees all of it.
      try (TestServer fresh = TestServer.start(Map.of("mongo.uri", mongo.connectionString()))) {
        Map<?, ?> v = (Map<?, ?>) Json.parse(fresh.get("/" + DOC + "/?v").body());
        assertEquals(total + 1L, ((Number) v.get("version")).longValue(), "version = create + every op");
        List<?> page = (List<?>) Json.parse(fresh.get("/" + DOC + "/?json").body());
        Set<String> missing = new TreeSet<>();
        expected.values().forEach(missing::addAll);
        missing.removeAll(((Map<?, ?>) page.get(1)).keySet());
        assertTrue(missing.isEmpty(), "attributes missing from the document: " + missing);
      }
    }
  }

  private static int clients() {
    return 2 * CLIENTS_PER_SERVER;
  }

  /**
   * The document's op log straight from the database, one entry per version with its src, seq and op;
   * asserts on the way that the commit records form one chain, each version exactly once.
   */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> opLog(String uri) throws Exception {
    List<Document> records;
    try (MongoClient client = MongoClients.create(uri)) {
      records = Publishers.all(client.getDatabase("weft").getCollection("ops").find(Filters.eq("d", DOC)));
    }
    records.sort(Comparator.comparingLong(r -> r.get("v", Number.class).longValue()));
    List<Map<String, Object>> log = new ArrayList<>();
    long next = 0;
    for (Document record : records) {
      long v = record.get("v", Number.class).longValue();
      long n = record.get("n", Number.class).longValue();
      assertEquals(next, v, "commit record " + record.get("_id") + " must start where the previous one ended "
          + "(a smaller start is two ops at one version, a larger one a gap)");
      assertEquals("webstrates/" + DOC + "/" + v, record.get("_id"));
      Object ops = record.get("ops");
      // One JSON text, or (older records) an array of sub-documents.
      List<Object> entries = ops instanceof String text ? (List<Object>) Json.parse(text)
          : new ArrayList<>((List<?>) ops);
      assertEquals(n, entries.size(), "record " + record.get("_id") + " holds n ops");
      for (Object entry : entries) {
        Map<String, Object> e = entry instanceof Document d ? (Map<String, Object>) Json.parse(d.toJson())
            : (Map<String, Object>) entry;
        Map<String, Object> op = new HashMap<>(e);
        if (op.get("op") instanceof String text) {
          op.put("op", Json.parse(text));
        }
        op.put("version", next++);
        op.put("seq", ((Number) op.get("seq")).longValue());
        log.add(op);
      }
    }
    return log;
  }

  private static String describe(List<OtClient> clients) {
    StringBuilder out = new StringBuilder();
    for (OtClient c : clients) {
      out.append("\n  ").append(c.describe());
    }
    return out.toString();
  }
}

package io.weft.doc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.json.Json;
import io.weft.testing.ChildServer;
import io.weft.testing.OtClient;
import io.weft.testing.Pages;
import io.weft.testing.RecordingClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every acknowledged op survives {@code kill -9}: a server in a child JVM takes a steady stream of
 * edits from several clients on a few documents, is killed with SIGKILL while ops are in flight, and
 * a new server on the same data directory must have every op it acknowledged. Twice in a row, so the
 * second kill also hits a server that has just recovered.
 */
class DurabilityTest {
  private static final List<String> DOCS = List.of("durable-a", "durable-b", "durable-c");
  private static final int CLIENTS_PER_DOC = 3;
  /** Each client keeps at most this many edits unacknowledged. */
  private static final int WINDOW = 3;
  /** Acknowledged ops per cycle before the kill. */
  private static final int ACKS_BEFORE_KILL = 150;
  private static final long CYCLE_MILLIS = 30_000;

  /** Attribute keys whose op was acknowledged, per document; every one must survive. */
  private final Map<String, Set<String>> acked = new ConcurrentHashMap<>();
  /** Acknowledged ops per document (each adds exactly one attribute). */
  private final Map<String, AtomicInteger> ackedOps = new ConcurrentHashMap<>();

  @Test
  void everyAcknowledgedOpSurvivesKillNine() throws Exception {
    Path dataDir = Files.createTempDirectory("weft-durability");
    for (String doc : DOCS) {
      acked.put(doc, ConcurrentHashMap.newKeySet());
      ackedOps.put(doc, new AtomicInteger());
    }
    ChildServer server = ChildServer.start(dataDir);
    try {
      for (String doc : DOCS) {
        try (RecordingClient creator = RecordingClient.connect(server.port(), "/" + doc + "/")) {
          assertNull(creator.create(doc, Pages.skeleton(doc)).get("error"), "create " + doc);
        }
      }
      for (int cycle = 1; cycle <= 2; cycle++) {
        loadAndKill(server, cycle);
        server = ChildServer.start(dataDir);
        assertEveryAcknowledgedOpIsThere(server, "after kill " + cycle);
      }
      assertDocumentsStillTakeEdits(server);
      assertEquals(143, server.stop(), "SIGTERM: the shutdown hook runs and the JVM exits with 128 + 15; log:\n"
          + server.log());
      deleteRecursively(dataDir); // kept when the test fails, to look at
    } finally {
      server.close();
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }

  private void loadAndKill(ChildServer server, int cycle) throws Exception {
    List<OtClient> clients = new ArrayList<>();
    try {
      for (String doc : DOCS) {
        for (int i = 0; i < CLIENTS_PER_DOC; i++) {
          OtClient c = OtClient.open(server.port(), doc, "cycle" + cycle + "-" + doc + "-" + i, false)
              .failOnServerClose(false);
          c.onAck(ack -> recordAck(doc, ack));
          clients.add(c);
        }
      }
      int before = totalAcked();
      int[] next = new int[clients.size()];
      long deadline = System.currentTimeMillis() + CYCLE_MILLIS;
      for (int round = 0; totalAcked() - before < ACKS_BEFORE_KILL; round++) {
        assertTrue(System.currentTimeMillis() < deadline && round < 1_000_000,
            "only " + (totalAcked() - before) + " acks in time; server log:\n" + server.log());
        for (int i = 0; i < clients.size(); i++) {
          OtClient c = clients.get(i);
          if (c.outstanding() < WINDOW) {
            addAttribute(c, c.name() + "-" + next[i]++);
          }
        }
        Thread.sleep(1);
        clients.forEach(OtClient::assertNoErrors);
      }
      // Keep every client busy up to the moment of the kill.
      for (int i = 0; i < clients.size(); i++) {
        addAttribute(clients.get(i), clients.get(i).name() + "-" + next[i]++);
      }
      int exit = server.kill();
      assertEquals(137, exit, "SIGKILL ends the process with 128 + 9");
      assertFalse(server.process().isAlive());

      waitUntilOffline(clients);
      int unacknowledged = clients.stream().mapToInt(OtClient::outstanding).sum();
      System.out.printf("durability cycle %d: %d ops acknowledged before the kill, %d edits unacknowledged at it%n",
          cycle, totalAcked() - before, unacknowledged);
      assertTrue(unacknowledged > 0, "the kill came while ops were in flight");
      clients.forEach(OtClient::assertNoErrors);
    } finally {
      clients.forEach(OtClient::close);
    }
  }

  private void recordAck(String doc, OtClient.Ack ack) {
    for (var component : ack.op()) {
      List<Object> p = component.path();
      if (p.size() == 2 && Integer.valueOf(1).equals(p.get(0)) && component.kind().hasOi()) {
        acked.get(doc).add((String) p.get(1));
      }
    }
    ackedOps.get(doc).incrementAndGet();
  }

  private int totalAcked() {
    return ackedOps.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  private static void addAttribute(OtClient client, String key) {
    client.edit(doc -> List.of(Pages.setHtmlAttribute(key, "v")));
  }

  private static void waitUntilOffline(List<OtClient> clients) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    for (OtClient c : clients) {
      while (c.isOnline()) {
        assertTrue(System.currentTimeMillis() < deadline, c.name() + " never saw its socket close");
        Thread.sleep(10);
      }
    }
  }

  private void assertEveryAcknowledgedOpIsThere(ChildServer server, String when) {
    for (String doc : DOCS) {
      List<?> page = (List<?>) Json.parse(server.get("/" + doc + "/?json").body());
      Map<?, ?> attributes = (Map<?, ?>) page.get(1);
      Set<String> missing = new TreeSet<>(acked.get(doc));
      missing.removeAll(attributes.keySet());
      assertTrue(missing.isEmpty(), when + ": " + doc + " lost " + missing.size() + " of " + acked.get(doc).size()
          + " acknowledged ops, e.g. " + missing.stream().limit(5).toList() + "; server log:\n" + server.log());
      long version = version(server, doc);
      assertTrue(version >= ackedOps.get(doc).get() + 1L, when + ": " + doc + " is at version " + version
          + " but " + ackedOps.get(doc).get() + " ops after its create were acknowledged");
      System.out.printf("durability %s: %s at version %d has all %d acknowledged attributes%n", when, doc, version,
          acked.get(doc).size());
    }
  }

  private void assertDocumentsStillTakeEdits(ChildServer server) throws InterruptedException {
    for (String doc : DOCS) {
      try (OtClient c = OtClient.open(server.port(), doc, "after-" + doc)) {
        c.onAck(ack -> recordAck(doc, ack));
        addAttribute(c, "after-restart");
        long deadline = System.currentTimeMillis() + 10_000;
        while (c.outstanding() > 0) {
          c.assertNoErrors();
          assertTrue(System.currentTimeMillis() < deadline,
              "the edit of " + doc + " after the restart was not acknowledged");
          Thread.sleep(10);
        }
        c.assertNoErrors();
      }
    }
    assertEveryAcknowledgedOpIsThere(server, "after edits on the recovered server");
  }

  private static long version(ChildServer server, String doc) {
    Map<?, ?> v = (Map<?, ?>) Json.parse(server.get("/" + doc + "/?v").body());
    return ((Number) v.get("version")).longValue();
  }
}

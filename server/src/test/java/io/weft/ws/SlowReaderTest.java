package io.weft.ws;

import static io.weft.testing.Wire.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.testing.RecordingClient;
import io.weft.testing.TcpStates;
import io.weft.testing.TestServer;
import io.weft.testing.Wire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Sockets that stop reading while a page's signals keep coming (CJK text: 3 UTF-8 bytes per character):
 * the bytes queued to them are bounded per socket and over the server, and only they are closed.
 */
class SlowReaderTest {
  private static final int MIB = 1024 * 1024;
  /** Signals sent in each test, each {@link #SIGNAL_BYTES} long in UTF-8: 10 MiB, but only 3.4 M characters. */
  private static final int SIGNALS = 100;
  private static final int SIGNAL_BYTES = 100 * 1024;
  private static final String CJK = "漢字仮名交じり文";

  /** A signal payload of about {@link #SIGNAL_BYTES} UTF-8 bytes, numbered. */
  private static String cjkText(int n) {
    StringBuilder text = new StringBuilder(n + ":");
    while (text.length() * 3 < SIGNAL_BYTES) {
      text.append(CJK);
    }
    return text.toString();
  }

  /** A raw socket on the page, listening on "document", which stops reading once that is in place. */
  private static StalledSocket stalledListener(TestServer server, String docId) throws IOException {
    StalledSocket socket = new StalledSocket(server.port(), "/" + docId + "/");
    socket.readUntil(text -> text.contains("\"a\":\"init\""));
    socket.send(RecordingClient.message("s", docId));
    socket.readUntil(text -> text.contains("\"wa\":\"hello\""));
    socket.send(obj("wa", "subscribe", "d", docId, "id", "document", "token", "listening"));
    socket.readUntil(text -> text.contains("\"token\":\"listening\""));
    return socket;
  }

  private static RecordingClient onPage(TestServer server, String docId) {
    RecordingClient client = server.connect(docId);
    client.subscribe(docId);
    client.nextPresence();
    return client;
  }

  /** Publishes {@code count} signals and waits until {@code reader} has every one, in order. */
  private static void publish(RecordingClient publisher, RecordingClient reader, String docId, int count) {
    for (int i = 0; i < count; i++) {
      String text = cjkText(i);
      assertTrue(text.getBytes(StandardCharsets.UTF_8).length > 3 * text.length() - 10);
      publisher.send(obj("wa", "publish", "d", docId, "id", "document", "m", text));
    }
    for (int i = 0; i < count; i++) {
      Map<String, Object> signal = nextSignal(reader);
      assertEquals(cjkText(i), signal.get("m"), "signal " + i + " reached the reading socket");
    }
  }

  private static Map<String, Object> nextSignal(RecordingClient client) {
    while (true) {
      Map<String, Object> frame = client.nextPresence();
      if ("publish".equals(frame.get("wa"))) {
        return frame;
      }
    }
  }

  private static void assertAlive(RecordingClient client) {
    client.send(obj("a", "pp"));
    assertEquals(obj("a", "pp"), client.next());
  }

  @Test
  void aSocketPastItsQueueBoundInUtf8BytesIsClosedWith4429WhileItsCharactersAreUnderIt() throws IOException {
    // 10 MiB of signals: under 4 MiB counted in UTF-16 characters, over it in bytes, whatever the kernel buffers.
    try (TestServer server = TestServer.start(Map.of("ws.sendQueueBytes", String.valueOf(4 * MIB),
        "ws.closeTimeoutSeconds", "60"))) {
      try (RecordingClient creator = server.connect("slow1")) {
        Wire.createPage(creator, "slow1");
      }
      try (StalledSocket stalled = stalledListener(server, "slow1"); RecordingClient reader = onPage(server, "slow1");
          RecordingClient publisher = onPage(server, "slow1")) {
        reader.send(obj("wa", "subscribe", "d", "slow1", "id", "document", "token", 1));
        assertEquals(obj("wa", "reply", "token", 1, "reply", null), reader.next());

        publish(publisher, reader, "slow1", SIGNALS);

        assertEquals(4429, stalled.readToClose(), "the stalled socket is closed as a slow consumer");
        assertAlive(reader);
        assertAlive(publisher);
      }
    }
  }

  @Test
  void aSocketThatNeverReadsItsCloseIsCutAtTcpLevelSoTheServerDropsWhatItQueued() throws Exception {
    // The close frame waits behind the unread frames, so only cutting the connection frees them.
    Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "needs Linux's /proc/net/tcp");
    try (TestServer server = TestServer.start(Map.of("ws.sendQueueBytes", String.valueOf(4 * MIB),
        "ws.closeTimeoutSeconds", "1"))) {
      try (RecordingClient creator = server.connect("slow3")) {
        Wire.createPage(creator, "slow3");
      }
      try (StalledSocket stalled = stalledListener(server, "slow3"); RecordingClient reader = onPage(server, "slow3");
          RecordingClient publisher = onPage(server, "slow3")) {
        reader.send(obj("wa", "subscribe", "d", "slow3", "id", "document", "token", 1));
        assertEquals(obj("wa", "reply", "token", 1, "reply", null), reader.next());
        assertEquals(TcpStates.ESTABLISHED, TcpStates.serverSide(server.port()).get(stalled.localPort()));

        publish(publisher, reader, "slow3", SIGNALS);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        Integer state = TcpStates.ESTABLISHED;
        while (Integer.valueOf(TcpStates.ESTABLISHED).equals(state) && System.nanoTime() < deadline) {
          Thread.sleep(100);
          state = TcpStates.serverSide(server.port()).get(stalled.localPort());
        }
        assertNotEquals(Integer.valueOf(TcpStates.ESTABLISHED), state,
            "the server's side of the stalled connection is closed, not waiting on its close frame");
        assertAlive(reader);
        assertAlive(publisher);
      }
    }
  }

  @Test
  void whenTheServersTotalIsOverTheSocketsHoldingTheMostAreClosedAndTheReadingOneIsNot() throws IOException {
    // Each stalled socket stays under its own 16 MiB bound; together they pass the 4 MiB total.
    try (TestServer server = TestServer.start(Map.of("ws.totalSendQueueBytes", String.valueOf(4 * MIB),
        "ws.closeTimeoutSeconds", "60"))) {
      try (RecordingClient creator = server.connect("slow2")) {
        Wire.createPage(creator, "slow2");
      }
      List<StalledSocket> stalled = new ArrayList<>();
      try (RecordingClient reader = onPage(server, "slow2"); RecordingClient publisher = onPage(server, "slow2")) {
        for (int i = 0; i < 3; i++) {
          stalled.add(stalledListener(server, "slow2"));
        }
        reader.send(obj("wa", "subscribe", "d", "slow2", "id", "document", "token", 1));
        assertEquals(obj("wa", "reply", "token", 1, "reply", null), reader.next());

        publish(publisher, reader, "slow2", SIGNALS);
        for (StalledSocket socket : stalled) {
          assertEquals(4429, socket.readToClose(), "every stalled socket is closed as a slow consumer");
        }
        assertAlive(reader);
        assertAlive(publisher);
        // With the stalled ones gone, the reading socket keeps getting what is published.
        publish(publisher, reader, "slow2", 10);
        assertAlive(reader);
      } finally {
        for (StalledSocket socket : stalled) {
          socket.close();
        }
      }
    }
  }
}

package io.weft.bench;

import io.vertx.core.Future;
import io.weft.testing.TcpStates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sockets subscribed to a busy document that stop reading (small receive buffers, then no reads), so
 * what the server sends them piles up on its side until it closes them. While they do not read, the
 * server's close frame cannot reach them, so whether the server has closed one is read from its side
 * of the TCP connection ({@link TcpStates}); at the end they read again, dropping what comes, to learn
 * the close codes.
 */
final class SlowReaders {
  /** Keep-alives, as browsers send them, so the idle timeout is not what closes them. */
  private static final long KEEP_ALIVE_MILLIS = 25_000;

  private final Connector connector;
  private final List<LoadClient> readers;
  private final int serverPort;
  /** Seconds into the load at which each reader was first seen closed by the server, or -1. */
  private final double[] closedAt;
  private long keepAlive = -1;

  private SlowReaders(Connector connector, List<LoadClient> readers, int serverPort) {
    this.connector = connector;
    this.readers = readers;
    this.serverPort = serverPort;
    this.closedAt = new double[readers.size()];
    java.util.Arrays.fill(closedAt, -1);
  }

  /** Opens {@code count} sockets on {@code docId}, subscribes each, then stops reading all of them. */
  static SlowReaders open(Connector connector, ServerProcess server, String docId, int count) {
    List<Future<LoadClient>> opening = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      // Readers live on the second loop: the well-behaved editors keep the first one busy.
      opening.add(connector.connectSmallBuffer(server.url(), docId, 100 + i, 1)
          .compose(c -> c.subscribe().map(c)));
    }
    List<LoadClient> readers = new ArrayList<>(Connector.await(Future.all(opening), 300).list());
    readers.forEach(LoadClient::stopReading);
    SlowReaders slow = new SlowReaders(connector, readers, server.port);
    slow.keepAlive = connector.vertx.setPeriodic(KEEP_ALIVE_MILLIS, t -> readers.forEach(c -> c.send(WireMessages.ALIVE)));
    return slow;
  }

  /** Notes which readers the server has closed by now; call every few seconds during the load. */
  void sample(double secondsIntoLoad) {
    Map<Integer, Integer> states = TcpStates.serverSide(serverPort);
    for (int i = 0; i < readers.size(); i++) {
      Integer state = states.get(readers.get(i).localPort());
      if (closedAt[i] < 0 && (state == null || state != TcpStates.ESTABLISHED)) {
        closedAt[i] = secondsIntoLoad;
      }
    }
  }

  int count() {
    return readers.size();
  }

  /** Readers the server had closed by the last sample. */
  int closedByServer() {
    int n = 0;
    for (double at : closedAt) {
      n += at >= 0 ? 1 : 0;
    }
    return n;
  }

  /** When the first and the last reader were seen closed, in seconds into the load ("–" if none). */
  String closeTimes() {
    double first = Double.MAX_VALUE;
    double last = -1;
    for (double at : closedAt) {
      if (at >= 0) {
        first = Math.min(first, at);
        last = Math.max(last, at);
      }
    }
    return last < 0 ? "–" : String.format("%.0f–%.0f s", first, last);
  }

  /**
   * Reads every socket again, dropping what comes, until each has closed or {@code waitMillis} passed;
   * then closes the rest. Returns the close codes seen ("open" for those the server never closed,
   * "none" for a connection dropped without a close frame).
   */
  Map<String, Integer> finish(long waitMillis) {
    connector.vertx.cancelTimer(keepAlive);
    readers.forEach(LoadClient::drainUnread);
    long deadline = System.currentTimeMillis() + waitMillis;
    while (System.currentTimeMillis() < deadline && readers.stream().anyMatch(c -> !c.isClosed())) {
      LoadRun.sleep(100);
    }
    Map<String, Integer> codes = new TreeMap<>();
    for (LoadClient c : readers) {
      String code = !c.isClosed() ? "open" : c.closeCode() < 0 ? "none" : String.valueOf(c.closeCode());
      codes.merge(code, 1, Integer::sum);
      if (!c.isClosed()) {
        c.close();
      }
    }
    return codes;
  }
}

package io.weft.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * An attacker's op flood: a few anonymous sockets, each on a document of its own, sending ops as fast
 * as their socket takes them without waiting for acks (at most {@code maxOpsPerSocket} each). Only
 * the client's own send buffer paces them, so a server that reads on without bound takes it all.
 */
final class OpFlood {
  /** Ops written before giving the event loop back to the other clients on it. */
  private static final int BURST = 64;

  private final List<LoadClient> sockets;
  private final long maxOpsPerSocket;
  private final LongAdder sent = new LongAdder();
  private final LongAdder acked = new LongAdder();
  private final Map<String, Long> refusals = new TreeMap<>();
  private volatile boolean stopping;
  private volatile Map<String, Integer> serverCloses;

  private OpFlood(List<LoadClient> sockets, long maxOpsPerSocket) {
    this.sockets = sockets;
    this.maxOpsPerSocket = maxOpsPerSocket;
  }

  /** Connects, creates and subscribes to a document per socket (ops need a subscription); {@link #start} floods. */
  static OpFlood open(Connector connector, String url, String prefix, int count, long maxOpsPerSocket) {
    List<LoadClient> sockets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      LoadClient c = Connector.await(connector.connect(url, prefix + "-" + i, 0, 0), 30);
      Connector.await(c.create(Fleet.PAGE), 30);
      Connector.await(c.subscribe(), 30);
      sockets.add(c);
    }
    return new OpFlood(sockets, maxOpsPerSocket);
  }

  void start() {
    for (LoadClient c : sockets) {
      c.context.runOnContext(v -> {
        String src = c.src();
        c.divert(f -> {
          if (!"op".equals(f.a)) {
            return;
          }
          if (f.isError()) {
            synchronized (refusals) {
              refusals.merge(f.errorCode, 1L, Long::sum);
            }
          } else if (src.equals(f.src)) {
            acked.increment();
          }
        });
        pump(c, new long[1], new String[1]);
      });
    }
  }

  /** Writes a burst, then goes on when the loop is free again, or once the send buffer has drained. */
  private void pump(LoadClient c, long[] count, String[] last) {
    for (int i = 0; i < BURST; i++) {
      if (stopping || c.isClosed() || count[0] >= maxOpsPerSocket) {
        return;
      }
      if (c.writeQueueFull()) {
        c.onDrain(() -> pump(c, count, last));
        return;
      }
      String value = "f" + ++count[0];
      c.send(WireMessages.op(c.docId, -1, c.src(), c.nextSeq(), WireMessages.setHtmlAttribute("data-flood", value, last[0])));
      last[0] = value;
      sent.increment();
    }
    c.context.runOnContext(v -> pump(c, count, last));
  }

  void stop() {
    stopping = true;
  }

  /** Closes the sockets the server left open, once: what the server closed before is kept for {@link #closes}. */
  void close() {
    if (serverCloses == null) {
      serverCloses = closedSoFar();
      sockets.forEach(LoadClient::close);
    }
  }

  long sent() {
    return sent.sum();
  }

  long acked() {
    return acked.sum();
  }

  Map<String, Long> refusals() {
    synchronized (refusals) {
      return new TreeMap<>(refusals);
    }
  }

  /** Close codes of the sockets the server closed. */
  Map<String, Integer> closes() {
    return serverCloses != null ? serverCloses : closedSoFar();
  }

  private Map<String, Integer> closedSoFar() {
    Map<String, Integer> codes = new TreeMap<>();
    sockets.stream().filter(LoadClient::isClosed)
        .forEach(c -> codes.merge(c.closeCode() < 0 ? "none" : String.valueOf(c.closeCode()), 1, Integer::sum));
    return codes;
  }
}

package io.weft.bench;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The well-behaved clients of the soak: one document, ten clients editing closed loop as the load
 * shapes do. Every acknowledged op is noted (the client's src, the op's seq, the value it set), so that
 * afterwards {@link StoredOnce} can check the server stored each exactly once.
 */
final class SoakEditors implements ClientListener {
  private static final long DRAIN_MILLIS = 30_000;

  final String docId;
  private final Fleet fleet;
  private final Acked[] acked;
  private final LatencyRecorder ackLatency = new LatencyRecorder();
  private final LongAdder acks = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final AtomicLong inFlight = new AtomicLong();
  private volatile boolean stopping;
  private volatile String firstRefusal;

  /** The acknowledged ops of one client, in order: seq and the µs stamp of the value it set. */
  static final class Acked {
    final String src;
    long[] seqs = new long[1024];
    long[] stamps = new long[1024];
    int size;

    Acked(String src) {
      this.src = src;
    }

    void add(long seq, long stamp) {
      if (size == seqs.length) {
        seqs = Arrays.copyOf(seqs, size * 2);
        stamps = Arrays.copyOf(stamps, size * 2);
      }
      seqs[size] = seq;
      stamps[size++] = stamp;
    }

    /** Index of {@code seq} among the acknowledged ops, or negative. */
    int indexOf(long seq) {
      return Arrays.binarySearch(seqs, 0, size, seq);
    }
  }

  private SoakEditors(Fleet fleet, String docId) {
    this.fleet = fleet;
    this.docId = docId;
    this.acked = new Acked[fleet.clients.size()];
    for (int i = 0; i < acked.length; i++) {
      acked[i] = new Acked(fleet.clients.get(i).src());
    }
  }

  static SoakEditors open(Connector connector, String url, Shape shape, String prefix) {
    Fleet fleet = Fleet.open(connector, url, shape, prefix);
    return new SoakEditors(fleet, fleet.clients.get(0).docId);
  }

  void start() {
    fleet.keepAlive(25);
    fleet.clients.forEach(c -> c.listen(this));
    fleet.clients.forEach(c -> c.context.runOnContext(v -> submit(c)));
  }

  /** Stops sending and waits (bounded) for the ops in flight, so that every ack that will come has come. */
  void stop() {
    stopping = true;
    long deadline = System.currentTimeMillis() + DRAIN_MILLIS;
    while (awaitingAnswer() && System.currentTimeMillis() < deadline) {
      LoadRun.sleep(10);
    }
  }

  void close() {
    fleet.close();
  }

  private boolean submit(LoadClient c) {
    if (stopping || c.isClosed() || !c.submitEdit()) {
      return false;
    }
    inFlight.incrementAndGet();
    return true;
  }

  @Override
  public void acked(LoadClient client) {
    inFlight.decrementAndGet();
    long stamp = Long.parseLong(client.lastValue().substring(1));
    ackLatency.record(Clock.micros() - stamp);
    acked[Integer.parseInt(client.key.substring("data-c".length()))].add(client.lastSeq(), stamp);
    acks.increment();
    submit(client);
  }

  @Override
  public void delivered(LoadClient client, WireFrame op) {
  }

  @Override
  public void rejected(LoadClient client, WireFrame error) {
    inFlight.decrementAndGet();
    refused.increment();
    if (firstRefusal == null) {
      firstRefusal = error.errorCode + " (" + error.errorMessage + ")";
    }
    submit(client);
  }

  long acks() {
    return acks.sum();
  }

  long refused() {
    return refused.sum();
  }

  String firstRefusal() {
    return firstRefusal;
  }

  /** Ops sent and never answered (in flight when a socket closed or when the wait ran out). */
  long unanswered() {
    return inFlight.get();
  }

  List<Acked> acked() {
    return List.of(acked);
  }

  /** Clients whose socket has closed. */
  long closed() {
    return fleet.clients.stream().filter(LoadClient::isClosed).count();
  }

  /** An open client still has an op in flight: its answer may yet come. */
  private boolean awaitingAnswer() {
    return fleet.clients.stream().anyMatch(c -> c.hasInFlight() && !c.isClosed());
  }

  LatencySummary ackLatency() {
    return ackLatency.summarize();
  }
}

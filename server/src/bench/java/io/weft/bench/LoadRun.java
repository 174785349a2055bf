package io.weft.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Drives one workload over an open fleet and measures it as load.js does: commits (acks) and
 * deliveries per second over the measured window, and for every delivery the time since its sender
 * stamped it. After the window it stops sending and waits for the ops in flight, so the next run
 * starts on a quiet server.
 */
final class LoadRun implements ClientListener {
  private static final long DRAIN_MILLIS = 15_000;

  private final Connector connector;
  private final Fleet fleet;
  private final Workload workload;
  private final LatencyRecorder latency = new LatencyRecorder();
  private final LongAdder acks = new LongAdder();
  private final LongAdder deliveries = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder skipped = new LongAdder();
  private final AtomicLong inFlight = new AtomicLong();
  private final List<Long> timers = new ArrayList<>();
  private volatile boolean measuring;
  private volatile boolean stopping;
  private volatile String firstError;

  private LoadRun(Connector connector, Fleet fleet, Workload workload) {
    this.connector = connector;
    this.fleet = fleet;
    this.workload = workload;
  }

  /** Opens the shape's sockets on fresh documents, runs the workload, closes them. */
  static LoadResult measure(Connector connector, String url, String server, Workload workload, String prefix) {
    Fleet fleet = Fleet.open(connector, url, workload.shape(), prefix);
    try {
      return run(connector, fleet, workload, server);
    } finally {
      fleet.close();
    }
  }

  /** Runs {@code workload} on clients that are already connected and subscribed. */
  static LoadResult run(Connector connector, Fleet fleet, Workload workload, String server) {
    return new LoadRun(connector, fleet, workload).execute(server);
  }

  private LoadResult execute(String server) {
    fleet.clients.forEach(c -> c.listen(this));
    start();
    sleep(workload.warmMillis());
    long begin = System.nanoTime();
    measuring = true;
    sleep(workload.secs() * 1000L);
    measuring = false;
    double elapsed = (System.nanoTime() - begin) / 1e9;
    stopping = true;
    stopTimers();
    drain();
    connector.barrier(); // no handler that saw measuring == true is still recording
    fleet.clients.forEach(c -> c.listen(ClientListener.NONE));
    if (firstError != null) {
      System.err.println("  " + server + " " + workload.shape().label() + ": " + errors.sum() + " ops refused, first: "
          + firstError);
    }
    return new LoadResult(server, workload.shape().label(), workload.shape().docs(), workload.shape().clients(),
        workload.mode(), workload.ratePerClient(), round(elapsed), workload.offeredPerSec(),
        round(acks.sum() / elapsed), round(deliveries.sum() / elapsed), latency.summarize(), errors.sum(),
        skipped.sum());
  }

  private void start() {
    if (workload.closedLoop()) {
      for (LoadClient c : fleet.clients) {
        c.context.runOnContext(v -> submit(c));
      }
      return;
    }
    long period = Math.max(1, Math.round(1000 / workload.ratePerClient()));
    for (LoadClient c : fleet.clients) {
      // Independent clients: each starts at a random point of its period instead of all at once.
      long first = 1 + ThreadLocalRandom.current().nextLong(period);
      c.context.runOnContext(v -> {
        long id = connector.vertx.setPeriodic(first, period, t -> tick(c));
        synchronized (timers) {
          timers.add(id);
        }
      });
    }
  }

  private void tick(LoadClient c) {
    if (!stopping && !submit(c) && measuring) {
      skipped.increment();
    }
  }

  private boolean submit(LoadClient c) {
    if (stopping || !c.submitEdit()) {
      return false;
    }
    inFlight.incrementAndGet();
    return true;
  }

  @Override
  public void acked(LoadClient client) {
    inFlight.decrementAndGet();
    if (measuring) {
      acks.increment();
    }
    if (workload.closedLoop()) {
      submit(client);
    }
  }

  @Override
  public void delivered(LoadClient client, WireFrame op) {
    if (!measuring || op.stampCount == 0) {
      return;
    }
    long now = Clock.micros();
    for (int i = 0; i < op.stampCount; i++) {
      latency.record(now - op.stamps[i]);
    }
    deliveries.add(op.stampCount);
  }

  @Override
  public void rejected(LoadClient client, WireFrame error) {
    inFlight.decrementAndGet();
    errors.increment();
    if (firstError == null) {
      firstError = error.errorCode + " on " + client.docId;
    }
    if (workload.closedLoop()) {
      submit(client);
    }
  }

  private void stopTimers() {
    synchronized (timers) {
      timers.forEach(connector.vertx::cancelTimer);
    }
  }

  private void drain() {
    long deadline = System.currentTimeMillis() + DRAIN_MILLIS;
    while (inFlight.get() > 0 && System.currentTimeMillis() < deadline) {
      sleep(10);
    }
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

package io.weft.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Judges a soak once its load has stopped: each criterion measured, passed or not, and what the load did. */
final class SoakVerdict {
  /** Heap in use after a collection, as a share of the maximum, above which the heap counts as not bounded. */
  static final double HEAP_LIMIT_SHARE = 0.8;
  static final double LOGIN_P99_LIMIT_MS = 2000;
  private static final long PROBE_TIMEOUT_SECS = 10;

  private final ServerProcess server;
  private final Path gcLog;
  private final String heap;
  private final int secs;
  private final List<SoakCheck> checks = new ArrayList<>();
  private final Map<String, String> load = new LinkedHashMap<>();
  private int intervals;
  private int idleIntervals;
  private long editorAcks;
  long liveHeapBefore = -1;
  double loadSecs;
  Map<String, Integer> slowReaderCodes = Map.of();

  SoakVerdict(ServerProcess server, Path gcLog, String heap, int secs) {
    this.server = server;
    this.gcLog = gcLog;
    this.heap = heap;
    this.secs = secs;
  }

  /** Acks the editors got in one progress interval: each interval needs some. */
  void editorInterval(long acks) {
    intervals++;
    idleIntervals += acks == 0 ? 1 : 0;
  }

  /** The editors' acks once they stopped sending (their last ops answered), before the rest of the load stops. */
  void editorsStopped(long acks) {
    editorAcks = acks;
  }

  SoakResult judge(Connector connector, SoakEditors editors, BusyWriter busy, SlowReaders slow, OpFlood flood,
      SignupLoad signups, HistoryReaders history) {
    LoadRun.sleep(2000); // let the server finish what the load left queued
    responsive(connector);
    storedOnce(connector, editors);
    memory();
    LatencySummary acks = editors.ackLatency();
    checks.add(new SoakCheck("the well-behaved clients kept editing (acks in every " + SoakBench.PROGRESS_MILLIS / 1000
        + " s, no socket closed)", String.format("%,d acks in %.0f s, p50 %s / p99 %s / max %s ms; %d of %d intervals "
        + "without an ack; %d of %d sockets closed; %,d refused%s", editorAcks, loadSecs, ms(acks.p50Ms()),
        ms(acks.p99Ms()), ms(acks.maxMs()), idleIntervals, intervals, editors.closed(), SoakBench.EDITORS.clients(),
        editors.refused(), editors.firstRefusal() == null ? "" : " (first: " + editors.firstRefusal() + ")"),
        editorAcks > 0 && idleIntervals == 0 && editors.closed() == 0));
    checks.add(new SoakCheck("the server closed every slow reader", String.format("%d of %d closed during the load "
        + "(at %s); close codes read afterwards: %s", slow.closedByServer(), slow.count(), slow.closeTimes(),
        slowReaderCodes), slow.closedByServer() == slow.count()));
    LatencySummary logins = signups.loginLatency();
    Map<String, Long> loginOutcomes = signups.logins();
    long failedLogins = loginOutcomes.entrySet().stream().filter(e -> !e.getKey().equals("ok"))
        .mapToLong(Map.Entry::getValue).sum();
    checks.add(new SoakCheck("logins stayed responsive (all succeed, p99 ≤ " + (long) LOGIN_P99_LIMIT_MS + " ms)",
        String.format("%s; p50 %s / p99 %s / max %s ms", loginOutcomes, ms(logins.p50Ms()), ms(logins.p99Ms()),
            ms(logins.maxMs())), logins.samples() > 0 && failedLogins == 0 && logins.p99Ms() <= LOGIN_P99_LIMIT_MS));

    load.put("well-behaved editors", String.format("%s closed loop on %s: %,d acks (%,.1f/s)",
        SoakBench.EDITORS.label(), editors.docId, editorAcks, editorAcks / Math.max(1, loadSecs)));
    load.put("slow readers", String.format("%d sockets subscribed to a document one socket rewrites (%,d-character "
        + "CJK attribute, up to %d ops/s, one in flight: %,d acked), not reading", slow.count(), BusyWriter.VALUE_CHARS,
        BusyWriter.TICKS_PER_SEC, busy.acked()));
    load.put("op flood", String.format("%d sockets, pipelined: %,d sent, %,d acked; refusals %s; closed %s",
        SoakBench.FLOOD_SOCKETS, flood.sent(), flood.acked(), flood.refusals(), flood.closes()));
    load.put("sign-ups", SoakBench.SIGNUP_WORKERS + " posts in flight from 127.0.0.1: " + signups.signups());
    LatencySummary reads = history.readLatency();
    load.put("history reads", String.format("%d sockets, getOps from 0: %,d whole reads (%,d ops), median %s ms, "
        + "max %s ms; failures %s", SoakBench.HISTORY_READERS, history.reads(), history.opsRead(), ms(reads.p50Ms()),
        ms(reads.maxMs()), history.failures()));
    return new SoakResult(secs, heap, List.copyOf(checks), load);
  }

  private void responsive(Connector connector) {
    String measured;
    boolean ok;
    try {
      long start = System.nanoTime();
      int status = httpGet("/");
      double httpMs = Clock.millisSince(start);
      start = System.nanoTime();
      probeSocket(connector);
      double socketMs = Clock.millisSince(start);
      ok = status > 0 && status < 500;
      measured = String.format("GET / answered %d in %.0f ms; a new socket created, subscribed and had an op "
          + "acknowledged in %.0f ms", status, httpMs, socketMs);
    } catch (RuntimeException e) {
      ok = false;
      measured = "no: " + e.getMessage();
    }
    checks.add(new SoakCheck("the server answers at the end (HTTP GET, new socket subscribe + op, "
        + PROBE_TIMEOUT_SECS + " s each)", measured, ok));
  }

  private void probeSocket(Connector connector) {
    String docId = "soak-probe-" + System.nanoTime();
    LoadClient c = Connector.await(connector.connect(server.url(), docId, 0, 0), PROBE_TIMEOUT_SECS);
    try {
      Connector.await(c.create(Fleet.PAGE), PROBE_TIMEOUT_SECS);
      Connector.await(c.subscribe(), PROBE_TIMEOUT_SECS);
      long seq = c.nextSeq();
      WireFrame ack = Connector.await(c.request(WireMessages.op(docId, 1, c.src(), seq,
          WireMessages.setHtmlAttribute("data-probe", "t1", null)), f -> "op".equals(f.a) && f.seq == seq),
          PROBE_TIMEOUT_SECS);
      if (ack.isError()) {
        throw new ServerError("op on " + docId, ack.errorCode);
      }
    } finally {
      c.close();
    }
  }

  private int httpGet(String path) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(PROBE_TIMEOUT_SECS)).build();
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port + path))
          .timeout(Duration.ofSeconds(PROBE_TIMEOUT_SECS)).GET().build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void storedOnce(Connector connector, SoakEditors editors) {
    String criterion = "every acknowledged op of the well-behaved clients stored exactly once";
    try {
      StoredOnce s = StoredOnce.check(connector, server.url(), editors.docId, editors.acked());
      checks.add(new SoakCheck(criterion, s.summary() + String.format("; %,d sent and never answered",
          editors.unanswered()), s.passed()));
    } catch (RuntimeException e) {
      checks.add(new SoakCheck(criterion, "could not read the op log back: " + e.getMessage(), false));
    }
  }

  private void memory() {
    GcLog gc = GcLog.read(gcLog);
    long max = heapBytes(heap);
    boolean outOfMemory = logSays(server.log, "OutOfMemoryError");
    long peakRss = ProcessMemory.peakRssBytes(server.pid());
    String liveAfter;
    try {
      liveAfter = SoakBench.mib(ProcessMemory.liveHeapBytes(server.pid())) + " MiB";
    } catch (RuntimeException e) {
      liveAfter = "unknown (" + e.getMessage() + ")";
    }
    boolean ok = server.isAlive() && !outOfMemory && gc.peakAfterBytes() >= 0
        && gc.peakAfterBytes() <= HEAP_LIMIT_SHARE * max;
    checks.add(new SoakCheck("heap bounded (no OutOfMemoryError; heap after every GC ≤ "
        + Math.round(HEAP_LIMIT_SHARE * 100) + "% of -Xmx" + heap + ")", String.format("peak heap after a GC %s MiB "
        + "of %s MiB (from -Xlog:gc, %d collections, %d full); live heap %s MiB before the load, %s after; peak RSS "
        + "%s MiB; %s%s", SoakBench.mib(gc.peakAfterBytes()), SoakBench.mib(max), gc.collections(),
        gc.fullCollections(), SoakBench.mib(liveHeapBefore), liveAfter, SoakBench.mib(peakRss),
        outOfMemory ? "OutOfMemoryError in the server log" : "no OutOfMemoryError",
        server.isAlive() ? "" : "; the server process exited"), ok));
  }

  private static boolean logSays(Path log, String text) {
    try (Stream<String> lines = Files.lines(log)) {
      return lines.anyMatch(l -> l.contains(text));
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  /** Bytes of a JVM size such as {@code 512m}. */
  static long heapBytes(String size) {
    String s = size.trim().toLowerCase();
    long unit = switch (s.charAt(s.length() - 1)) {
      case 'k' -> 1L << 10;
      case 'm' -> 1L << 20;
      case 'g' -> 1L << 30;
      default -> 1;
    };
    return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
  }

  private static String ms(double value) {
    return TextTable.num(value);
  }
}

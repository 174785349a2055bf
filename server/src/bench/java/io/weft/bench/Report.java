package io.weft.bench;

import java.util.List;

/** report.md: targets first, then the chart, then every measurement with how it was taken. */
final class Report {
  private Report() {
  }

  static String markdown(SuiteResults r) {
    StringBuilder md = new StringBuilder();
    Environment env = r.environment;
    BenchOptions o = r.options;
    md.append("# Weft benchmark report\n\n");
    md.append(String.format("%s · %d cores (%s) · %s · node %s · load average %s at start, %s at end%s%n%n",
        env.date(), env.cores(), env.cpu(), env.java(), env.node(), env.loadAverageAtStart(), env.loadAverageAtEnd(),
        o.quick() ? " · **quick mode: small and short, not a measurement**" : ""));
    md.append("Weft runs on its embedded durable store and acknowledges only durable ops; the reference ShareDB "
        + "(`../shared/peer/run.sh sharedb`) keeps everything in memory. Both take the same load from the same Java "
        + "client (`io.weft.bench`, ShareDB protocol 1.2 over WebSockets) in the same run, one server at a time, on this "
        + "machine: the client shares the cores with the server it measures, as the reference client load.js does. "
        + "A load average above the core count means other work was competing for the machine.\n\n");
    md.append("Reproduce: `server/bench/run.sh` (add `--quick` to check the tool; `--help` lists the options).\n\n");

    md.append("## Targets\n\n");
    TextTable targets = new TextTable("target", "measured (Weft vs ShareDB)", "verdict").textColumns(3);
    for (TargetCheck t : r.targets) {
      targets.row(t.target(), t.measured(), t.met() == null ? "not measured" : t.met() ? "✅ met" : "❌ **not met**");
    }
    md.append(targets.markdown()).append('\n');
    if (!r.failures.isEmpty()) {
      md.append("**Runs that failed:**\n\n");
      r.failures.forEach(f -> md.append("- ").append(f).append('\n'));
      md.append('\n');
    }

    if (!r.serverLogs.isEmpty()) {
      md.append("**Warnings and errors in the server logs** (in `").append(r.options.out()).append("`):\n\n");
      r.serverLogs.forEach((log, lines) -> {
        md.append("- `").append(log).append("`\n");
        lines.forEach(l -> md.append("  - ").append(l.replace("|", "\\|")).append('\n'));
      });
      md.append('\n');
    }
    md.append("![Latency against load and by shape, Weft vs ShareDB](latency.svg)\n\n");
    shapes(md, r);
    sweep(md, r);
    capacity(md, r);
    history(md, r);
    SoakReport.markdown(md, r.soak);
    micro(md, r);
    method(md, o);
    return md.toString();
  }

  private static void shapes(StringBuilder md, SuiteResults r) {
    if (r.shapes.isEmpty()) {
      return;
    }
    BenchOptions o = r.options;
    md.append("## Load shapes\n\n");
    md.append(String.format("Documents × clients per document; closed loop (next op after the ack) and open loop "
        + "(%s ops/s per client). %d s measured per run after 1 s not counted. Ratios are Weft / ShareDB: "
        + "more commits is better, lower p99 is better.%n%n", TextTable.rate(o.rate()), o.secs()));
    TextTable t = new TextTable("shape", "pace", "Weft commits/s", "ShareDB commits/s", "commits ×", "Weft p50 / p99 ms",
        "ShareDB p50 / p99 ms", "p99 ×").textColumns(2);
    for (Shape shape : o.shapes()) {
      for (String mode : List.of("closed", "open")) {
        LoadResult w = r.find("weft", shape.label(), mode);
        LoadResult s = r.find("sharedb", shape.label(), mode);
        LoadResult any = w != null ? w : s;
        if (any == null) {
          continue;
        }
        t.row(shape.label(), mode.equals("closed") ? "closed" : TextTable.rate(any.ratePerClient()) + "/s",
            w == null ? "–" : TextTable.num(w.commitsPerSec()), s == null ? "–" : TextTable.num(s.commitsPerSec()),
            w == null || s == null ? "–" : String.format("%.2f", w.commitsPerSec() / s.commitsPerSec()),
            w == null ? "–" : TextTable.num(w.latency().p50Ms()) + " / " + TextTable.num(w.latency().p99Ms()),
            s == null ? "–" : TextTable.num(s.latency().p50Ms()) + " / " + TextTable.num(s.latency().p99Ms()),
            w == null || s == null ? "–" : String.format("%.2f", w.latency().p99Ms() / s.latency().p99Ms()));
      }
    }
    md.append(t.markdown()).append("\nEvery run:\n\n").append(LoadTable.of(r.shapes).markdown()).append('\n');
    if (!r.warmups.isEmpty()) {
      md.append("Warm-up runs (not counted; the JVMs compile the hot paths here):\n\n")
          .append(LoadTable.of(r.warmups).markdown()).append('\n');
    }
  }

  private static void sweep(StringBuilder md, SuiteResults r) {
    if (r.sweep.isEmpty()) {
      return;
    }
    md.append("## Latency against load\n\n").append(String.format(
        "%s, open loop, rising rate per client (%d s per point; one op in flight per client, so past saturation the "
            + "offered rate is not reached and the client skips ticks).%n%n", r.options.sweepShape().label(),
        r.options.sweepSecs()));
    TextTable t = new TextTable("server", "rate/client", "offered/s", "commits/s", "p50 ms", "p90 ms", "p99 ms", "max ms");
    for (LoadResult p : r.sweep) {
      t.row(p.server(), TextTable.rate(p.ratePerClient()), TextTable.num(p.offeredPerSec()),
          TextTable.num(p.commitsPerSec()), TextTable.num(p.latency().p50Ms()), TextTable.num(p.latency().p90Ms()),
          TextTable.num(p.latency().p99Ms()), TextTable.num(p.latency().maxMs()));
    }
    md.append(t.markdown()).append('\n');
  }

  private static void capacity(StringBuilder md, SuiteResults r) {
    if (r.capacity.isEmpty()) {
      return;
    }
    md.append("## Capacity\n\n");
    md.append("Sockets subscribed across sockets/10 documents and held (keep-alive every 25 s; Weft with "
        + "`ws.idleTimeoutSeconds=600`). Heap: live heap after two full GCs (`jcmd GC.run`, `GC.heap_info`) with the "
        + "sockets held minus before, over sockets; it includes the documents. RSS from /proc. Then open-loop edits "
        + "spread evenly over all sockets while they are held; latency to the document's other 9 clients. Sockets are "
        + "set up " + Fleet.PARALLEL_DOCS + " documents at a time; a create or subscribe refused with ERR_UNKNOWN_ERROR "
        + "(storage failed, nothing done) is resent after 1 s (column *resent*).\n\n");
    TextTable t = new TextTable("server", "sockets", "connect s", "resent", "heap before MiB", "heap after MiB",
        "heap/socket KiB", "RSS/socket KiB", "edits/s", "p50 ms", "p99 ms", "max ms", "errors");
    for (CapacityResult c : r.capacity) {
      t.row(c.server(), String.format("%,d", c.sockets()), TextTable.num(c.connectSecs()), c.setupRetries(), mib(c.heapBeforeBytes()),
          mib(c.heapAfterBytes()), kib(c.heapPerSocketBytes()), kib(c.rssPerSocketBytes()),
          TextTable.num(c.edits().commitsPerSec()), TextTable.num(c.edits().latency().p50Ms()),
          TextTable.num(c.edits().latency().p99Ms()), TextTable.num(c.edits().latency().maxMs()), c.edits().errors());
    }
    md.append(t.markdown()).append("\nShareDB runs on node: its heap is not visible from outside, so only its RSS "
        + "is shown.\n\n");
  }

  private static void history(StringBuilder md, SuiteResults r) {
    if (r.history.isEmpty()) {
      return;
    }
    md.append("## History\n\n");
    HistoryResult first = r.history.get(0);
    md.append(String.format("A page written with %,d realistic ops (paragraphs, typing, attributes; about 100 KB at "
        + "100,000 ops), submitted with `v: null` from one socket: Weft with many in flight (it commits one socket's "
        + "ops in order, in batches), ShareDB one at a time (it runs one socket's submissions concurrently, in no "
        + "particular order, so a pipelined history would not be the same history). Then the time from sending `s` "
        + "to the snapshot reply, and from sending `{\"a\":\"nf\",\"v\":%d}` to its reply, each on a socket opened "
        + "beforehand (min / median / max of n).%n%n", first.ops(), first.middleVersion()));
    TextTable t = new TextTable("server", "write ops/s (in flight)", "subscribe, first after restart", "subscribe, from storage",
        "subscribe, in memory", "nf, first after restart", "nf");
    for (HistoryResult h : r.history) {
      t.row(h.server(), TextTable.num(h.writeOpsPerSec()) + " (" + h.writeWindow() + ")", timings(h.subscribeAfterRestart()),
          timings(h.subscribeFromStorage()), timings(h.subscribeInMemory()), timings(h.fetchAfterRestart()),
          timings(h.fetchMiddle()));
    }
    md.append(t.markdown()).append('\n');
    for (HistoryResult h : r.history) {
      md.append("- ").append(h.server()).append(": ").append(h.note()).append('\n');
    }
    md.append('\n');
  }

  private static void micro(StringBuilder md, SuiteResults r) {
    if (r.micro.isEmpty()) {
      return;
    }
    md.append("## json0 microbenchmarks (JMH)\n\n");
    md.append("`io.weft.ot.Json0` on a page of about 100 paragraphs and on the ot-json0 reference vectors "
        + "(server/src/test/resources/json0/pairs.jsonl, one case per call). Average time per call, ± 99.9% error.\n\n");
    TextTable t = new TextTable("benchmark", "time", "±");
    for (MicroResult m : r.micro) {
      t.row(m.benchmark(), TextTable.num(m.score()) + " " + m.unit(), TextTable.num(m.error()));
    }
    md.append(t.markdown()).append('\n');
  }

  private static void method(StringBuilder md, BenchOptions o) {
    md.append("## How it was measured\n\n");
    md.append(String.format("""
        - Each client sets its own attribute on `<html>` (`{"p":[1,"data-c<k>"],"oi":"t<µs>","od":<previous>}`) at the \
        version it has seen, so whenever another client committed first the server must transform. One op in flight \
        per client, as ShareDB clients do.
        - Latency: from stamping and sending the op to its arrival at each other client of the document (one sample \
        per receiving client; one process, one clock). Percentiles are the sample at floor(p·n), as in load.js. \
        Commits/s: acknowledgements per second; deliveries/s: ops arriving at other clients per second.
        - Warm-up: before measuring, each server took %d s of 10x10 closed-loop load, and every run starts with 1 s \
        that is not counted. The servers run for the whole phase; each run uses fresh documents.
        - Open loop: each client sends at a fixed rate, starting at a random point of its period; a tick that finds \
        its previous op unacknowledged is skipped (counted, not queued).
        - Client: one JVM, %d Vert.x event loops; a document's clients share one loop.
        - Weft JVM options: %s.
        """, o.warmupSecs(), o.threads(), o.weftJvmArgs().isEmpty() ? "none (JVM defaults)"
        : "`" + String.join(" ", o.weftJvmArgs()) + "`"));
  }

  private static String timings(Timings t) {
    if (t == null) {
      return "–";
    }
    if (t.n() == 1) {
      return TextTable.num(t.medianMs()) + " ms";
    }
    return String.format("%s / %s / %s ms (n=%d)", TextTable.num(t.minMs()), TextTable.num(t.medianMs()),
        TextTable.num(t.maxMs()), t.n());
  }

  private static String mib(long bytes) {
    return bytes < 0 ? "–" : String.format("%.1f", bytes / 1048576.0);
  }

  private static String kib(double bytes) {
    return Double.isNaN(bytes) ? "–" : String.format("%.1f", bytes / 1024);
  }
}

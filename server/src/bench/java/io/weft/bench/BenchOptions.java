package io.weft.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Settings of a suite run. Defaults are the full run (about ten minutes on two cores); {@code --quick}
 * shrinks everything to check the tool in a few minutes.
 *
 * @param shapes documents × clients per document, each run closed loop and open loop
 * @param secs measured seconds per run (after one second not counted)
 * @param rate ops/s per client of the open-loop runs
 * @param sweepShape the shape whose open-loop rate is swept for the latency-against-load curve
 * @param sweepRates ops/s per client of the sweep
 * @param warmupSecs closed-loop 10x10 load on each server before anything is measured (JIT warm-up)
 * @param sockets capacity: sockets held, 10 per document
 * @param editsPerSec capacity: open-loop edits per second spread over all sockets
 * @param historyOps history: ops written to the long-history document
 * @param historyWindow history: submissions in flight while writing it
 * @param repeats history: timings per measured case
 * @param threads client event loops
 * @param soakSecs soak: seconds of mixed load (only with {@code --phases soak}; Weft only)
 * @param soakHeap soak: Weft's maximum heap, e.g. {@code 512m}
 * @param soakHistoryOps soak: ops written to the document its history readers read
 */
record BenchOptions(List<String> phases, List<String> servers, List<Shape> shapes, int secs, double rate,
    Shape sweepShape, List<Double> sweepRates, int sweepSecs, int warmupSecs, int sockets, double editsPerSec,
    int capacitySecs, int historyOps, int historyWindow, int repeats, int threads, int soakSecs, String soakHeap,
    int soakHistoryOps, boolean quick, Path out, Path weftJar, Path sharedbScript, List<String> weftJvmArgs) {

  static final Set<String> VALUES = Set.of("phases", "servers", "shapes", "secs", "rate", "sweep-shape", "sweep",
      "sweep-secs", "warmup-secs", "sockets", "edits-per-sec", "capacity-secs", "history-ops", "history-window",
      "repeats", "threads", "soak-secs", "soak-heap", "soak-history-ops", "out", "weft-jar", "sharedb-script",
      "weft-jvm-opts");
  static final Set<String> FLAGS = Set.of("quick", "help");

  static BenchOptions parse(String[] argv) {
    Args a = Args.parse(argv, VALUES, FLAGS);
    boolean quick = a.has("quick");
    return new BenchOptions(
        list(a.get("phases", "shapes,sweep,capacity,history,jmh")),
        list(a.get("servers", "weft,sharedb")),
        list(a.get("shapes", quick ? "1x10,10x10" : "1x2,1x10,10x10,1x50,100x2")).stream().map(Shape::parse).toList(),
        a.getInt("secs", quick ? 3 : 8),
        a.getDouble("rate", 20),
        Shape.parse(a.get("sweep-shape", "10x10")),
        list(a.get("sweep", quick ? "10,50" : "5,10,20,50,100")).stream().map(Double::parseDouble).toList(),
        a.getInt("sweep-secs", quick ? 3 : 5),
        a.getInt("warmup-secs", quick ? 3 : 30),
        a.getInt("sockets", quick ? 1000 : 10_000),
        a.getDouble("edits-per-sec", 1000),
        a.getInt("capacity-secs", quick ? 3 : 10),
        a.getInt("history-ops", quick ? 10_000 : 100_000),
        a.getInt("history-window", 256),
        a.getInt("repeats", quick ? 2 : 5),
        a.getInt("threads", 2),
        a.getInt("soak-secs", quick ? 30 : 600),
        a.get("soak-heap", "512m"),
        a.getInt("soak-history-ops", quick ? 10_000 : 50_000),
        quick,
        Path.of(a.get("out", "target/bench")),
        Path.of(a.get("weft-jar", "target/weft.jar")),
        Path.of(a.get("sharedb-script", "../shared/peer/run.sh")),
        Arrays.stream(a.get("weft-jvm-opts", "").trim().split("\\s+")).filter(x -> !x.isEmpty()).toList());
  }

  boolean runs(String phase) {
    return phases.contains(phase);
  }

  boolean against(String server) {
    return servers.contains(server);
  }

  private static List<String> list(String csv) {
    return Arrays.stream(csv.split("[,\\s]+")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  static String usage() {
    return """
        usage: server/bench/run.sh [options]
          --quick                    everything small and short: checks the tool in a few minutes
          --phases LIST              shapes,sweep,capacity,history,jmh (default: all of these), or soak
          --servers LIST             weft,sharedb (default: both)
          --shapes LIST              e.g. 1x10,10x10 (default 1x2,1x10,10x10,1x50,100x2)
          --secs N                   measured seconds per load run (default 8)
          --rate R                   open-loop ops/s per client (default 20)
          --sweep LIST               open-loop rates per client for the latency curve (default 5,10,20,50,100)
          --sweep-shape S            shape of the sweep (default 10x10); --sweep-secs N (default 5)
          --warmup-secs N            10x10 closed-loop warm-up per server before measuring (default 30)
          --sockets N                capacity sockets, 10 per document (default 10000)
          --edits-per-sec R          capacity edit rate over all sockets (default 1000); --capacity-secs N
          --history-ops N            ops in the long-history document (default 100000)
          --history-window N         submissions in flight while writing it (default 256); --repeats N
          --threads N                client event loops (default 2)
          --soak-secs N              soak (--phases soak, Weft only): seconds of mixed load (default 600)
          --soak-heap SIZE           soak: Weft's -Xmx (default 512m); --soak-history-ops N (default 50000)
          --weft-jvm-opts "..."      extra JVM options for Weft (e.g. a JFR recording)
          --out DIR                  where report.md, latency.svg and results.json go (default target/bench)
        """;
  }
}

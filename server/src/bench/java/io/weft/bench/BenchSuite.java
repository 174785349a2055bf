package io.weft.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The whole benchmark, run by server/bench/run.sh: load shapes and the latency sweep, capacity, history
 * (each phase against fresh Weft and ShareDB processes), then the JMH microbenchmarks; writes
 * report.md, latency.svg and results.json and prints the tables.
 */
public final class BenchSuite {
  private static final Shape WARMUP_SHAPE = new Shape(10, 10);

  private final BenchOptions options;
  private final SuiteResults results = new SuiteResults();
  private final String runId = UUID.randomUUID().toString().substring(0, 6);
  private final List<Path> dataDirs = new ArrayList<>();
  private int runs;

  private BenchSuite(BenchOptions options) {
    this.options = options;
    results.options = options;
    results.environment = Environment.capture();
  }

  public static void main(String[] argv) throws IOException {
    if (List.of(argv).contains("--help")) {
      System.out.print(BenchOptions.usage());
      return;
    }
    BenchOptions options;
    try {
      options = BenchOptions.parse(argv);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(BenchOptions.usage());
      System.exit(2);
      return;
    }
    new BenchSuite(options).run();
    System.exit(0);
  }

  private void run() throws IOException {
    Files.createDirectories(options.out());
    try (Stream<Path> old = Files.list(options.out())) {
      for (Path log : old.filter(p -> p.toString().endsWith(".log")).toList()) {
        Files.delete(log); // server logs append within a run (Weft restarts); start each run clean
      }
    }
    try (Connector connector = new Connector(options.threads())) {
      if (options.runs("shapes") || options.runs("sweep")) {
        attempt("load shapes", () -> loadPhase(connector));
      }
      if (options.runs("capacity")) {
        attempt("capacity", () -> capacityPhase(connector));
      }
      if (options.runs("history")) {
        attempt("history", () -> historyPhase(connector));
      }
      if (options.runs("soak")) {
        attempt("soak", () -> soakPhase(connector));
      }
    } finally {
      dataDirs.forEach(BenchSuite::deleteTree);
    }
    if (options.runs("jmh")) {
      say("JMH microbenchmarks (json0 apply and transform)");
      attempt("jmh", () -> {
        results.micro.addAll(MicroBench.run(options.out().resolve("jmh.log"), options.quick()));
        List<String> missing = MicroBench.missing(results.micro);
        if (!missing.isEmpty()) {
          results.failures.add("jmh: no score for " + missing + "; see " + options.out().resolve("jmh.log"));
        }
      });
    }
    try (Stream<Path> logs = Files.list(options.out())) {
      for (Path log : logs.filter(p -> p.toString().endsWith(".log") && !p.endsWith("jmh.log")).sorted().toList()) {
        List<String> problems = ServerLog.problems(log, 8);
        if (!problems.isEmpty()) {
          results.serverLogs.put(log.getFileName().toString(), problems);
        }
      }
    }
    results.environment = results.environment.finished();
    results.targets = Targets.check(results, options.shapes());
    Files.writeString(options.out().resolve("results.json"), ResultsJson.pretty(results));
    Files.writeString(options.out().resolve("latency.svg"), LatencyChart.svg(results));
    Files.writeString(options.out().resolve("report.md"), Report.markdown(results));
    printSummary();
  }

  // ---- phases ----

  private void loadPhase(Connector connector) {
    say("Load shapes: starting " + String.join(" and ", options.servers()));
    List<ServerProcess> servers = startAll("shapes", Map.of());
    try {
      for (ServerProcess s : servers) {
        say("warming up " + s.name + " (" + WARMUP_SHAPE.label() + " closed loop, " + options.warmupSecs() + " s)");
        attempt(s.name + " warm-up", () -> results.warmups.add(
            LoadRun.measure(connector, s.url(), s.name, new Workload(WARMUP_SHAPE, 0, options.warmupSecs(), 1000),
                prefix("warm-" + s.name))));
      }
      if (options.runs("shapes")) {
        for (Shape shape : options.shapes()) {
          for (double rate : new double[] {0, options.rate()}) {
            Workload w = new Workload(shape, rate, options.secs(), Workload.DEFAULT_WARM_MILLIS);
            for (ServerProcess s : servers) {
              measure(connector, s, w, results.shapes);
            }
          }
        }
      }
      if (options.runs("sweep")) {
        for (double rate : options.sweepRates()) {
          Workload w = new Workload(options.sweepShape(), rate, options.sweepSecs(), Workload.DEFAULT_WARM_MILLIS);
          for (ServerProcess s : servers) {
            LoadResult same = sameRun(s.name, w);
            if (same != null) {
              results.sweep.add(same);
            } else {
              measure(connector, s, w, results.sweep);
            }
          }
        }
      }
    } finally {
      servers.forEach(ServerProcess::close);
    }
  }

  private void capacityPhase(Connector connector) {
    for (String name : options.servers()) {
      say("Capacity: " + String.format("%,d", options.sockets()) + " sockets on a fresh " + name);
      try (ServerProcess s = start(name, "capacity", Map.of("ws.idleTimeoutSeconds", "600"))) {
        attempt(name + " capacity warm-up", () -> results.warmups.add(LoadRun.measure(connector, s.url(), s.name,
            new Workload(WARMUP_SHAPE, 0, Math.min(5, options.warmupSecs()), 1000), prefix("capwarm-" + name))));
        attempt(name + " capacity", () -> {
          CapacityResult c = CapacityBench.run(connector, s, options.sockets(), options.editsPerSec(),
              options.capacitySecs(), prefix("cap-" + name));
          results.capacity.add(c);
          System.err.print(LoadTable.of(List.of(c.edits())).plain());
        });
      }
    }
  }

  private void historyPhase(Connector connector) {
    String docId = prefix("history");
    if (options.against("weft")) {
      say(String.format("History: %,d ops on Weft, then a restart", options.historyOps()));
      Path dir = newDataDir();
      attempt("weft history", () -> results.history.add(HistoryBench.weft(connector,
          settings -> ServerProcess.weft(options.weftJar(), dir, options.weftJvmArgs(), settings, log("weft-history")),
          options.historyOps(), historyWindow(), options.repeats(), docId)));
    }
    if (options.against("sharedb")) {
      say(String.format("History: %,d ops on ShareDB", options.historyOps()));
      try (ServerProcess s = start("sharedb", "history", Map.of())) {
        // One at a time: ShareDB runs one socket's submissions concurrently, in no particular order.
        attempt("sharedb history", () -> results.history.add(HistoryBench.sharedb(connector, s, options.historyOps(),
            1, options.repeats(), docId)));
      }
    }
  }

  /** Weft only: ShareDB has no limits on sign-ups, slow readers or floods to compare with. */
  private void soakPhase(Connector connector) {
    say(String.format("Soak: %d s of mixed load on Weft with -Xmx%s", options.soakSecs(), options.soakHeap()));
    Path gcLog = log("weft-soak-gc").toAbsolutePath();
    List<String> jvm = new ArrayList<>(List.of("-Xmx" + options.soakHeap(), "-Xlog:gc:file=" + gcLog));
    jvm.addAll(options.weftJvmArgs());
    try (ServerProcess s = ServerProcess.weft(options.weftJar(), newDataDir(), jvm, Map.of(), log("weft-soak"))) {
      results.soak = SoakBench.run(connector, s, gcLog, options.soakHeap(), options.soakSecs(),
          options.soakHistoryOps(), this::prefix);
    }
    if (!results.soak.passed()) {
      results.failures.add("soak: not every criterion held (see the Soak section)");
    }
  }

  // ---- helpers ----

  /** In flight while writing the history: beyond the window an op could depend on one not yet applied. */
  private int historyWindow() {
    return Math.max(1, Math.min(options.historyWindow(), PageOps.INDEPENDENT_WINDOW));
  }

  private void measure(Connector connector, ServerProcess s, Workload w, List<LoadResult> into) {
    attempt(s.name + " " + w.shape().label() + " " + w.pace(), () -> {
      LoadResult r = LoadRun.measure(connector, s.url(), s.name, w, prefix(s.name + "-" + w.shape().label()));
      into.add(r);
      if (r.commitsPerSec() == 0) {
        results.failures.add(s.name + " " + w.shape().label() + " " + w.pace() + ": no op was acknowledged in the "
            + w.secs() + " s measured");
      }
      System.err.print(indent(LoadTable.of(List.of(r)).plain()));
    });
  }

  /** The shapes phase's run with the same server, shape and rate, if there was one. */
  private LoadResult sameRun(String server, Workload w) {
    LoadResult r = results.find(server, w.shape().label(), w.mode());
    return r != null && r.ratePerClient() == w.ratePerClient() ? r : null;
  }

  private List<ServerProcess> startAll(String phase, Map<String, String> weftSettings) {
    List<ServerProcess> started = new ArrayList<>();
    try {
      for (String name : options.servers()) {
        started.add(start(name, phase, weftSettings));
      }
      return started;
    } catch (RuntimeException e) {
      started.forEach(ServerProcess::close);
      throw e;
    }
  }

  private ServerProcess start(String name, String phase, Map<String, String> weftSettings) {
    return switch (name) {
      case "weft" -> ServerProcess.weft(options.weftJar(), newDataDir(), options.weftJvmArgs(), weftSettings,
          log("weft-" + phase));
      case "sharedb" -> ServerProcess.sharedb(options.sharedbScript(), log("sharedb-" + phase));
      default -> throw new IllegalArgumentException("unknown server '" + name + "' (weft, sharedb)");
    };
  }

  private void attempt(String what, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      String message = what + ": " + e.getMessage();
      System.err.println("  FAILED " + message);
      results.failures.add(message);
    }
  }

  private Path log(String name) {
    return options.out().resolve(name + ".log");
  }

  private Path newDataDir() {
    try {
      Path dir = Files.createTempDirectory("weft-bench-");
      dataDirs.add(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh document id prefix: every run gets new documents. */
  private String prefix(String what) {
    return "b" + runId + "-" + (++runs) + "-" + what.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  private void printSummary() {
    System.out.println();
    if (!results.shapes.isEmpty()) {
      System.out.print(LoadTable.of(results.shapes).plain());
      System.out.println();
    }
    if (results.soak != null) {
      System.out.print(SoakReport.table(results.soak).plain());
      System.out.println();
    }
    TextTable t = new TextTable("target", "measured (Weft vs ShareDB)", "verdict");
    results.targets.forEach(c -> t.row(c.target(), c.measured(), c.verdict()));
    System.out.print(t.plain());
    System.out.println();
    System.out.println("report: " + options.out().resolve("report.md") + "  chart: " + options.out().resolve("latency.svg")
        + "  data: " + options.out().resolve("results.json"));
  }

  private static void say(String line) {
    System.err.println("== " + line);
  }

  private static String indent(String text) {
    return text.lines().map(l -> "  " + l).reduce("", (a, b) -> a + b + "\n");
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e.getMessage());
    }
  }
}

package io.weft.bench;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The protocol-level load generator on its own, pointable at any ShareDB-protocol server, with the
 * options of the reference client ../shared/peer/load.js:
 * <pre>
 *   --url ws://127.0.0.1:7007  base URL; a document's socket is &lt;url&gt;/&lt;docId&gt;/
 *   --docs 10 --clients 10     documents × clients per document
 *   --secs 10                  measured seconds (after 1 s not counted)
 *   --rate 20                  ops per second per client (open loop); omit for closed loop
 *   --prefix bench-x           document id prefix (default: random, so each run uses fresh documents)
 *   --warmup 0                 seconds of the same load first, not measured (the client JVM warms up too)
 *   --threads 2                client event loops
 *   --name weft                server name for the output
 * </pre>
 * Prints a table row, then the same result as one JSON line.
 */
public final class LoadGenerator {
  private LoadGenerator() {
  }

  public static void main(String[] argv) {
    Args args = Args.parse(argv, Set.of("url", "docs", "clients", "secs", "rate", "prefix", "threads", "name", "warmup"), Set.of());
    Shape shape = new Shape(args.getInt("docs", 10), args.getInt("clients", 10));
    Workload workload = new Workload(shape, args.getDouble("rate", 0), args.getInt("secs", 10),
        Workload.DEFAULT_WARM_MILLIS);
    String prefix = args.get("prefix", "bench" + UUID.randomUUID().toString().substring(0, 6));
    int status = 0;
    try (Connector connector = new Connector(args.getInt("threads", 2))) {
      System.err.println("connecting " + shape.sockets() + " clients on " + shape.docs() + " documents; "
          + (workload.closedLoop() ? "closed loop" : workload.pace() + " per client"));
      String url = args.get("url", "ws://127.0.0.1:7007");
      int warmup = args.getInt("warmup", 0);
      if (warmup > 0) {
        LoadRun.measure(connector, url, "warm-up", new Workload(shape, workload.ratePerClient(), warmup, 0),
            prefix + "-warm");
      }
      LoadResult result = LoadRun.measure(connector, url, args.get("name", "server"), workload, prefix);
      System.out.print(LoadTable.of(List.of(result)).plain());
      System.out.println(ResultsJson.compact(result));
    } catch (RuntimeException e) {
      System.err.println("load generator failed: " + e.getMessage());
      status = 1;
    }
    System.exit(status);
  }
}

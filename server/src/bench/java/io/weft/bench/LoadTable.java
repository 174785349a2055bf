package io.weft.bench;

import java.util.List;

/** Load results as a table: one row per run. */
final class LoadTable {
  private LoadTable() {
  }

  static TextTable of(List<LoadResult> results) {
    TextTable t = new TextTable("server", "shape", "pace", "commits/s", "deliveries/s", "p50 ms", "p90 ms", "p99 ms",
        "max ms", "errors").textColumns(3);
    for (LoadResult r : results) {
      t.row(r.server(), r.shape(), r.mode().equals("closed") ? "closed" : TextTable.rate(r.ratePerClient()) + "/s",
          TextTable.num(r.commitsPerSec()), TextTable.num(r.deliveriesPerSec()), TextTable.num(r.latency().p50Ms()),
          TextTable.num(r.latency().p90Ms()), TextTable.num(r.latency().p99Ms()), TextTable.num(r.latency().maxMs()),
          r.errors());
    }
    return t;
  }
}

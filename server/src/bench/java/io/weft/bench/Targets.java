package io.weft.bench;

import java.util.ArrayList;
import java.util.List;

/** The targets, checked against one run (Weft and ShareDB measured in the same run). */
final class Targets {
  static final List<String> THROUGHPUT_SHAPES = List.of("1x10", "10x10", "1x50");
  static final double THROUGHPUT_RATIO = 2.0;
  static final double HEAP_PER_SOCKET_BYTES = 30 * 1024;
  static final double CAPACITY_P99_MS = 50;
  static final double SUBSCRIBE_MS = 100;

  private Targets() {
  }

  static List<TargetCheck> check(SuiteResults r, List<Shape> shapes) {
    List<TargetCheck> out = new ArrayList<>();
    for (String shape : THROUGHPUT_SHAPES) {
      LoadResult w = r.find("weft", shape, "closed");
      LoadResult s = r.find("sharedb", shape, "closed");
      String target = "commits/s ≥ 2× ShareDB, " + shape + " closed loop";
      if (w == null || s == null) {
        out.add(new TargetCheck(target, "–", null));
      } else {
        double ratio = w.commitsPerSec() / s.commitsPerSec();
        out.add(new TargetCheck(target, String.format("%s vs %s/s (%.2f×)", TextTable.num(w.commitsPerSec()),
            TextTable.num(s.commitsPerSec()), ratio), ratio >= THROUGHPUT_RATIO));
      }
    }
    for (Shape shape : shapes) {
      for (String mode : List.of("closed", "open")) {
        LoadResult w = r.find("weft", shape.label(), mode);
        LoadResult s = r.find("sharedb", shape.label(), mode);
        if (w == null || s == null) {
          continue;
        }
        double wp = w.latency().p99Ms();
        double sp = s.latency().p99Ms();
        out.add(new TargetCheck("p99 ≤ ShareDB's, " + shape.label() + " " + (mode.equals("closed") ? "closed loop" : w.mode()
            + " loop " + TextTable.rate(w.ratePerClient()) + "/s per client"),
            String.format("%s vs %s ms (%.2f×)", TextTable.num(wp), TextTable.num(sp), wp / sp), wp <= sp));
      }
    }
    CapacityResult c = r.capacity("weft");
    if (c != null) {
      out.add(new TargetCheck(String.format("%,d sockets: heap < 30 KiB per socket", c.sockets()),
          String.format("%.1f KiB", c.heapPerSocketBytes() / 1024), c.heapPerSocketBytes() < HEAP_PER_SOCKET_BYTES));
      double p99 = c.edits().latency().p99Ms();
      out.add(new TargetCheck(String.format("%,d sockets: edit p99 < 50 ms at %s edits/s", c.sockets(),
          TextTable.num(c.editsPerSec())), TextTable.num(p99) + " ms", p99 < CAPACITY_P99_MS));
    } else {
      out.add(new TargetCheck("sockets: heap < 30 KiB per socket, edit p99 < 50 ms", "–", null));
    }
    HistoryResult h = r.history("weft");
    if (h != null) {
      String subject = String.format("subscribe to a %,d-op document < 100 ms", h.ops());
      out.add(new TargetCheck(subject + ", loaded from storage (server warm, slowest of "
          + h.subscribeFromStorage().n() + ")", TextTable.num(h.subscribeFromStorage().maxMs()) + " ms",
          h.subscribeFromStorage().maxMs() < SUBSCRIBE_MS));
      out.add(new TargetCheck(subject + ", first request after a restart (cold JVM)",
          TextTable.num(h.subscribeAfterRestart().maxMs()) + " ms", h.subscribeAfterRestart().maxMs() < SUBSCRIBE_MS));
    } else {
      out.add(new TargetCheck("subscribe to a 100,000-op document < 100 ms", "–", null));
    }
    return out;
  }
}

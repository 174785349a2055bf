package io.weft.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * latency.svg: on the left, p50 and p99 latency against achieved commits/s as the open-loop rate of the
 * sweep shape rises; on the right, p50 and p99 per shape under closed loop. Weft and ShareDB side by side.
 */
final class LatencyChart {
  private static final Map<String, String[]> COLORS = Map.of(
      "weft", new String[] {"#1f77b4", "#9ecae9"},
      "sharedb", new String[] {"#e6550d", "#fdae6b"});
  private static final List<String> SERVERS = List.of("weft", "sharedb");

  private LatencyChart() {
  }

  static String svg(SuiteResults r) {
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1000\" height=\"470\" viewBox=\"0 0 1000 470\" "
        + "font-family=\"sans-serif\">\n<rect width=\"1000\" height=\"470\" fill=\"white\"/>\n");
    sweep(svg, r);
    shapes(svg, r);
    legend(svg);
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static void sweep(StringBuilder svg, SuiteResults r) {
    List<LoadResult> points = r.sweep;
    String shape = r.options.sweepShape().label();
    if (points.isEmpty()) {
      new SvgPlot(svg, 70, 60, 380, 320, 0, 1, 1, 10).text(260, 220, "no sweep in this run", "middle", 13, "normal");
      return;
    }
    double maxX = points.stream().mapToDouble(LoadResult::commitsPerSec).max().orElse(1) * 1.08;
    SvgPlot plot = new SvgPlot(svg, 70, 60, 380, 320, 0, maxX, minP50(points), maxP99(points));
    plot.frame("Latency against load (" + shape + ", open loop)", "commits/s achieved", "latency, ms (log)");
    plot.xTicks();
    for (String server : SERVERS) {
      List<LoadResult> mine = points.stream().filter(p -> p.server().equals(server))
          .sorted(Comparator.comparingDouble(LoadResult::offeredPerSec)).toList();
      List<double[]> p50 = new ArrayList<>();
      List<double[]> p99 = new ArrayList<>();
      for (LoadResult p : mine) {
        p50.add(new double[] {p.commitsPerSec(), p.latency().p50Ms()});
        p99.add(new double[] {p.commitsPerSec(), p.latency().p99Ms()});
      }
      plot.polyline(p99, COLORS.get(server)[0], null);
      plot.polyline(p50, COLORS.get(server)[0], "5,4");
    }
  }

  private static void shapes(StringBuilder svg, SuiteResults r) {
    List<LoadResult> closed = r.shapes.stream().filter(x -> x.mode().equals("closed")).toList();
    List<String> labels = closed.stream().map(LoadResult::shape).distinct().toList();
    if (labels.isEmpty()) {
      new SvgPlot(svg, 560, 60, 400, 320, 0, 1, 1, 10).text(760, 220, "no shapes in this run", "middle", 13, "normal");
      return;
    }
    SvgPlot plot = new SvgPlot(svg, 560, 60, 400, 320, 0, labels.size(), minP50(closed), maxP99(closed));
    plot.frame("Latency by shape (closed loop)", "documents × clients per document", "latency, ms (log)");
    double slot = plot.width / labels.size();
    double bar = Math.min(18, slot / 5);
    for (int i = 0; i < labels.size(); i++) {
      String label = labels.get(i);
      double start = plot.left + i * slot + (slot - 4 * bar) / 2;
      int k = 0;
      for (String server : SERVERS) {
        LoadResult res = r.find(server, label, "closed");
        if (res != null) {
          String[] c = COLORS.get(server);
          plot.bar(start + k * bar, bar - 1, res.latency().p50Ms(), c[1], server + " " + label + " p50 "
              + res.latency().p50Ms() + " ms");
          plot.bar(start + (k + 1) * bar, bar - 1, res.latency().p99Ms(), c[0], server + " " + label + " p99 "
              + res.latency().p99Ms() + " ms");
        }
        k += 2;
      }
      plot.text(plot.left + i * slot + slot / 2, plot.bottom() + 16, label, "middle", 11, "normal");
    }
  }

  private static void legend(StringBuilder svg) {
    SvgPlot page = new SvgPlot(svg, 0, 0, 1000, 470, 0, 1, 1, 10);
    double x = 150;
    for (String server : SERVERS) {
      String[] c = COLORS.get(server);
      String name = server.equals("weft") ? "Weft" : "ShareDB";
      page.line(x, 440, x + 30, 440, c[0], 2, null);
      page.text(x + 36, 444, name + " p99", "start", 12, "normal");
      page.line(x + 120, 440, x + 150, 440, c[0], 2, "5,4");
      page.text(x + 156, 444, name + " p50", "start", 12, "normal");
      page.rect(x + 250, 432, 14, 14, c[1], "none");
      page.rect(x + 266, 432, 14, 14, c[0], "none");
      page.text(x + 286, 444, name + " p50 / p99", "start", 12, "normal");
      x += 400;
    }
  }

  private static double minP50(List<LoadResult> rs) {
    return rs.stream().mapToDouble(x -> x.latency().p50Ms()).filter(v -> !Double.isNaN(v)).min().orElse(1);
  }

  private static double maxP99(List<LoadResult> rs) {
    return rs.stream().mapToDouble(x -> x.latency().p99Ms()).filter(v -> !Double.isNaN(v)).max().orElse(10);
  }
}

package io.weft.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One plot area of a hand-written SVG chart: a linear or categorical x axis, a logarithmic y axis
 * (latencies span decades), and the primitives the chart draws with, in data coordinates.
 */
final class SvgPlot {
  final double left;
  final double top;
  final double width;
  final double height;
  private final double xMin;
  private final double xMax;
  private final double yLogMin;
  private final double yLogMax;
  private final StringBuilder svg;

  SvgPlot(StringBuilder svg, double left, double top, double width, double height, double xMin, double xMax,
      double yMinValue, double yMaxValue) {
    this.svg = svg;
    this.left = left;
    this.top = top;
    this.width = width;
    this.height = height;
    this.xMin = xMin;
    this.xMax = xMax <= xMin ? xMin + 1 : xMax;
    this.yLogMin = Math.log10(niceBelow(Math.max(yMinValue, 0.01)));
    this.yLogMax = Math.max(this.yLogMin + 1, Math.log10(niceAbove(Math.max(yMaxValue, 0.01))));
  }

  double x(double value) {
    return left + (value - xMin) / (xMax - xMin) * width;
  }

  double y(double value) {
    double log = Math.log10(Math.max(value, Math.pow(10, yLogMin)));
    return top + height - (log - yLogMin) / (yLogMax - yLogMin) * height;
  }

  double bottom() {
    return top + height;
  }

  void frame(String title, String xLabel, String yLabel) {
    text(left + width / 2, top - 18, title, "middle", 14, "bold");
    rect(left, top, width, height, "none", "#999");
    text(left + width / 2, bottom() + 38, xLabel, "middle", 12, "normal");
    svg.append(String.format(Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 %.1f %.1f)\">%s</text>%n",
        left - 46, top + height / 2, left - 46, top + height / 2, escape(yLabel)));
    for (int decade = (int) Math.floor(yLogMin); decade <= (int) Math.ceil(yLogMax); decade++) {
      for (int m : new int[] {1, 2, 5}) {
        double v = m * Math.pow(10, decade);
        if (Math.log10(v) > yLogMax + 1e-9 || Math.log10(v) < yLogMin - 1e-9) {
          continue;
        }
        double yy = y(v);
        line(left, yy, left + width, yy, m == 1 ? "#ddd" : "#f0f0f0", 1, null);
        text(left - 6, yy + 4, format(v), "end", 11, "normal");
      }
    }
  }

  /** Linear x ticks at round values. */
  void xTicks() {
    double step = niceStep((xMax - xMin) / 5);
    for (double v = Math.ceil(xMin / step) * step; v <= xMax + 1e-9; v += step) {
      double xx = x(v);
      line(xx, top, xx, bottom(), "#f0f0f0", 1, null);
      text(xx, bottom() + 16, format(v), "middle", 11, "normal");
    }
  }

  void polyline(List<double[]> points, String color, String dash) {
    List<String> coords = new ArrayList<>();
    for (double[] p : points) {
      if (!Double.isNaN(p[1])) {
        coords.add(String.format(Locale.ROOT, "%.1f,%.1f", x(p[0]), y(p[1])));
      }
    }
    svg.append(String.format("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"%s\"/>%n", color,
        dash == null ? "" : " stroke-dasharray=\"" + dash + "\"", String.join(" ", coords)));
    for (double[] p : points) {
      if (!Double.isNaN(p[1])) {
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>%n", x(p[0]),
            y(p[1]), color));
      }
    }
  }

  /** A bar from the bottom of the axis up to {@code value}, {@code barWidth} pixels wide at pixel {@code px}. */
  void bar(double px, double barWidth, double value, String color, String tooltip) {
    if (Double.isNaN(value)) {
      return;
    }
    double yy = y(value);
    svg.append(String.format(Locale.ROOT,
        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>%n", px, yy,
        barWidth, bottom() - yy, color, escape(tooltip)));
  }

  void line(double x1, double y1, double x2, double y2, String color, double strokeWidth, String dash) {
    svg.append(String.format(Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>%n", x1, y1, x2, y2,
        color, strokeWidth, dash == null ? "" : " stroke-dasharray=\"" + dash + "\""));
  }

  void rect(double x, double y, double w, double h, String fill, String stroke) {
    svg.append(String.format(Locale.ROOT,
        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" stroke=\"%s\"/>%n", x, y, w, h, fill,
        stroke));
  }

  void text(double x, double y, String text, String anchor, int size, String weight) {
    svg.append(String.format(Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" font-weight=\"%s\" text-anchor=\"%s\">%s</text>%n", x, y, size,
        weight, anchor, escape(text)));
  }

  static String format(double v) {
    if (v == 0) {
      return "0";
    }
    if (v >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (v >= 1) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    return String.format(Locale.ROOT, "%s", Double.toString(v).replaceAll("0+$", ""));
  }

  /** The largest 1, 2 or 5 × 10^k at or below {@code v}. */
  private static double niceBelow(double v) {
    double decade = Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
    return v >= 5 * decade ? 5 * decade : v >= 2 * decade ? 2 * decade : decade;
  }

  /** The smallest 1, 2 or 5 × 10^k at or above {@code v}. */
  private static double niceAbove(double v) {
    double decade = Math.pow(10, Math.floor(Math.log10(v) - 1e-9));
    return v <= decade ? decade : v <= 2 * decade ? 2 * decade : v <= 5 * decade ? 5 * decade : 10 * decade;
  }

  private static double niceStep(double raw) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * magnitude >= raw) {
        return m * magnitude;
      }
    }
    return 10 * magnitude;
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}

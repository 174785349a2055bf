package io.weft.bench;

import java.util.ArrayList;
import java.util.List;

/** A table printed as aligned text (terminal) or as Markdown (report), from the same rows. */
final class TextTable {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();
  /** Columns before this one are text (left-aligned in Markdown); the rest are numbers. */
  private int textColumns = 1;

  TextTable(String... header) {
    this.header = List.of(header);
  }

  TextTable textColumns(int n) {
    textColumns = n;
    return this;
  }

  TextTable row(Object... cells) {
    List<String> row = new ArrayList<>();
    for (Object c : cells) {
      row.add(c == null ? "" : c.toString());
    }
    rows.add(row);
    return this;
  }

  String plain() {
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = header.get(i).length();
      for (List<String> r : rows) {
        widths[i] = Math.max(widths[i], i < r.size() ? r.get(i).length() : 0);
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, header, widths);
    for (List<String> r : rows) {
      line(out, r, widths);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells, int[] widths) {
    for (int i = 0; i < widths.length; i++) {
      String c = i < cells.size() ? cells.get(i) : "";
      boolean left = i == 0;
      String pad = " ".repeat(widths[i] - c.length());
      out.append(left ? c + pad : pad + c).append(i + 1 < widths.length ? "  " : "\n");
    }
  }

  String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("| ").append(String.join(" | ", header)).append(" |\n|");
    for (int i = 0; i < header.size(); i++) {
      out.append(i < textColumns ? " --- |" : " ---: |");
    }
    out.append('\n');
    for (List<String> r : rows) {
      out.append("| ").append(String.join(" | ", r)).append(" |\n");
    }
    return out.toString();
  }

  /** A rate as written in options: 20, 0.1. */
  static String rate(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  /** A number for a table: NaN as "–", big values without decimals. */
  static String num(double value) {
    if (Double.isNaN(value)) {
      return "–";
    }
    if (Math.abs(value) >= 100) {
      return String.format("%,.0f", value);
    }
    return String.format("%.2f", value);
  }
}

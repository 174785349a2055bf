package io.weft.bench;

/** The soak's section of report.md, and its verdict table for the terminal. */
final class SoakReport {
  private SoakReport() {
  }

  static TextTable table(SoakResult soak) {
    TextTable t = new TextTable("soak criterion", "measured", "verdict").textColumns(3);
    soak.checks().forEach(c -> t.row(c.criterion(), c.measured(), c.passed() ? "pass" : "FAIL"));
    return t;
  }

  static void markdown(StringBuilder md, SoakResult soak) {
    if (soak == null) {
      return;
    }
    md.append("## Soak\n\n");
    md.append(String.format("%d s of every load at once on one Weft (embedded store, defaults) with `-Xmx%s`: "
        + "well-behaved editors (%s closed loop, every acknowledged op noted by src and seq), %d sockets subscribed to "
        + "their document that stop reading, an op flood from %d sockets pipelining without waiting for acks (each on "
        + "its own document), a sign-up flood (%d form posts in flight from one address) beside a login of an existing "
        + "account every second, and %d sockets reading a long history with `getOps` from version 0, over and over. "
        + "Then the server is asked to answer, its heap is read from its GC log (`-Xlog:gc`: heap in use after each "
        + "collection) and `jcmd`, its peak RSS from /proc (VmHWM), and the editors' document's op log is read back "
        + "(`getOps`, paged) to find every acknowledged op exactly once. Slow readers count as closed once the "
        + "server's side of their TCP connection leaves ESTABLISHED (/proc/net/tcp); their close codes are read "
        + "after the load. Reproduce: `server/bench/run.sh --phases soak --soak-secs %d`.%n%n", soak.secs(),
        soak.heap(), SoakBench.EDITORS.label(), SoakBench.SLOW_READERS, SoakBench.FLOOD_SOCKETS,
        SoakBench.SIGNUP_WORKERS, SoakBench.HISTORY_READERS, soak.secs()));
    TextTable checks = new TextTable("criterion", "measured", "verdict").textColumns(3);
    soak.checks().forEach(c -> checks.row(c.criterion(), c.measured(), c.passed() ? "✅ pass" : "❌ **fail**"));
    md.append(checks.markdown()).append('\n');
    TextTable load = new TextTable("load", "what it did").textColumns(2);
    soak.load().forEach(load::row);
    md.append(load.markdown()).append('\n');
  }
}

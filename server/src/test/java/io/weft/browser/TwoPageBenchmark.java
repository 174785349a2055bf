package io.weft.browser;

import com.microsoft.playwright.Page;
import io.weft.testing.RecordingClient;
import io.weft.testing.TestServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark, not a test: the browser client in headless Chromium against a Weft on the embedded store.
 * <ol>
 *   <li>Load: a page of 2,000 elements, from navigation start to the client's {@code loaded}
 *       (the {@code weft-loaded} performance mark), over several fresh loads.</li>
 *   <li>Edit latency: two pages (separate browser contexts) on that page; page A changes an
 *       attribute, or types a character, and page B's MutationObserver notes when the change lands.
 *       Both timestamps are taken in the browser on one clock.</li>
 * </ol>
 * Run: see the README ("Browser: load time and edit latency between two pages"). Options (system
 * properties): {@code loads} (default 15), {@code edits} (default 300), {@code elements} (default 2000).
 */
public final class TwoPageBenchmark {
  private static final String DOC = "bench-2000";

  public static void main(String[] args) {
    int loads = Integer.getInteger("loads", 15);
    int edits = Integer.getInteger("edits", 300);
    int elements = Integer.getInteger("elements", 2000);
    System.out.println("load average before: " + loadAverage());
    try (TestServer server = TestServer.start(); Chromium chromium = Chromium.launch()) {
      createPage(server, elements);
      double[] loadMillis = measureLoads(chromium, server, loads);
      System.out.printf("load of a %d-element page (navigation start -> loaded), %d loads after 3 warm-up: "
          + "median %.0f ms, min %.0f ms, max %.0f ms%n", elements, loads, percentile(loadMillis, 50),
          loadMillis[0], loadMillis[loadMillis.length - 1]);
      LivePage a = LivePage.open(chromium, server, DOC);
      LivePage b = LivePage.open(chromium, server, DOC);
      double[] attr = measureEdits(a, b, edits, "attribute");
      report("attribute set", attr);
      double[] text = measureEdits(a, b, edits, "text");
      report("typed character", text);
    }
    System.out.println("load average after: " + loadAverage());
    // The test harness's WebSocket client keeps non-daemon threads.
    System.exit(0);
  }

  /** A page whose body holds `elements` elements: sections of a heading and paragraphs, each with an id. */
  private static void createPage(TestServer server, int elements) {
    List<Object> body = new ArrayList<>(List.of("body", attrs("__wid", "bodyWid1"), "\n"));
    int made = 0;
    int section = 0;
    while (made < elements) {
      List<Object> sec = new ArrayList<>(List.of("section", attrs("__wid", wid("s", section), "id", "s" + section)));
      made++;
      for (int i = 0; i < 9 && made < elements; i++, made++) {
        String tag = i == 0 ? "h2" : "p";
        sec.add(new ArrayList<>(List.of(tag, attrs("__wid", wid("e", made), "class", "c" + i),
            "Text of element " + made + " in section " + section)));
      }
      body.add(sec);
      body.add("\n");
      section++;
    }
    body.add(new ArrayList<>(List.of("div", attrs("__wid", "target01", "id", "target"), "x")));
    List<Object> page = new ArrayList<>(List.of("html", attrs("__wid", "htmlWid1"), "\n",
        new ArrayList<>(List.of("head", attrs("__wid", "headWid1"), "\n",
            new ArrayList<>(List.of("title", attrs("__wid", "titleWd1"), DOC)), "\n")), "\n", body));
    try (RecordingClient client = server.connect(DOC)) {
      Map<String, Object> ack = client.create(DOC, page);
      if (ack.containsKey("error")) {
        throw new IllegalStateException("create failed: " + ack);
      }
    }
  }

  private static double[] measureLoads(Chromium chromium, TestServer server, int loads) {
    double[] out = new double[loads];
    for (int i = -3; i < loads; i++) {
      Page page = chromium.newPage();
      page.navigate(server.url("/" + DOC + "/"));
      page.waitForFunction("() => performance.getEntriesByName('weft-loaded').length > 0");
      double millis = ((Number) page.evaluate("performance.getEntriesByName('weft-loaded')[0].startTime")).doubleValue();
      if (i >= 0) {
        out[i] = millis;
      }
      if (i == loads - 1) {
        System.out.println("last load, ms since navigation start: " + page.evaluate("JSON.stringify(Object.fromEntries("
            + "[...performance.getEntriesByType('navigation').map(n => ['html', Math.round(n.responseEnd)]),"
            + " ...performance.getEntriesByType('resource').map(r => [r.name.split('/').pop(), Math.round(r.responseEnd)]),"
            + " ...performance.getEntriesByType('mark').map(m => [m.name, Math.round(m.startTime)])]))"));
      }
      page.context().close();
    }
    Arrays.sort(out);
    return out;
  }

  /** Latencies in ms of `count` edits made on `a` until they show on `b` (after 30 warm-up edits). */
  private static double[] measureEdits(LivePage a, LivePage b, int count, String kind) {
    b.eval("() => { window.__arrivals = {}; const t = document.getElementById('target');"
        + " new MutationObserver(() => { const now = performance.timeOrigin + performance.now();"
        + " const key = t.getAttribute('data-n') + '|' + t.textContent.length;"
        + " if (!(key in __arrivals)) __arrivals[key] = now; })"
        + ".observe(t, {attributes: true, characterData: true, subtree: true, childList: true}); }");
    String edit = "attribute".equals(kind)
        ? "(i) => { const t = document.getElementById('target'); const at = performance.timeOrigin + performance.now();"
            + " t.setAttribute('data-n', String(i)); return [at, String(i) + '|' + t.textContent.length]; }"
        : "(i) => { const t = document.getElementById('target'); const at = performance.timeOrigin + performance.now();"
            + " t.firstChild.appendData('k'); return [at, t.getAttribute('data-n') + '|' + t.textContent.length]; }";
    List<Double> latencies = new ArrayList<>();
    for (int i = -30; i < count; i++) {
      List<?> sent = (List<?>) a.eval(edit, i + 100_000 * kind.length());
      String key = (String) sent.get(1);
      b.waitFor("(key) => key in window.__arrivals", key);
      double arrived = ((Number) b.eval("(key) => __arrivals[key]", key)).doubleValue();
      if (i >= 0) {
        latencies.add(arrived - ((Number) sent.get(0)).doubleValue());
      }
    }
    a.saved();
    return latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
  }

  private static void report(String what, double[] sorted) {
    System.out.printf("edit latency, %s on page A until it shows on page B, %d edits: p50 %.1f ms, p99 %.1f ms, "
        + "max %.1f ms%n", what, sorted.length, percentile(sorted, 50), percentile(sorted, 99), sorted[sorted.length - 1]);
  }

  private static double percentile(double[] sorted, double p) {
    int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /** The machine's load average (1, 5, 15 minutes), where the system reports it: other work skews every figure. */
  private static String loadAverage() {
    try {
      String[] parts = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2] + " on " + Runtime.getRuntime().availableProcessors() + " cores";
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static String wid(String prefix, int n) {
    String s = prefix + Integer.toString(n, 36);
    return (s + "zzzzzzzz").substring(0, 8);
  }

  private static Map<String, Object> attrs(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }
}

package io.weft.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks, after a load, that the server stored every acknowledged op exactly once: reads the whole
 * op log back over a fresh socket and finds each acknowledged (src, seq) in it once, setting the value
 * the client sent. Also counts ops stored twice under one (src, seq), whoever sent them.
 *
 * @param acknowledged ops the clients saw acknowledged
 * @param storedOnce of those, found exactly once with the value sent
 * @param missing acknowledged and not in the log
 * @param duplicated stored more than once (any src)
 * @param wrongValue found, but setting another value than the client sent
 * @param unacknowledged stored ops of the clients whose ack they never saw (in flight at the end)
 * @param logOps ops in the log, creation included
 */
record StoredOnce(long acknowledged, long storedOnce, long missing, long duplicated, long wrongValue,
    long unacknowledged, long logOps) {
  /** Ops asked for per getOps request: a reply of about a megabyte. */
  static final int PAGE_OPS = 5000;
  private static final long TIMEOUT_SECS = 120;

  boolean passed() {
    return acknowledged > 0 && storedOnce == acknowledged && duplicated == 0;
  }

  static StoredOnce check(Connector connector, String url, String docId, List<SoakEditors.Acked> acked) {
    LoadClient reader = Connector.await(connector.connect(url, docId, 0, 0), 30);
    try {
      WireFrame snapshot = Connector.await(reader.request(WireMessages.subscribe(docId),
          f -> "s".equals(f.a) && docId.equals(f.d)), TIMEOUT_SECS);
      if (snapshot.isError()) {
        throw new ServerError("subscribe " + docId, snapshot.errorCode);
      }
      Map<String, SoakEditors.Acked> bySrc = new HashMap<>();
      Map<String, int[]> found = new HashMap<>();
      for (SoakEditors.Acked a : acked) {
        bySrc.put(a.src, a);
        found.put(a.src, new int[a.size]);
      }
      Map<String, BitSet> seen = new HashMap<>();
      long[] counts = new long[3]; // duplicated, wrongValue, unacknowledged
      long logOps = OpLog.read(reader, docId, 0, snapshot.dataV, PAGE_OPS, TIMEOUT_SECS, op -> {
        String src = op.path("src").asText();
        long seq = op.path("seq").asLong(-1);
        if (seq >= 0 && seq <= Integer.MAX_VALUE && seen.computeIfAbsent(src, s -> new BitSet()).get((int) seq)) {
          counts[0]++;
        } else if (seq >= 0 && seq <= Integer.MAX_VALUE) {
          seen.get(src).set((int) seq);
        }
        SoakEditors.Acked a = bySrc.get(src);
        if (a == null || op.has("create")) {
          return;
        }
        int i = a.indexOf(seq);
        if (i < 0) {
          counts[2]++;
        } else if (setsValue(op.path("op"), "t" + a.stamps[i])) {
          found.get(src)[i]++;
        } else {
          counts[1]++;
        }
      });
      long acknowledged = 0;
      long once = 0;
      long missing = 0;
      for (SoakEditors.Acked a : acked) {
        acknowledged += a.size;
        for (int n : found.get(a.src)) {
          once += n == 1 ? 1 : 0;
          missing += n == 0 ? 1 : 0;
        }
      }
      return new StoredOnce(acknowledged, once, missing, counts[0], counts[1], counts[2], logOps);
    } finally {
      reader.close();
    }
  }

  /** Whether a json0 op holds a component inserting {@code value} ({@code "oi":value}). */
  private static boolean setsValue(JsonNode op, String value) {
    for (JsonNode component : op) {
      if (value.equals(component.path("oi").asText(null))) {
        return true;
      }
    }
    return false;
  }

  String summary() {
    return String.format("%,d acknowledged: %,d stored once, %,d missing, %,d with another value; %,d stored twice; "
        + "%,d stored without an ack seen; %,d ops in the log", acknowledged, storedOnce, missing, wrongValue, duplicated,
        unacknowledged, logOps);
  }
}

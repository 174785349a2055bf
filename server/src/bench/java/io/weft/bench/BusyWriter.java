package io.weft.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the slow readers' document busy: one socket replacing a large attribute (CJK text, three
 * bytes a character in UTF-8) up to {@link #TICKS_PER_SEC} times a second, one op in flight, until
 * stopped or {@code maxOps}. Each op is about {@link #VALUE_CHARS} × 2 characters on the wire, so a
 * reader that does not read falls behind by about a megabyte a second.
 */
final class BusyWriter {
  static final int VALUE_CHARS = 2000;
  static final int TICKS_PER_SEC = 100;
  private static final String CJK = "漢字仮名交じり文";

  private final LoadClient client;
  private final long maxOps;
  private final AtomicLong acked = new AtomicLong();
  private volatile boolean stopping;
  private long timer = -1;

  private BusyWriter(LoadClient client, long maxOps) {
    this.client = client;
    this.maxOps = maxOps;
  }

  /** Creates {@code docId} and subscribes to it; {@link #start} writes. */
  static BusyWriter open(Connector connector, String url, String docId, long maxOps) {
    LoadClient c = Connector.await(connector.connect(url, docId, 0, 1), 30);
    Connector.await(c.create(Fleet.PAGE), 30);
    Connector.await(c.subscribe(), 30);
    return new BusyWriter(c, maxOps);
  }

  void start(Connector connector) {
    client.context.runOnContext(v -> {
      boolean[] inFlight = {false};
      long[] sent = {0};
      String[] last = {null};
      String src = client.src();
      client.divert(f -> {
        if ("op".equals(f.a) && (f.isError() || src.equals(f.src))) {
          inFlight[0] = false;
          acked.addAndGet(f.isError() ? 0 : 1);
        }
      });
      timer = connector.vertx.setPeriodic(1000 / TICKS_PER_SEC, t -> {
        if (stopping || inFlight[0] || client.isClosed() || sent[0] >= maxOps) {
          return;
        }
        String value = "b" + ++sent[0] + " " + CJK.repeat(VALUE_CHARS / CJK.length());
        inFlight[0] = true;
        client.send(WireMessages.op(client.docId, -1, src, client.nextSeq(),
            WireMessages.setHtmlAttribute("data-busy", value, last[0])));
        last[0] = value;
      });
    });
  }

  long acked() {
    return acked.get();
  }

  void stop(Connector connector) {
    stopping = true;
    client.context.runOnContext(v -> connector.vertx.cancelTimer(timer));
    client.close();
  }
}

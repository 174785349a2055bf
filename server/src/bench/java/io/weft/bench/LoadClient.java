package io.weft.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One protocol client on one socket, as in load.js: it tracks the version it has seen, keeps at most
 * one op in flight, and sets its own attribute on {@code <html>} at that version, so the server has to
 * transform whenever another client committed first. Everything runs on {@link #context}.
 */
final class LoadClient {
  final Context context;
  final String docId;
  /** The attribute this client writes, {@code data-c<k>}. */
  final String key;
  private final WebSocket socket;
  private final Promise<LoadClient> ready = Promise.promise();
  /** The connection id the server gave this socket: the {@code src} of its ops. */
  private String src;
  private long seq;
  /** The next version this client expects: one past the last op it has seen. */
  private long version;
  private String lastValue;
  /** Seq of the op in flight, or -1. */
  private volatile long inflightSeq = -1;
  private Predicate<WireFrame> pendingMatch;
  private Promise<WireFrame> pending;
  private volatile ClientListener listener = ClientListener.NONE;
  /** When set, takes every frame that is not a request's reply, instead of the edit logic. */
  private volatile Consumer<WireFrame> diverted;
  /** When set, every incoming frame is dropped unread (a slow reader catching up at the end). */
  private volatile boolean discarding;
  /** Set once the socket has closed: the close code the server sent, or -1 for none (dropped). */
  private volatile int closeCode;
  private volatile boolean closed;

  private LoadClient(WebSocket socket, Context context, String docId, int index) {
    this.socket = socket;
    this.context = context;
    this.docId = docId;
    this.key = "data-c" + index;
  }

  /** Wraps a just-opened socket (call on its context) and completes once the server said who we are. */
  static Future<LoadClient> start(WebSocket socket, Context context, String docId, int index) {
    LoadClient client = new LoadClient(socket, context, docId, index);
    socket.textMessageHandler(client::onText);
    socket.exceptionHandler(e -> client.ready.tryFail(e));
    socket.closeHandler(v -> {
      Short code = socket.closeStatusCode();
      client.closeCode = code == null ? -1 : code;
      client.closed = true;
      client.ready.tryFail("socket closed before the handshake");
    });
    socket.writeTextMessage(WireMessages.HANDSHAKE);
    return client.ready.future();
  }

  String src() {
    return src;
  }

  long nextSeq() {
    return ++seq;
  }

  /** Sends {@code message} and completes with the first frame that {@code match} accepts. */
  Future<WireFrame> request(String message, Predicate<WireFrame> match) {
    Promise<WireFrame> promise = Promise.promise();
    context.runOnContext(v -> {
      if (pending != null) {
        promise.fail("a request is already waiting on " + docId);
        return;
      }
      pending = promise;
      pendingMatch = match;
      socket.writeTextMessage(message).onFailure(promise::tryFail);
    });
    return promise.future();
  }

  /** Creates the document with {@code dataJson} as its content; fails on an error reply. */
  Future<Void> create(String dataJson) {
    long s = nextSeq();
    return request(WireMessages.create(docId, src, s, dataJson),
        f -> "op".equals(f.a) && docId.equals(f.d) && f.seq == s)
        .compose(f -> f.isError() ? Future.failedFuture(new ServerError("create " + docId, f.errorCode))
            : Future.succeededFuture());
  }

  /** Subscribes and starts tracking the version from the snapshot's. */
  Future<Void> subscribe() {
    return request(WireMessages.subscribe(docId), f -> "s".equals(f.a) && docId.equals(f.d)).compose(f -> {
      if (f.isError()) {
        return Future.failedFuture(new ServerError("subscribe " + docId, f.errorCode));
      }
      version = f.dataV;
      return Future.succeededFuture();
    });
  }

  /** Hands every unsolicited frame to {@code handler} (for clients that are not load clients). */
  void divert(Consumer<WireFrame> handler) {
    diverted = handler;
  }

  void listen(ClientListener l) {
    listener = l;
  }

  /** Sends the next edit unless one is in flight; call on {@link #context}. Returns whether it sent. */
  boolean submitEdit() {
    if (inflightSeq >= 0) {
      return false;
    }
    String value = "t" + Clock.micros();
    long s = ++seq;
    inflightSeq = s;
    socket.writeTextMessage(WireMessages.op(docId, version, src, s,
        WireMessages.setHtmlAttribute(key, value, lastValue)));
    lastValue = value;
    return true;
  }

  void send(String text) {
    socket.writeTextMessage(text);
  }

  /** The seq of the last op this client sent (the one just acknowledged, in {@link ClientListener#acked}). */
  long lastSeq() {
    return seq;
  }

  /** The value the last op this client sent set, {@code t<µs sent>}. */
  String lastValue() {
    return lastValue;
  }

  /** Whether an op of this client awaits its ack or refusal. */
  boolean hasInFlight() {
    return inflightSeq >= 0;
  }

  boolean isClosed() {
    return closed;
  }

  /** The close code the server sent, -1 if it sent none; meaningful once {@link #isClosed()}. */
  int closeCode() {
    return closeCode;
  }

  int localPort() {
    return socket.localAddress().port();
  }

  /** Whether the client's send buffer is over its mark: a writer that does not wait for acks waits for this. */
  boolean writeQueueFull() {
    return socket.writeQueueFull();
  }

  /** Runs {@code then} once the send buffer has drained below its mark; call on {@link #context}. */
  void onDrain(Runnable then) {
    socket.drainHandler(v -> then.run());
  }

  /** Stops reading the socket, so what the server sends piles up in its send queue. */
  void stopReading() {
    context.runOnContext(v -> socket.pause());
  }

  /** Reads again, dropping every frame unparsed, until the socket closes. */
  void drainUnread() {
    discarding = true;
    context.runOnContext(v -> socket.resume());
  }

  Future<Void> close() {
    return socket.close();
  }

  private void onText(String text) {
    if (discarding) {
      return;
    }
    WireFrame f = WireFrame.parse(text);
    if (src == null) {
      if ("init".equals(f.a) || "hs".equals(f.a)) {
        src = f.connectionId;
        ready.tryComplete(this);
      }
      return;
    }
    if (pending != null && pendingMatch.test(f)) {
      Promise<WireFrame> p = pending;
      pending = null;
      pendingMatch = null;
      p.complete(f);
      return;
    }
    Consumer<WireFrame> d = diverted;
    if (d != null) {
      d.accept(f);
      return;
    }
    if (!"op".equals(f.a) || !docId.equals(f.d)) {
      return;
    }
    if (f.isError()) {
      inflightSeq = -1;
      listener.rejected(this, f);
      return;
    }
    if (f.seq == inflightSeq && src.equals(f.src)) {
      inflightSeq = -1;
      version = f.v + 1;
      listener.acked(this);
      return;
    }
    if (f.v < version) {
      return; // seen already (a server may resend ops a client missed)
    }
    version = f.v + 1;
    listener.delivered(this, f);
  }
}

package io.weft.testing;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.weft.json.Json;
import io.weft.ot.Json0;
import io.weft.testing.ClientDocument.Incoming;
import io.weft.testing.ClientDocument.Submission;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@link OtClient}'s connection, an actor on one Vert.x context: the socket, the frames it receives
 * (held while the client plays a slow link), and the document's OT bookkeeping ({@link ClientDocument}).
 * Everything here but the fields marked otherwise runs on {@link #context}, so sends leave in the
 * order they were made.
 */
final class OtConnection {
  static final Vertx VERTX = Vertx.vertx();
  private static final WebSocketClient CLIENT = VERTX.createWebSocketClient(new WebSocketClientOptions()
      .setMaxFrameSize(64 * 1024 * 1024).setMaxMessageSize(64 * 1024 * 1024));

  private final int port;
  private final String docId;
  private final String name;
  final Context context = VERTX.getOrCreateContext();
  // ---- readable from any thread ----
  final List<String> errors = new CopyOnWriteArrayList<>();
  /** Submissions made but not acknowledged (in flight or pending). */
  final AtomicInteger outstanding = new AtomicInteger();
  volatile Consumer<OtClient.Ack> ackListener = ack -> { };
  volatile boolean failOnServerClose = true;
  // Counters, for tests to show which paths ran.
  final AtomicInteger acks = new AtomicInteger();
  final AtomicInteger ackedByCatchUp = new AtomicInteger();
  final AtomicInteger resends = new AtomicInteger();
  final AtomicInteger transformedByServer = new AtomicInteger();
  final AtomicInteger reconnects = new AtomicInteger();

  // ---- touched only on the context ----
  /** Like a browser's visitor cookie, so a reconnected socket may resend under its earlier socket's src. */
  private final String visitorCookie = "weft_visitor=" + java.util.UUID.randomUUID().toString().replace("-", "");
  private WebSocket socket;
  private String connectionId;
  private boolean subscribed;
  private Promise<Void> ready;
  private final ClientDocument doc;
  private boolean holding;
  private final ArrayDeque<Frame> held = new ArrayDeque<>();

  /** A frame as received, with the socket it came on (frames of a socket since left are dropped). */
  private record Frame(WebSocket from, String text) {
  }

  OtConnection(int port, String docId, String name, boolean composePending) {
    this.port = port;
    this.docId = docId;
    this.name = name;
    this.doc = new ClientDocument(composePending);
  }

  // ---- what OtClient asks for, on the context ----

  Future<Void> disconnect() {
    WebSocket s = socket;
    goOffline();
    return s == null ? Future.succeededFuture() : s.close().otherwise((Void) null);
  }

  Future<Void> reconnect() {
    if (socket != null) {
      return Future.failedFuture(new IllegalStateException(name + " is already connected"));
    }
    if (holding) {
      // The handshake and catch-up would be held too, and never complete.
      return Future.failedFuture(new IllegalStateException(name + " cannot reconnect while holding frames"));
    }
    reconnects.incrementAndGet();
    return connect();
  }

  void hold(boolean hold) {
    holding = hold;
    while (!holding && !held.isEmpty()) {
      Frame frame = held.pollFirst();
      process(frame.from(), frame.text());
    }
  }

  OtClient.State state() {
    return new OtClient.State(doc.version(), Json0.deepCopy(doc.data()), socket != null, doc.inflight() != null,
        doc.pendingCount());
  }

  boolean isOnline() {
    return socket != null;
  }

  String connectionId() {
    return connectionId;
  }

  String describe() {
    return name + "{v=" + doc.version() + ", online=" + (socket != null) + ", subscribed=" + subscribed
        + ", inflight=" + doc.inflight() + ", pending=" + doc.pendingCount() + ", held=" + held.size()
        + ", acks=" + acks + ", errors=" + errors + "}";
  }

  // ---- the socket and the document ----

  Future<Void> connect() {
    ready = Promise.promise();
    Promise<Void> done = ready;
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI("/" + docId + "/").addHeader("Cookie", visitorCookie);
    CLIENT.connect(options).onComplete(ar -> {
      if (ar.failed()) {
        done.tryFail(ar.cause());
        return;
      }
      if (Vertx.currentContext() != context) {
        done.tryFail(new IllegalStateException("connect completed off the client's context"));
        return;
      }
      WebSocket ws = ar.result();
      socket = ws;
      subscribed = false;
      // Handlers go on at once, before the server's first frame can be read; frames are re-queued on
      // this client's context, in arrival order, in case the socket lives on another event loop.
      ws.textMessageHandler(text -> context.runOnContext(v -> onFrame(ws, text)));
      ws.closeHandler(v -> context.runOnContext(x -> onClosed(ws)));
    });
    return done.future();
  }

  private void onFrame(WebSocket from, String text) {
    if (from != socket) {
      return; // a frame from a socket this client has already left
    }
    if (holding) {
      held.addLast(new Frame(from, text));
      return;
    }
    process(from, text);
  }

  @SuppressWarnings("unchecked")
  private void process(WebSocket from, String text) {
    if (from != socket) {
      return;
    }
    Map<String, Object> m;
    try {
      m = (Map<String, Object>) Json.parse(text);
    } catch (RuntimeException e) {
      fail("unparsable frame " + text);
      return;
    }
    if (m.get("error") != null) {
      fail("server error: " + text);
      if (ready != null) {
        ready.tryFail(new IllegalStateException(name + ": " + text));
      }
      return;
    }
    Object action = m.get("a");
    if ("init".equals(action)) {
      connectionId = (String) m.get("id");
      Map<String, Object> s = message("s");
      if (doc.hasSnapshot()) {
        s.put("v", doc.version());
      }
      send(s);
    } else if ("s".equals(action)) {
      onSubscribed(m);
    } else if ("op".equals(action)) {
      onOp(m);
    }
    // Anything else (a Webstrates "wa" message, a pong) does not concern the document.
  }

  private void onSubscribed(Map<String, Object> m) {
    if (m.get("data") instanceof Map<?, ?> snapshot) {
      if (snapshot.get("type") == null) {
        fail("document " + docId + " does not exist");
        ready.tryFail(new IllegalStateException("no document " + docId));
        return;
      }
      try {
        doc.snapshot(snapshot.get("data"), ((Number) snapshot.get("v")).longValue());
      } catch (IllegalStateException e) {
        fail(e.getMessage());
        return;
      }
    }
    // A bare reply ends the catch-up: every op missed while offline has arrived.
    subscribed = true;
    if (doc.inflight() != null) {
      resends.incrementAndGet();
      send(doc.inflight());
    } else {
      flush();
    }
    ready.tryComplete();
  }

  private void onOp(Map<String, Object> m) {
    if (m.containsKey("create")) {
      fail("unexpected create of " + docId + ": " + m);
      return;
    }
    long v = ((Number) m.get("v")).longValue();
    long opSeq = m.get("seq") instanceof Number n ? n.longValue() : -1;
    Incoming what;
    try {
      what = doc.receive(v, (String) m.get("src"), opSeq, m.get("op"));
    } catch (IllegalStateException e) {
      fail(e.getMessage() + ": " + m);
      return;
    }
    switch (what) {
      case ACK_BY_CATCH_UP -> {
        ackedByCatchUp.incrementAndGet();
        acknowledged(v);
      }
      case ACK -> acknowledged(v);
      case REMOTE, REPEATED_ACK -> { }
    }
  }

  private void acknowledged(long v) {
    Submission done = doc.lastAcked();
    acks.incrementAndGet();
    outstanding.decrementAndGet();
    if (done.sentVersion < v) {
      transformedByServer.incrementAndGet();
    }
    try {
      ackListener.accept(new OtClient.Ack(done.src, done.seq, v, done.op));
    } catch (RuntimeException e) {
      fail("ack listener failed: " + e);
    }
    flush();
  }

  boolean editNow(Function<Object, List<?>> maker) {
    if (!doc.hasSnapshot()) {
      throw new IllegalStateException(name + " has no document yet");
    }
    List<?> json = maker.apply(doc.data());
    if (json == null || json.isEmpty()) {
      return false;
    }
    if (doc.edit(json)) {
      outstanding.incrementAndGet();
    }
    flush();
    return true;
  }

  /** Sends the next pending edit if nothing is in flight and the socket is ready. */
  private void flush() {
    if (socket == null || !subscribed) {
      return;
    }
    Submission next = doc.nextSubmission(connectionId);
    if (next != null) {
      send(next);
    }
  }

  /** Sends (or resends, with its first src and seq) a submission at the client's current version. */
  private void send(Submission submission) {
    Map<String, Object> m = message("op");
    m.put("v", doc.version());
    m.put("src", submission.src);
    m.put("seq", submission.seq);
    m.put("op", Json0.toJson(submission.op));
    submission.sentVersion = doc.version();
    send(m);
  }

  private void send(Map<String, Object> message) {
    if (socket != null) {
      socket.writeTextMessage(Json.encode(message));
    }
  }

  private Map<String, Object> message(String action) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("a", action);
    m.put("c", "webstrates");
    m.put("d", docId);
    return m;
  }

  private void onClosed(WebSocket ws) {
    if (ws != socket) {
      return; // a socket this client closed itself
    }
    goOffline();
    String why = "the server closed the socket (" + ws.closeStatusCode() + " " + ws.closeReason() + ")";
    if (failOnServerClose) {
      fail(why);
    }
    if (ready != null) {
      ready.tryFail(new IllegalStateException(name + ": " + why));
    }
  }

  private void goOffline() {
    socket = null;
    subscribed = false;
    held.clear();
  }

  private void fail(String problem) {
    errors.add(name + ": " + problem);
  }
}

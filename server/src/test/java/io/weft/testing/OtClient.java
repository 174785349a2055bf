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
import io.weft.ot.Component;
import io.weft.ot.Json0;
import io.weft.testing.ClientDocument.Incoming;
import io.weft.testing.ClientDocument.Submission;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A ShareDB client with real client-side OT, as ShareDB's browser client works: it keeps the document
 * and its version, has one op in flight and composes (or queues) the ones made meanwhile, transforms
 * incoming ops against its own unacknowledged ones (transformX: own as LEFT, remote as RIGHT), and on
 * reconnect resubscribes from its version and resends the in-flight op with the src and seq it was
 * first sent with, so the server can recognise a resend.
 *
 * <p>The OT bookkeeping is {@link ClientDocument}; this class is the connection around it. All state
 * lives on one Vert.x context (an actor): frames, local edits and reconnects are
 * serialised there, so sends leave in the order they were made. The public methods block the calling
 * (test) thread until the context has done the work. Anything the server rejects, and anything
 * unexpected on the wire, is recorded in {@link #errors()}: tests call {@link #assertNoErrors()}.
 */
public final class OtClient implements AutoCloseable {
  private static final long WAIT_SECONDS = 30;
  private static final Vertx VERTX = Vertx.vertx();
  private static final WebSocketClient CLIENT = VERTX.createWebSocketClient(new WebSocketClientOptions()
      .setMaxFrameSize(64 * 1024 * 1024).setMaxMessageSize(64 * 1024 * 1024));

  /** An acknowledged submission: the version it was committed at and the op as the server applied it. */
  public record Ack(String src, long seq, long version, List<Component> op) {
  }

  /** What the client looks like at one moment; {@code data} is a deep copy. */
  public record State(long version, Object data, boolean online, boolean inflight, int pending) {
  }

  private final int port;
  private final String docId;
  private final String name;
  private final Context context;
  private final List<String> errors = new CopyOnWriteArrayList<>();
  /** Submissions made but not acknowledged (in flight or pending); readable from any thread. */
  private final AtomicInteger outstanding = new AtomicInteger();
  private volatile Consumer<Ack> ackListener = ack -> { };
  private volatile boolean failOnServerClose = true;

  // ---- state: touched only on the context ----
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

  // ---- counters, for tests to show which paths ran ----
  private final AtomicInteger acks = new AtomicInteger();
  private final AtomicInteger transformedByServer = new AtomicInteger();
  private final AtomicInteger ackedByCatchUp = new AtomicInteger();
  private final AtomicInteger resends = new AtomicInteger();
  private final AtomicInteger remoteOps = new AtomicInteger();
  private final AtomicInteger reconnects = new AtomicInteger();

  private OtClient(int port, String docId, String name, boolean composePending) {
    this.port = port;
    this.docId = docId;
    this.name = name;
    this.doc = new ClientDocument(composePending);
    this.context = VERTX.getOrCreateContext();
  }

  /** Connects and subscribes to an existing document; pending ops are composed, as ShareDB does. */
  public static OtClient open(int port, String docId, String name) {
    return open(port, docId, name, true);
  }

  /** @param composePending false queues pending ops and sends each on its own (one ack per edit) */
  public static OtClient open(int port, String docId, String name, boolean composePending) {
    OtClient client = new OtClient(port, docId, name, composePending);
    client.await(client.call(() -> client.connect()), "subscribe");
    return client;
  }

  public String name() {
    return name;
  }

  /** Called on the client's context for each acknowledged submission, in order. */
  public OtClient onAck(Consumer<Ack> listener) {
    this.ackListener = listener;
    return this;
  }

  /** With false, the server closing the socket just takes the client offline (a test that kills servers). */
  public OtClient failOnServerClose(boolean fail) {
    this.failOnServerClose = fail;
    return this;
  }

  // ---- the public, blocking API ----

  /**
   * Makes a local edit: {@code maker} sees the local document (read-only) and returns a json0 op for it
   * (a List of component Maps), or null for none. The op is applied locally at once and sent when the
   * connection and the one-op-in-flight rule allow. Returns whether an edit was made.
   */
  public boolean edit(Function<Object, List<?>> maker) {
    return await(call(() -> Future.succeededFuture(editNow(maker))), "edit");
  }

  /** Closes the socket; the client keeps editing locally until {@link #reconnect()}. */
  public void disconnect() {
    await(call(() -> {
      WebSocket s = socket;
      goOffline();
      return s == null ? Future.succeededFuture() : s.close().otherwise((Void) null);
    }), "disconnect");
  }

  /** Opens a new socket, catches up from the client's version and resends what was unacknowledged. */
  public void reconnect() {
    await(call(() -> {
      if (socket != null) {
        return Future.failedFuture(new IllegalStateException(name + " is already connected"));
      }
      if (holding) {
        // The handshake and catch-up would be held too, and never complete.
        return Future.failedFuture(new IllegalStateException(name + " cannot reconnect while holding frames"));
      }
      reconnects.incrementAndGet();
      return connect();
    }), "reconnect");
  }

  /**
   * While held, incoming frames are buffered, not processed, as on a slow link: edits made meanwhile
   * are sent at a version the server has moved past. Releasing processes the buffer in order. Release
   * before {@link #reconnect()}.
   */
  public void hold(boolean hold) {
    await(call(() -> {
      holding = hold;
      while (!holding && !held.isEmpty()) {
        Frame frame = held.pollFirst();
        process(frame.from(), frame.text());
      }
      return Future.succeededFuture();
    }), "hold");
  }

  public State state() {
    return await(call(() -> Future.succeededFuture(new State(doc.version(), Json0.deepCopy(doc.data()),
        socket != null, doc.inflight() != null, doc.pendingCount()))), "state");
  }

  /** Submissions not yet acknowledged; cheap, from any thread. */
  public int outstanding() {
    return outstanding.get();
  }

  public boolean isOnline() {
    return await(call(() -> Future.succeededFuture(socket != null)), "isOnline");
  }

  public List<String> errors() {
    return List.copyOf(errors);
  }

  public void assertNoErrors() {
    if (!errors.isEmpty()) {
      throw new AssertionError(name + " saw " + errors.size() + " error(s), first: " + errors.get(0));
    }
  }

  public int acks() {
    return acks.get();
  }

  /** Acks at a later version than the op was sent at: the server transformed a stale op. */
  public int transformedByServer() {
    return transformedByServer.get();
  }

  /** In-flight ops found among the ops missed while offline, and taken as their ack. */
  public int ackedByCatchUp() {
    return ackedByCatchUp.get();
  }

  /** In-flight ops sent again after a reconnect. */
  public int resends() {
    return resends.get();
  }

  public int remoteOps() {
    return remoteOps.get();
  }

  public int reconnects() {
    return reconnects.get();
  }

  @Override
  public void close() {
    try {
      disconnect();
    } catch (RuntimeException e) {
      // Closing is best effort: the server may be gone.
    }
  }

  // ---- on the context ----

  private Future<Void> connect() {
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
      case REMOTE -> remoteOps.incrementAndGet();
      case REPEATED_ACK -> { }
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
      ackListener.accept(new Ack(done.src, done.seq, v, done.op));
    } catch (RuntimeException e) {
      fail("ack listener failed: " + e);
    }
    flush();
  }

  private boolean editNow(Function<Object, List<?>> maker) {
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

  // ---- bridging to the test thread ----

  private <T> Future<T> call(java.util.function.Supplier<Future<T>> action) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> {
      try {
        action.get().onComplete(promise);
      } catch (RuntimeException e) {
        promise.fail(e);
      }
    });
    return promise.future();
  }

  private <T> T await(Future<T> future, String what) {
    CompletableFuture<T> f = future.toCompletionStage().toCompletableFuture();
    try {
      return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(name + ": " + what + " failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(name + ": " + what + " did not finish in " + WAIT_SECONDS + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** For helpers that list the ops a client made: the src it uses for new submissions. */
  public String connectionId() {
    return await(call(() -> Future.succeededFuture(connectionId)), "connectionId");
  }

  @Override
  public String toString() {
    return name + "@" + docId;
  }

  /** Everything a failure message needs to say where the client stands. */
  public String describe() {
    return await(call(() -> Future.succeededFuture(name + "{v=" + doc.version() + ", online=" + (socket != null)
        + ", subscribed=" + subscribed + ", inflight=" + doc.inflight() + ", pending=" + doc.pendingCount()
        + ", held=" + held.size() + ", acks=" + acks + ", errors=" + errors + "}")), "describe");
  }
}

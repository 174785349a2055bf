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
import io.weft.ot.OtException;
import io.weft.ot.Side;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * <p>All state lives on one Vert.x context (an actor): frames, local edits and reconnects are
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

  /** One submission: sent with a fixed src and seq; its op is transformed while it waits for the ack. */
  private static final class Submission {
    final String src;
    final long seq;
    List<Component> op;
    /** The version the op was last sent at; an ack at a later version means the server transformed it. */
    long sentVersion = -1;

    Submission(String src, long seq, List<Component> op) {
      this.src = src;
      this.seq = seq;
      this.op = op;
    }
  }

  private final int port;
  private final String docId;
  private final String name;
  private final boolean composePending;
  private final Context context;
  private final List<String> errors = new CopyOnWriteArrayList<>();
  /** Submissions made but not acknowledged (in flight or pending); readable from any thread. */
  private final AtomicInteger outstanding = new AtomicInteger();
  private volatile Consumer<Ack> ackListener = ack -> { };
  private volatile boolean failOnServerClose = true;

  // ---- state: touched only on the context ----
  private WebSocket socket;
  private String connectionId;
  private boolean subscribed;
  private Promise<Void> ready;
  private Object data;
  /** -1 until the first snapshot arrives. */
  private long version = -1;
  private long seq;
  private Submission inflight;
  private final ArrayDeque<List<Component>> pending = new ArrayDeque<>();
  /** src + " " + seq of every acknowledged submission, to recognise a second ack after a resend. */
  private final Set<String> acked = new HashSet<>();
  private boolean holding;
  private final ArrayDeque<Object[]> held = new ArrayDeque<>();

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
    this.composePending = composePending;
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
      reconnects.incrementAndGet();
      return connect();
    }), "reconnect");
  }

  /**
   * While held, incoming frames are buffered, not processed, as on a slow link: edits made meanwhile
   * are sent at a version the server has moved past. Releasing processes the buffer in order.
   */
  public void hold(boolean hold) {
    await(call(() -> {
      holding = hold;
      while (!holding && !held.isEmpty()) {
        Object[] frame = held.pollFirst();
        process((WebSocket) frame[0], (String) frame[1]);
      }
      return Future.succeededFuture();
    }), "hold");
  }

  public State state() {
    return await(call(() -> Future.succeededFuture(new State(version, Json0.deepCopy(data), socket != null,
        inflight != null, pending.size()))), "state");
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
        .setURI("/" + docId + "/");
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
      held.addLast(new Object[] {from, text});
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
      if (version >= 0) {
        s.put("v", version);
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
      if (version >= 0) {
        fail("a snapshot arrived for a resubscribe from version " + version);
        return;
      }
      data = snapshot.get("data");
      version = ((Number) snapshot.get("v")).longValue();
    }
    // A bare reply ends the catch-up: every op missed while offline has arrived.
    subscribed = true;
    if (inflight != null) {
      resends.incrementAndGet();
      sendInflight();
    } else {
      flush();
    }
    ready.tryComplete();
  }

  private void onOp(Map<String, Object> m) {
    long v = ((Number) m.get("v")).longValue();
    String src = (String) m.get("src");
    long opSeq = m.get("seq") instanceof Number n ? n.longValue() : -1;
    boolean own = inflight != null && inflight.src.equals(src) && inflight.seq == opSeq;
    if (!m.containsKey("op") && !m.containsKey("create")) {
      if (own) {
        acknowledge(v);
      } else if (!acked.contains(src + " " + opSeq)) {
        fail("ack for a submission this client is not waiting for: " + m);
      }
      // else: the second ack of a resend whose first commit already reached us as an op.
      return;
    }
    if (v != version) {
      fail("op at version " + v + " while the client is at " + version + ": " + m);
      return;
    }
    if (own) {
      // Our in-flight op, committed before we reconnected: it is its own ack.
      ackedByCatchUp.incrementAndGet();
      acknowledge(v);
      return;
    }
    if (m.containsKey("create")) {
      fail("unexpected create of " + docId + " at version " + v);
      return;
    }
    try {
      List<Component> remote = Json0.parse(m.get("op"));
      if (inflight != null) {
        List<Component> mine = inflight.op;
        inflight.op = Json0.transform(mine, remote, Side.LEFT);
        remote = Json0.transform(remote, mine, Side.RIGHT);
      }
      int n = pending.size();
      for (int i = 0; i < n; i++) {
        List<Component> mine = pending.pollFirst();
        pending.addLast(Json0.transform(mine, remote, Side.LEFT));
        remote = Json0.transform(remote, mine, Side.RIGHT);
      }
      data = Json0.apply(data, remote);
      version++;
      remoteOps.incrementAndGet();
    } catch (OtException e) {
      fail("cannot transform or apply remote op " + m + ": " + e.getMessage());
    }
  }

  private void acknowledge(long v) {
    if (v != version) {
      fail("ack at version " + v + " while the client is at " + version);
      return;
    }
    Submission done = inflight;
    inflight = null;
    acked.add(done.src + " " + done.seq);
    version++;
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
    if (version < 0) {
      throw new IllegalStateException(name + " has no document yet");
    }
    List<?> json = maker.apply(data);
    if (json == null || json.isEmpty()) {
      return false;
    }
    List<Component> op;
    try {
      // The maker may hand out parts of the document (an ld value); the op must not share them.
      op = Json0.parse(Json0.deepCopy(json));
      data = Json0.apply(data, op);
    } catch (OtException e) {
      throw new IllegalStateException(name + " made an op that does not apply locally: " + json + ": "
          + e.getMessage(), e);
    }
    if (composePending && !pending.isEmpty()) {
      try {
        pending.addLast(Json0.compose(pending.pollLast(), op));
      } catch (OtException e) {
        throw new IllegalStateException("compose failed: " + e.getMessage(), e);
      }
    } else {
      pending.addLast(op);
      outstanding.incrementAndGet();
    }
    flush();
    return true;
  }

  private void flush() {
    if (socket == null || !subscribed || inflight != null || pending.isEmpty()) {
      return;
    }
    inflight = new Submission(connectionId, ++seq, pending.pollFirst());
    sendInflight();
  }

  private void sendInflight() {
    Map<String, Object> m = message("op");
    m.put("v", version);
    m.put("src", inflight.src);
    m.put("seq", inflight.seq);
    m.put("op", Json0.toJson(inflight.op));
    inflight.sentVersion = version;
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
    return await(call(() -> Future.succeededFuture(name + "{v=" + version + ", online=" + (socket != null)
        + ", subscribed=" + subscribed + ", inflight=" + (inflight == null ? null : inflight.src + "/" + inflight.seq
        + " " + inflight.op) + ", pending=" + pending.size() + ", held=" + held.size() + ", acks=" + acks
        + ", errors=" + errors + "}")), "describe");
  }
}

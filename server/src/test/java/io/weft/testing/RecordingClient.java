package io.weft.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.weft.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client that records every frame the server sends, so tests can assert what
 * arrived, in which order, and that nothing else did.
 */
public final class RecordingClient implements AutoCloseable {
  private static final long WAIT_SECONDS = 10;
  private static final Vertx VERTX = Vertx.vertx();
  /** Held for the whole run: Vert.x closes a client that becomes unreachable, mid-handshake if need be. */
  private static final WebSocketClient CLIENT = VERTX.createWebSocketClient(new WebSocketClientOptions()
      .setMaxFrameSize(64 * 1024 * 1024).setMaxMessageSize(64 * 1024 * 1024));

  private final WebSocket socket;
  private final BlockingQueue<Map<String, Object>> frames = new LinkedBlockingQueue<>();
  /**
   * Webstrates presence and signal frames ({@code hello}, {@code clientJoin}, {@code clientPart},
   * {@code publish}): they arrive beside the ShareDB conversation, so they are kept apart and read
   * with {@link #nextPresence()}. Replies ({@code "wa":"reply"}) stay in the main queue.
   */
  private final BlockingQueue<Map<String, Object>> presence = new LinkedBlockingQueue<>();
  private final CompletableFuture<Short> closed = new CompletableFuture<>();
  /** The server's init message, as received. */
  public final Map<String, Object> init;
  /** The connection id from the server's init message. */
  public final String id;
  private long seq;

  private RecordingClient(int port, String path, Map<String, String> headers) {
    // Handlers go on before connecting: the server speaks first, possibly in the handshake's own packet.
    ClientWebSocket ws = CLIENT.webSocket();
    ws.textMessageHandler(text -> {
      Map<String, Object> frame = asMap(Json.parse(text));
      boolean aside = frame.containsKey("wa") && !"reply".equals(frame.get("wa"));
      (aside ? presence : frames).add(frame);
    });
    ws.closeHandler(v -> closed.complete(ws.closeStatusCode()));
    await(ws.connect(options(port, path, headers)));
    this.socket = ws;
    this.init = next();
    assertEquals("init", init.get("a"), "first frame is init: " + init);
    this.id = (String) init.get("id");
  }

  public static RecordingClient connect(int port, String path) {
    return new RecordingClient(port, path, Map.of());
  }

  /** As {@link #connect(int, String)}, sending {@code headers} (a session cookie, an Origin) with the handshake. */
  public static RecordingClient connect(int port, String path, Map<String, String> headers) {
    return new RecordingClient(port, path, headers);
  }

  /** Opens a raw socket (no handlers), for tests of the handshake itself; fails as the upgrade fails. */
  public static WebSocket open(int port, String path) {
    return open(port, path, Map.of());
  }

  public static WebSocket open(int port, String path, Map<String, String> headers) {
    return await(CLIENT.connect(options(port, path, headers)));
  }

  private static WebSocketConnectOptions options(int port, String path, Map<String, String> headers) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setPort(port).setHost("127.0.0.1").setURI(path);
    headers.forEach(options::addHeader);
    return options;
  }

  private static <T> T await(io.vertx.core.Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public void send(Map<String, Object> message) {
    sendText(Json.encode(message));
  }

  public void sendText(String text) {
    socket.writeTextMessage(text).toCompletionStage().toCompletableFuture().join();
  }

  public WebSocket socket() {
    return socket;
  }

  /** The next frame; fails the test if none arrives in time. */
  public Map<String, Object> next() {
    Map<String, Object> frame = poll(frames, WAIT_SECONDS * 1000);
    assertNotNull(frame, "expected a frame from the server");
    return frame;
  }

  /** The next Webstrates presence or signal frame; fails the test if none arrives in time. */
  public Map<String, Object> nextPresence() {
    Map<String, Object> frame = poll(presence, WAIT_SECONDS * 1000);
    assertNotNull(frame, "expected a presence frame from the server");
    return frame;
  }

  /** Skips presence frames (hello, clientJoin...) until one whose {@code wa} is {@code action}, and returns it. */
  public Map<String, Object> nextPresence(String action) {
    for (int i = 0; i < 10; i++) {
      Map<String, Object> frame = nextPresence();
      if (action.equals(frame.get("wa"))) {
        return frame;
      }
    }
    throw new AssertionError("no " + action + " among the next 10 presence frames");
  }

  /** The next presence or signal frame within {@code millis}, or null. */
  public Map<String, Object> pollPresence(long millis) {
    return poll(presence, millis);
  }

  /** Asserts the server sends no presence or signal frame within {@code millis}. */
  public void expectNoPresence(long millis) {
    assertNull(poll(presence, millis), "expected no further presence frame");
  }

  /** The next frame within {@code millis}, or null (for frames that may or may not come). */
  public Map<String, Object> poll(long millis) {
    return poll(frames, millis);
  }

  /** Asserts the server sends nothing more within {@code millis}. */
  public void expectNothing(long millis) {
    assertNull(poll(frames, millis), "expected no further frame");
  }

  /**
   * The next frame of {@code queue} within {@code millis}, or null. An interrupt throws rather than
   * returning null: a wait cut short proves nothing about what the server would have sent.
   */
  private static Map<String, Object> poll(BlockingQueue<Map<String, Object>> queue, long millis) {
    try {
      return queue.poll(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a frame", e);
    }
  }

  /** Waits for the server to close the socket; returns the close code. */
  public short awaitClose() {
    try {
      return closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("socket was not closed", e);
    }
  }

  // ---- protocol shorthands ----

  public Map<String, Object> subscribe(String docId) {
    send(message("s", docId));
    return next();
  }

  public Map<String, Object> create(String docId, Object data) {
    Map<String, Object> m = message("op", docId);
    m.put("v", 0);
    m.put("src", id);
    m.put("seq", ++seq);
    m.put("create", Map.of("type", "http://sharejs.org/types/JSONv0", "data", data));
    send(m);
    return next();
  }

  /** Submits an op at {@code version} with this connection's src and the next seq; returns what was sent. */
  public Map<String, Object> submit(String docId, Long version, List<?> op) {
    Map<String, Object> m = message("op", docId);
    m.put("v", version);
    m.put("src", id);
    m.put("seq", ++seq);
    m.put("op", op);
    send(m);
    return m;
  }

  public static Map<String, Object> message(String action, String docId) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("a", action);
    m.put("c", "webstrates");
    m.put("d", docId);
    return m;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return (Map<String, Object>) value;
  }

  @Override
  public void close() {
    if (!closed.isDone()) {
      socket.close().toCompletionStage().toCompletableFuture().join();
    }
  }
}

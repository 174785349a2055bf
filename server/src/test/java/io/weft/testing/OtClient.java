package io.weft.testing;

import io.vertx.core.Future;
import io.weft.ot.Component;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A ShareDB client with real client-side OT, as ShareDB's browser client works: it keeps the document
 * and its version, has one op in flight and composes (or queues) the ones made meanwhile, transforms
 * incoming ops against its own unacknowledged ones (transformX: own as LEFT, remote as RIGHT), and on
 * reconnect resubscribes from its version and resends the in-flight op with the src and seq it was
 * first sent with, so the server can recognise a resend.
 *
 * <p>The OT bookkeeping is {@link ClientDocument}, the connection around it {@link OtConnection}. All state
 * lives on one Vert.x context (an actor): frames, local edits and reconnects are
 * serialised there, so sends leave in the order they were made. The public methods block the calling
 * (test) thread until the context has done the work. Anything the server rejects, and anything
 * unexpected on the wire, is recorded in {@link #errors()}: tests call {@link #assertNoErrors()}.
 */
public final class OtClient implements AutoCloseable {
  private static final long WAIT_SECONDS = 30;

  /** An acknowledged submission: the version it was committed at and the op as the server applied it. */
  public record Ack(String src, long seq, long version, List<Component> op) {
  }

  /** What the client looks like at one moment; {@code data} is a deep copy. */
  public record State(long version, Object data, boolean online, boolean inflight, int pending) {
  }

  private final String docId;
  private final String name;
  private final OtConnection connection;
  private final ContextBridge bridge;

  private OtClient(int port, String docId, String name, boolean composePending) {
    this.docId = docId;
    this.name = name;
    this.connection = new OtConnection(port, docId, name, composePending);
    this.bridge = new ContextBridge(connection.context, name, WAIT_SECONDS);
  }

  /** Connects and subscribes to an existing document; pending ops are composed, as ShareDB does. */
  public static OtClient open(int port, String docId, String name) {
    return open(port, docId, name, true);
  }

  /** @param composePending false queues pending ops and sends each on its own (one ack per edit) */
  public static OtClient open(int port, String docId, String name, boolean composePending) {
    OtClient client = new OtClient(port, docId, name, composePending);
    client.bridge.run(client.connection::connect, "subscribe");
    return client;
  }

  public String name() {
    return name;
  }

  /** Called on the client's context for each acknowledged submission, in order. */
  public OtClient onAck(Consumer<Ack> listener) {
    connection.ackListener = listener;
    return this;
  }

  /** With false, the server closing the socket just takes the client offline (a test that kills servers). */
  public OtClient failOnServerClose(boolean fail) {
    connection.failOnServerClose = fail;
    return this;
  }

  /**
   * Makes a local edit: {@code maker} sees the local document (read-only) and returns a json0 op for it
   * (a List of component Maps), or null for none. The op is applied locally at once and sent when the
   * connection and the one-op-in-flight rule allow. Returns whether an edit was made.
   */
  public boolean edit(Function<Object, List<?>> maker) {
    return bridge.read(() -> connection.editNow(maker), "edit");
  }

  /** Closes the socket; the client keeps editing locally until {@link #reconnect()}. */
  public void disconnect() {
    bridge.run(connection::disconnect, "disconnect");
  }

  /** Opens a new socket, catches up from the client's version and resends what was unacknowledged. */
  public void reconnect() {
    bridge.run(connection::reconnect, "reconnect");
  }

  /**
   * While held, incoming frames are buffered, not processed, as on a slow link: edits made meanwhile
   * are sent at a version the server has moved past. Releasing processes the buffer in order. Release
   * before {@link #reconnect()}.
   */
  public void hold(boolean hold) {
    bridge.run(() -> {
      connection.hold(hold);
      return Future.succeededFuture();
    }, "hold");
  }

  public State state() {
    return bridge.read(connection::state, "state");
  }

  /** Submissions not yet acknowledged; cheap, from any thread. */
  public int outstanding() {
    return connection.outstanding.get();
  }

  public boolean isOnline() {
    return bridge.read(connection::isOnline, "isOnline");
  }

  public List<String> errors() {
    return List.copyOf(connection.errors);
  }

  public void assertNoErrors() {
    List<String> errors = errors();
    if (!errors.isEmpty()) {
      throw new AssertionError(name + " saw " + errors.size() + " error(s), first: " + errors.get(0));
    }
  }

  public int acks() {
    return connection.acks.get();
  }

  /** In-flight ops found among the ops missed while offline, and taken as their ack. */
  public int ackedByCatchUp() {
    return connection.ackedByCatchUp.get();
  }

  /** Acks at a later version than the op was sent at: the server transformed a stale op. */
  public int transformedByServer() {
    return connection.transformedByServer.get();
  }

  public int reconnects() {
    return connection.reconnects.get();
  }

  /** In-flight ops sent again after a reconnect. */
  public int resends() {
    return connection.resends.get();
  }

  @Override
  public void close() {
    try {
      disconnect();
    } catch (RuntimeException e) {
      // Closing is best effort: the server may be gone.
    }
  }

  /** For helpers that list the ops a client made: the src it uses for new submissions. */
  public String connectionId() {
    return bridge.read(connection::connectionId, "connectionId");
  }

  @Override
  public String toString() {
    return name + "@" + docId;
  }

  /** Everything a failure message needs to say where the client stands. */
  public String describe() {
    return bridge.read(connection::describe, "describe");
  }
}

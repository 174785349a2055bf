package io.weft.ws;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.weft.doc.DocumentRegistry;
import io.weft.doc.Subscriber;
import io.weft.protocol.ClientMessage;
import io.weft.protocol.ErrorCode;
import io.weft.protocol.MessageDecoder;
import io.weft.protocol.ProtocolException;
import io.weft.protocol.ServerMessages;
import io.weft.store.DocKey;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection: decodes each frame, hands it to the document it names, and relays what
 * documents send back. A bad frame is answered with an error and the socket carries on.
 */
final class Session implements Subscriber {
  private static final Logger LOG = LoggerFactory.getLogger(Session.class);

  private final ServerWebSocket socket;
  private final String id = UUID.randomUUID().toString().replace("-", "");
  private final DocumentRegistry registry;
  private final Context context;
  /** Documents this socket subscribed to; touched only on the session's context. */
  private final Set<DocKey> subscribed = new HashSet<>();
  private volatile boolean open = true;
  volatile long lastReceivedMillis = System.currentTimeMillis();

  Session(ServerWebSocket socket, DocumentRegistry registry, Context context) {
    this.socket = socket;
    this.registry = registry;
    this.context = context;
  }

  /** @param onClose runs once the socket has closed, however it closed */
  void start(Runnable onClose) {
    socket.textMessageHandler(this::onFrame);
    socket.binaryMessageHandler(b -> close(CloseCodes.UNSUPPORTED_DATA, "Binary frames are not supported"));
    socket.exceptionHandler(e -> LOG.debug("socket {}: {}", id, e.toString()));
    socket.closeHandler(v -> {
      onClosed();
      onClose.run();
    });
    send(ServerMessages.init(id));
  }

  @Override
  public String connectionId() {
    return id;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void send(String frame) {
    if (!open) {
      return;
    }
    if (socket.writeQueueFull()) {
      close(CloseCodes.SLOW_CONSUMER, "Send queue full: the client is reading too slowly");
      return;
    }
    socket.writeTextMessage(frame);
  }

  @Override
  public void documentLost(DocKey key, String reason) {
    close(CloseCodes.DOCUMENT_RESET, "Document " + key.id() + " was reset; reconnect");
  }

  void close(short code, String reason) {
    if (open) {
      open = false;
      socket.close(code, reason);
    }
  }

  private void onFrame(String frame) {
    lastReceivedMillis = System.currentTimeMillis();
    Map<String, Object> raw = null;
    try {
      raw = MessageDecoder.parseObject(frame);
      dispatch(MessageDecoder.decode(raw), frame.length());
    } catch (ProtocolException e) {
      send(ServerMessages.error(raw, e.code(), e.getMessage()));
    }
  }

  private void dispatch(ClientMessage message, int frameBytes) {
    if (message instanceof ClientMessage.Submit op) {
      submit(op, frameBytes);
    } else if (message instanceof ClientMessage.Subscribe s) {
      subscribe(s);
    } else if (message instanceof ClientMessage.Fetch f) {
      reply(f.raw(), registry.withDocument(key(f.collection(), f.docId()), doc -> doc.open(this, f.version(), false)));
    } else if (message instanceof ClientMessage.Unsubscribe u) {
      unsubscribe(u);
    } else if (message instanceof ClientMessage.SnapshotFetch nf) {
      snapshotAt(nf);
    } else if (message instanceof ClientMessage.Handshake) {
      send(ServerMessages.handshake(id));
    } else if (message instanceof ClientMessage.Ping) {
      send(ServerMessages.pong());
    } else if (message instanceof ClientMessage.WebstratesRequest w) {
      send(ServerMessages.webstratesError(w.token(), "Unknown action '" + w.action() + "'"));
    }
    // ClientMessage.Alive: a keep-alive, already counted by lastReceivedMillis.
  }

  private void snapshotAt(ClientMessage.SnapshotFetch nf) {
    reply(nf.raw(), registry.withDocument(key(nf.collection(), nf.docId()), doc -> doc.snapshotAt(nf.version()))
        .map(view -> {
          send(ServerMessages.snapshotAt(nf.requestId(), nf.collection(), nf.docId(), view.version(), view.type(),
              view.json()));
          return null;
        }));
  }

  private void subscribe(ClientMessage.Subscribe s) {
    DocKey key = key(s.collection(), s.docId());
    subscribed.add(key);
    reply(s.raw(), registry.withDocument(key, doc -> doc.open(this, s.version(), true))
        .onFailure(e -> context.runOnContext(v -> subscribed.remove(key))));
  }

  private void unsubscribe(ClientMessage.Unsubscribe u) {
    DocKey key = key(u.collection(), u.docId());
    Future<Void> done = subscribed.remove(key)
        ? registry.withDocument(key, doc -> doc.unsubscribe(this))
        : Future.succeededFuture();
    reply(u.raw(), done.map(v -> {
      send(ServerMessages.caughtUp("u", u.collection(), u.docId()));
      return null;
    }));
  }

  private void submit(ClientMessage.Submit op, int frameBytes) {
    DocKey key = key(op.collection(), op.docId());
    if (op.create() == null && !subscribed.contains(key)) {
      throw new ProtocolException(ErrorCode.ERR_NOT_SUBSCRIBED,
          "Subscribe to " + op.docId() + " before submitting ops to it");
    }
    reply(op.raw(), registry.withDocument(key, doc -> doc.submit(this, op, frameBytes)));
  }

  /** Sends the error of a failed request; successes have replied already. */
  private void reply(Map<String, Object> request, Future<?> result) {
    result.onFailure(e -> {
      if (e instanceof ProtocolException p) {
        send(ServerMessages.error(request, p.code(), p.getMessage()));
      } else {
        LOG.error("socket {}: request {} failed", id, request.get("a"), e);
        send(ServerMessages.error(request, ErrorCode.ERR_UNKNOWN_ERROR, "Internal error; the request was not completed"));
      }
    });
  }

  private void onClosed() {
    open = false;
    for (DocKey key : subscribed) {
      registry.release(key, this);
    }
    subscribed.clear();
  }

  private static DocKey key(String collection, String docId) {
    return new DocKey(collection, docId);
  }
}

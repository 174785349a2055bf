package io.weft.ws;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;
import io.weft.access.PermissionList;
import io.weft.access.Rights;
import io.weft.auth.Caller;
import io.weft.auth.ConnectionIds;
import io.weft.config.WeftConfig;
import io.weft.doc.DocumentRegistry;
import io.weft.doc.Subscriber;
import io.weft.protocol.ClientMessage;
import io.weft.protocol.ErrorCode;
import io.weft.protocol.MessageDecoder;
import io.weft.protocol.ProtocolException;
import io.weft.protocol.ServerMessages;
import io.weft.protocol.WebstratesMessages;
import io.weft.store.DocKey;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection: decodes each frame, hands it to the document it names, and relays what
 * documents send back. A bad frame is answered with an error and the socket carries on.
 */
final class Session implements Subscriber {
  private static final Logger LOG = LoggerFactory.getLogger(Session.class);

  private final ServerWebSocket socket;
  private final String id;
  /** Whose this socket's id is: the only one whose other sockets may resend under it. */
  private final ConnectionIds.Owner owner;
  private final DocumentRegistry registry;
  private final WebstratesRequests webstrates;
  private final Context context;
  private final Caller caller;
  /** The one document this socket acts on as {@link #caller} (its page's own origin), or null for all. */
  private final String scope;
  /** Opened with {@code ?observe}: on its pages it hears everything and is never announced or listed to others. */
  private final boolean observer;
  /** Documents this socket subscribed to; touched only on the session's context. */
  private final Set<DocKey> subscribed = new HashSet<>();
  private volatile boolean open = true;
  /** Frames handed to the socket and not yet written out, bounded per socket and over the server. */
  private final SendQueues.Queue sendQueue;
  /** Most documents this socket may be subscribed to at once (ws.maxSubscriptions). */
  private final int maxSubscriptions;
  /** ws.maxInFlightSubmissions: at this many unanswered ops the socket stops being read, until half are answered. */
  private final int maxInFlight;
  /** How long a close may wait on the peer before the connection is cut (ws.closeTimeoutSeconds). */
  private final Duration closeTimeout;
  /** Ops submitted and not yet answered; counted down by documents on their own contexts. */
  private final AtomicInteger inFlight = new AtomicInteger();
  /** Documents whose full queue asked this socket to wait; touched only on the session's context. */
  private int holds;
  /** Whether the socket is paused (not read); touched only on the session's context. */
  private boolean paused;
  /** A submission that never reached the document's queue gets no answer from it; made once, not per op. */
  private final Handler<Throwable> notQueued = e -> answered();
  volatile long lastReceivedMillis = System.currentTimeMillis();

  Session(ServerWebSocket socket, Caller caller, String scope, boolean observer, ConnectionIds.Owner owner,
      DocumentRegistry registry, WebstratesRequests webstrates, Context context, SendQueues sendQueues, WeftConfig.Ws limits) {
    this.socket = socket;
    this.caller = caller;
    this.scope = scope;
    this.observer = observer;
    this.owner = owner;
    this.id = owner.issue();
    this.sendQueue = sendQueues.open(reason -> close(CloseCodes.SLOW_CONSUMER, reason));
    this.maxSubscriptions = limits.maxSubscriptions();
    this.maxInFlight = limits.maxInFlightSubmissions();
    this.closeTimeout = Duration.ofSeconds(limits.closeTimeoutSeconds());
    this.registry = registry;
    this.webstrates = webstrates;
    this.context = context;
  }

  /** @param onClose runs once the socket has closed, however it closed */
  void start(Runnable onClose) {
    socket.textMessageHandler(this::onFrame);
    socket.binaryMessageHandler(b -> close(CloseCodes.UNSUPPORTED_DATA, "Binary frames are not supported"));
    socket.exceptionHandler(this::onSocketError);
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

  /** Who opened the socket; requests act as {@link #callerFor} their document, never as this directly. */
  @Override
  public Caller caller() {
    return caller;
  }

  /**
   * The one rule of a socket's authority: the caller that opened it on the documents it may act on as
   * that caller, anonymous on the others. A socket a page opened on its own origin acts for its visitor
   * on that page only, so a page's scripts cannot use the socket to act for its visitor elsewhere.
   */
  @Override
  public Caller callerFor(String docId) {
    return scope == null || scope.equals(docId) ? caller : Caller.ANONYMOUS;
  }
  /** Whether this socket acts for its user on every page (no page origin scopes it to one). */
  boolean actsOnEveryPage() {
    return scope == null;
  }


  /** The peer's address, as rate limits count it (behind a proxy: the proxy's). */
  String remoteAddress() {
    return socket.remoteAddress() == null ? "" : socket.remoteAddress().hostAddress();
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
    // Count queued bytes ourselves: Vert.x's writeQueueFull() also trips on a burst of small frames
    // written from another event loop (a catch-up, a busy broadcast), whatever the configured size.
    long bytes = SendQueues.utf8Length(frame);
    if (!sendQueue.add(bytes)) {
      return;
    }
    try {
      socket.writeTextMessage(frame).onComplete(ar -> sendQueue.written(bytes));
    } catch (IllegalStateException closing) {
      // The peer's close frame has arrived but the close handler has not run yet: Vert.x throws "WebSocket
      // is closed". The frame has nowhere to go, and documents call this mid-broadcast, so never throw.
      sendQueue.written(bytes);
      LOG.debug("socket {}: dropped a frame while closing", id);
    }
  }

  @Override
  public void documentLost(DocKey key, String reason) {
    close(CloseCodes.DOCUMENT_RESET, "Document " + key.id() + " was reset; reconnect");
  }

  /** Runs on the document's context, which has already unsubscribed this socket if it lost {@code r}. */
  @Override
  public void permissionsChanged(DocKey key, Rights rights, PermissionList list) {
    send(WebstratesMessages.permissionsChanged(key.id(), rights.toString(), list.toJsonValue()));
    if (!rights.canRead()) {
      close(CloseCodes.FORBIDDEN, "You no longer have read permission on " + key.id());
    }
  }

  /**
   * Vert.x reports an oversized frame (Netty's decoder, which then drops the connection without a close
   * frame) or an oversized fragmented message (its aggregator, which drops the message and keeps the
   * socket open) here instead of closing with 1009; ws.maxFrameBytes promises a 1009 close for both.
   */
  private void onSocketError(Throwable e) {
    if (e instanceof CorruptedWebSocketFrameException corrupted && corrupted.closeStatus() != null) {
      close((short) corrupted.closeStatus().code(), corrupted.closeStatus().reasonText());
    } else if (isOversizedMessage(e)) {
      close(CloseCodes.MESSAGE_TOO_BIG, "Message too big");
    } else {
      LOG.debug("socket {}: {}", id, e.toString());
    }
  }

  /**
   * Vert.x's frame aggregator says so only in its message: "... to overflow max message size of N" (5.x),
   * "... exceeds allowed maximum size of N" (4.x). SocketLimitsTest fails if that ever changes.
   */
  private static boolean isOversizedMessage(Throwable e) {
    String message = String.valueOf(e.getMessage());
    return e instanceof IllegalStateException
        && (message.contains("max message size") || message.contains("allowed maximum size"));
  }

  void close(short code, String reason) {
    if (open) {
      open = false;
      sendQueue.release();
      socket.close(code, reason);
      cutLater();
    }
  }

  /**
   * Cuts the connection if it is still open after ws.closeTimeoutSeconds. Vert.x's own closing timeout
   * starts only once the close frame is written out, which for a reader that stopped is never: the
   * connection, and every frame queued before the close, would stay. Closing the channel below Vert.x's
   * handler drops them; only its internal interface reaches the channel.
   */
  private void cutLater() {
    if (socket instanceof WebSocketInternal internal) {
      ChannelHandlerContext channel = internal.channelHandlerContext();
      channel.executor().schedule(() -> {
        if (channel.channel().isOpen()) {
          LOG.debug("socket {}: cut, its close was not taken within {}", id, closeTimeout);
          channel.close();
        }
      }, closeTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void onFrame(String frame) {
    if (!open) {
      // Closed by the server (a removed access token, a logout): what arrives after is not acted on.
      return;
    }
    lastReceivedMillis = System.currentTimeMillis();
    Map<String, Object> raw = null;
    try {
      raw = MessageDecoder.parseObject(frame);
      dispatch(MessageDecoder.decode(raw), frame.length());
    } catch (ProtocolException e) {
      // A Webstrates request is answered as one, or the client's request would hang.
      send(raw != null && raw.containsKey("wa") ? WebstratesMessages.error(raw.get("token"), e.code(), e.getMessage())
          : ServerMessages.error(raw, e.code(), e.getMessage()));
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
    } else if (message instanceof ClientMessage.Webstrates w) {
      webstrates.handle(this, w.request());
    }
    // ClientMessage.Alive: a keep-alive, already counted by lastReceivedMillis.
  }

  private void snapshotAt(ClientMessage.SnapshotFetch nf) {
    reply(nf.raw(), registry.withDocument(key(nf.collection(), nf.docId()), doc -> doc.snapshotAt(callerFor(nf.docId()), nf.version()))
        .map(view -> {
          send(ServerMessages.snapshotAt(nf.requestId(), nf.collection(), nf.docId(), view.version(), view.type(),
              view.json()));
          return null;
        }));
  }

  private void subscribe(ClientMessage.Subscribe s) {
    DocKey key = key(s.collection(), s.docId());
    if (subscribed.size() >= maxSubscriptions && !subscribed.contains(key)) {
      throw new ProtocolException(ErrorCode.ERR_TOO_MANY_SUBSCRIPTIONS, "This socket is subscribed to "
          + subscribed.size() + " documents, the most it may be (ws.maxSubscriptions); unsubscribe from one first");
    }
    // A failed resubscribe (say, from a version the document has not reached) leaves an existing subscription alone.
    boolean wasSubscribed = !subscribed.add(key);
    reply(s.raw(), registry.withDocument(key, doc -> doc.open(this, s.version(), true)
            .onSuccess(user -> webstrates.subscribed(this, key.id(), user, observer)))
        .onFailure(e -> {
          if (!wasSubscribed) {
            context.runOnContext(v -> subscribed.remove(key));
          }
        }));
  }

  private void unsubscribe(ClientMessage.Unsubscribe u) {
    DocKey key = key(u.collection(), u.docId());
    webstrates.left(this, key.id());
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
    // A resend names the socket it was first sent from: only that socket's owner may claim it, or anyone
    // could have the owner's next op taken for a duplicate. Refused here, so it never reaches the document.
    if (op.src() != null && !op.src().equals(id) && !owner.issued(op.src())) {
      throw new ProtocolException(ErrorCode.ERR_SRC_NOT_YOURS, "src '" + abbreviate(op.src())
          + "' is not a connection of yours (the same login, or the same browser's visitor cookie);"
          + " omit src to submit as this connection");
    }
    inFlight.incrementAndGet();
    readOrPause();
    reply(op.raw(), registry.withDocument(key, doc -> doc.submit(this, op, frameBytes)).onFailure(notQueued));
  }

  @Override
  public void answered() {
    // Only the answer that brings the count down to the resume mark needs the session's thread.
    if (inFlight.decrementAndGet() == maxInFlight / 2) {
      context.runOnContext(v -> readOrPause());
    }
  }

  @Override
  public void hold() {
    context.runOnContext(v -> {
      holds++;
      readOrPause();
    });
  }

  @Override
  public void release() {
    context.runOnContext(v -> {
      holds--;
      readOrPause();
    });
  }

  /**
   * Stops reading the socket while too many of its ops are unanswered or a document it submits to is
   * full, so TCP slows the sender instead of the server buffering its frames; reads again once half of
   * its ops are answered and no document holds it. The gap between the two marks keeps a steady flood
   * from pausing and resuming the socket at every op.
   */
  private void readOrPause() {
    int unanswered = inFlight.get();
    boolean pause = holds > 0 || unanswered >= maxInFlight || (paused && unanswered > maxInFlight / 2);
    if (pause != paused && open) {
      paused = pause;
      if (pause) {
        socket.pause();
      } else {
        socket.resume();
      }
    }
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
    sendQueue.release();
    for (DocKey key : subscribed) {
      webstrates.left(this, key.id());
      registry.release(key, this);
    }
    subscribed.clear();
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }

  private static DocKey key(String collection, String docId) {
    return new DocKey(collection, docId);
  }
}

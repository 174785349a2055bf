package io.weft.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * The connected, subscribed clients of one shape: for each document, the first client creates it (as
 * load.js: {@code ["html",{},["body",{}]]}) and every client subscribes. Documents are set up a few at a
 * time so that ten thousand sockets do not all handshake at once. A create or subscribe refused with
 * ERR_UNKNOWN_ERROR (storage failed, nothing done) is resent after a pause, as the protocol asks of
 * clients; the retries are counted.
 */
final class Fleet {
  static final String PAGE = "[\"html\",{},[\"body\",{}]]";
  /** Documents being set up at once. */
  static final int PARALLEL_DOCS = 32;
  private static final int ATTEMPTS = 3;
  private static final long RETRY_PAUSE_MILLIS = 1000;

  final Shape shape;
  final List<LoadClient> clients;
  /** Requests resent after a transient server error while setting up. */
  final int retries;
  private final Connector connector;
  private final List<Long> keepAliveTimers = new ArrayList<>();

  private Fleet(Connector connector, Shape shape, List<LoadClient> clients, int retries) {
    this.connector = connector;
    this.shape = shape;
    this.clients = clients;
    this.retries = retries;
  }

  /** Opens every socket of {@code shape} on fresh documents {@code <prefix>-<i>}; blocks until done. */
  static Fleet open(Connector connector, String url, Shape shape, String prefix) {
    Setup setup = new Setup(connector, url, shape, prefix);
    List<Future<Void>> workers = new ArrayList<>();
    for (int w = 0; w < Math.min(shape.docs(), PARALLEL_DOCS); w++) {
      workers.add(setup.nextDoc());
    }
    try {
      Connector.await(Future.all(workers), 900);
    } catch (RuntimeException e) {
      closeAll(new ArrayList<>(setup.opened));
      throw e;
    }
    List<LoadClient> all = new ArrayList<>(shape.sockets());
    for (int d = 0; d < shape.docs(); d++) {
      all.addAll(setup.byDoc.get(d));
    }
    return new Fleet(connector, shape, all, setup.retries.get());
  }

  /** The state of one {@link #open}: which document is next, what is open so far. */
  private static final class Setup {
    final Connector connector;
    final String url;
    final Shape shape;
    final String prefix;
    final AtomicInteger next = new AtomicInteger();
    final AtomicInteger retries = new AtomicInteger();
    final AtomicReferenceArray<List<LoadClient>> byDoc;
    /** Every socket opened, so that a failed setup closes them all. */
    final Queue<LoadClient> opened = new ConcurrentLinkedQueue<>();

    Setup(Connector connector, String url, Shape shape, String prefix) {
      this.connector = connector;
      this.url = url;
      this.shape = shape;
      this.prefix = prefix;
      this.byDoc = new AtomicReferenceArray<>(shape.docs());
    }

    Future<Void> nextDoc() {
      int d = next.getAndIncrement();
      if (d >= shape.docs()) {
        return Future.succeededFuture();
      }
      return openDoc(prefix + "-" + d, d).compose(list -> {
        byDoc.set(d, list);
        return nextDoc();
      });
    }

    private Future<List<LoadClient>> openDoc(String docId, int loop) {
      return connect(docId, 0, loop).compose(first -> retrying(() -> first.create(PAGE), 1)
          .compose(v -> retrying(first::subscribe, 1))
          .compose(v -> {
            List<Future<LoadClient>> others = new ArrayList<>();
            for (int k = 1; k < shape.clients(); k++) {
              others.add(connect(docId, k, loop).compose(c -> retrying(c::subscribe, 1).map(c)));
            }
            return Future.all(others).map(all -> {
              List<LoadClient> list = new ArrayList<>(shape.clients());
              list.add(first);
              for (int k = 0; k < others.size(); k++) {
                list.add(all.resultAt(k));
              }
              return list;
            });
          }));
    }

    private Future<LoadClient> connect(String docId, int index, int loop) {
      return connector.connect(url, docId, index, loop).onSuccess(opened::add);
    }

    private Future<Void> retrying(Supplier<Future<Void>> request, int attempt) {
      return request.get().recover(e -> {
        // A resent create that finds the document made means the first attempt did commit.
        if (e instanceof ServerError s && attempt > 1 && s.code.equals("ERR_DOC_ALREADY_CREATED")) {
          return Future.succeededFuture();
        }
        if (!(e instanceof ServerError s) || !s.isTransient() || attempt >= ATTEMPTS) {
          return Future.failedFuture(e);
        }
        retries.incrementAndGet();
        Promise<Void> later = Promise.promise();
        connector.vertx.setTimer(RETRY_PAUSE_MILLIS, t -> retrying(request, attempt + 1).onComplete(later));
        return later.future();
      });
    }
  }

  /** Sends {@code {"type":"alive"}} on every socket every {@code seconds}, as browsers do. */
  void keepAlive(int seconds) {
    for (Context loop : connector.loops()) {
      loop.runOnContext(v -> {
        long id = connector.vertx.setPeriodic(seconds * 1000L, t -> {
          for (LoadClient c : clients) {
            if (c.context == loop) {
              c.send(WireMessages.ALIVE);
            }
          }
        });
        synchronized (keepAliveTimers) {
          keepAliveTimers.add(id);
        }
      });
    }
  }

  void close() {
    synchronized (keepAliveTimers) {
      keepAliveTimers.forEach(connector.vertx::cancelTimer);
    }
    closeAll(clients);
  }

  private static void closeAll(List<LoadClient> clients) {
    List<Future<Void>> closing = new ArrayList<>();
    for (LoadClient c : clients) {
      closing.add(c.close());
    }
    try {
      Connector.await(Future.join(closing), 60);
    } catch (IllegalStateException e) {
      // Already closed by the server, or it stopped answering: either way the sockets are gone.
    }
  }
}

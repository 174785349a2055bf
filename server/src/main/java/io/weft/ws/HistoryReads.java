package io.weft.ws;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.weft.protocol.ErrorCode;
import io.weft.protocol.ProtocolException;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Bounds how many history replies are being built at once, since each holds a page of ops in memory:
 * one per socket (a socket's next {@code getOps} before the previous one is answered is refused with
 * {@code ERR_TOO_MANY_HISTORY_READS}), and {@code history.maxConcurrentReads} over the server, beyond
 * which reads wait their turn in arrival order. The wait list holds at most one read per socket.
 * Shared by every event loop, hence the lock.
 */
final class HistoryReads {
  private final int maxConcurrent;
  /** Connection ids of the sockets with a read running or waiting. */
  private final Set<String> reading = new HashSet<>();
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  /** Reads started and not yet finished; at most maxConcurrent. */
  private int running;

  HistoryReads(int maxConcurrent) {
    this.maxConcurrent = maxConcurrent;
  }

  /** Runs {@code read} for the socket {@code socket} (its connection id) once the bounds allow, on the caller's context. */
  <T> Future<T> run(String socket, Supplier<Future<T>> read) {
    Context context = Vertx.currentContext();
    Promise<T> done = Promise.promise();
    Runnable start = () -> context.runOnContext(v -> {
      Future<T> result;
      try {
        result = read.get();
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      result.onComplete(ar -> {
        finished(socket);
        done.handle(ar);
      });
    });
    synchronized (this) {
      if (!reading.add(socket)) {
        return Future.failedFuture(new ProtocolException(ErrorCode.ERR_TOO_MANY_HISTORY_READS,
            "This socket is still reading the op log; wait for the reply to its previous getOps"));
      }
      if (running >= maxConcurrent) {
        waiting.add(start);
        return done.future();
      }
      running++;
    }
    start.run();
    return done.future();
  }

  private void finished(String socket) {
    Runnable next;
    synchronized (this) {
      reading.remove(socket);
      next = waiting.poll();
      if (next == null) {
        running--;
      }
    }
    // The finished read's slot passes straight to the next in line.
    if (next != null) {
      next.run();
    }
  }
}

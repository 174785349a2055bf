package io.weft.store.mongo;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Lets the embedded store's last file commit, at close, land between writes. The embedded server
 * applies one write as several map updates (a document, then its index entries); a commit landing
 * between them persists a document its index does not know. Checkpoints may do so, because the
 * journal they keep lets the next start repair it (see {@link CommitJournal}); the last commit deletes
 * the journal, so it waits for the writes in flight, holds new ones back, commits, and lets them go.
 */
final class WriteGate {
  private final Vertx vertx;
  private final Object lock = new Object();
  private int inFlight;
  private boolean held;
  private final List<Runnable> waiting = new ArrayList<>();

  WriteGate(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Runs a write through the gate: now, or after the checkpoint in progress. */
  <T> Future<T> write(Supplier<Future<T>> write) {
    Promise<T> result = Promise.promise();
    Runnable start = () -> {
      Future<T> running;
      try {
        running = write.get();
      } catch (RuntimeException e) {
        running = Future.failedFuture(e);
      }
      running.onComplete(ar -> {
        leave();
        result.handle(ar);
      });
    };
    synchronized (lock) {
      if (held) {
        Context context = vertx.getOrCreateContext();
        waiting.add(() -> context.runOnContext(v -> start.run()));
        return result.future();
      }
      inFlight++;
    }
    start.run();
    return result.future();
  }

  private void leave() {
    synchronized (lock) {
      inFlight--;
      if (inFlight == 0) {
        lock.notifyAll();
      }
    }
  }

  /** Blocks the calling thread (never an event loop) until no write is in flight, then runs {@code action} alone. */
  void alone(Runnable action) {
    synchronized (lock) {
      held = true;
      while (inFlight > 0) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    try {
      action.run();
    } finally {
      List<Runnable> release;
      synchronized (lock) {
        held = false;
        release = new ArrayList<>(waiting);
        waiting.clear();
        inFlight += release.size();
      }
      release.forEach(Runnable::run);
    }
  }
}

package io.weft.testing;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs work on a Vert.x context from a test thread and waits for its result, so state kept on that
 * context is only ever touched there. Failures and timeouts name the owner and what was asked.
 */
final class ContextBridge {
  private final Context context;
  private final String owner;
  private final long waitSeconds;

  ContextBridge(Context context, String owner, long waitSeconds) {
    this.context = context;
    this.owner = owner;
    this.waitSeconds = waitSeconds;
  }

  /** Runs {@code action} on the context and returns what its Future completes with. */
  <T> T run(Supplier<Future<T>> action, String what) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> {
      try {
        action.get().onComplete(promise);
      } catch (RuntimeException e) {
        promise.fail(e);
      }
    });
    CompletableFuture<T> f = promise.future().toCompletionStage().toCompletableFuture();
    try {
      return f.get(waitSeconds, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(owner + ": " + what + " failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(owner + ": " + what + " did not finish in " + waitSeconds + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Reads {@code value} on the context. */
  <T> T read(Supplier<T> value, String what) {
    return run(() -> Future.succeededFuture(value.get()), what);
  }
}

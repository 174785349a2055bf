package io.weft.store.mongo;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The one bridge from the driver's publishers, which signal on the driver's own threads, back onto
 * the caller's Vert.x context, so everything above the store stays single-threaded per context.
 */
final class Reactive {
  private final Vertx vertx;

  Reactive(Vertx vertx) {
    this.vertx = vertx;
  }

  /** The first element, or null when the publisher completes empty. */
  <T> Future<T> first(Publisher<T> publisher) {
    return all(publisher).map(list -> list.isEmpty() ? null : list.get(0));
  }

  /** Blocks for the first element: only for start-up work off the event loops. */
  static <T> T await(Publisher<T> publisher) {
    java.util.concurrent.CompletableFuture<T> result = new java.util.concurrent.CompletableFuture<>();
    publisher.subscribe(new Subscriber<T>() {
      private T first;

      @Override
      public void onSubscribe(Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(T item) {
        first = first == null ? item : first;
      }

      @Override
      public void onError(Throwable error) {
        result.completeExceptionally(error);
      }

      @Override
      public void onComplete() {
        result.complete(first);
      }
    });
    return result.join();
  }

  /** A subscriber that completes {@code done} when the publisher ends, on the driver's thread. */
  static <T> Subscriber<T> completing(Promise<Void> done) {
    return new Subscriber<T>() {
      @Override
      public void onSubscribe(Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(T item) {
      }

      @Override
      public void onError(Throwable error) {
        done.tryFail(error);
      }

      @Override
      public void onComplete() {
        done.tryComplete();
      }
    };
  }

  /** Every element, in order. */
  <T> Future<List<T>> all(Publisher<T> publisher) {
    Context context = vertx.getOrCreateContext();
    Promise<List<T>> promise = Promise.promise();
    publisher.subscribe(new Subscriber<T>() {
      private final List<T> items = new ArrayList<>();

      @Override
      public void onSubscribe(Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(T item) {
        items.add(item);
      }

      @Override
      public void onError(Throwable error) {
        context.runOnContext(v -> promise.fail(error));
      }

      @Override
      public void onComplete() {
        context.runOnContext(v -> promise.complete(items));
      }
    });
    return promise.future();
  }
}

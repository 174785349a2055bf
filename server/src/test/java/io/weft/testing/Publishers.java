package io.weft.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** Reading a reactive-streams publisher (the MongoDB driver's) to its end, for a test's assertions. */
public final class Publishers {
  private Publishers() {
  }

  /** Every item {@code publisher} gives, in order; fails after 30 seconds. */
  public static <T> List<T> all(Publisher<T> publisher) throws Exception {
    CompletableFuture<List<T>> result = new CompletableFuture<>();
    List<T> items = new ArrayList<>();
    publisher.subscribe(new Subscriber<T>() {
      @Override
      public void onSubscribe(Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(T item) {
        items.add(item);
      }

      @Override
      public void onError(Throwable t) {
        result.completeExceptionally(t);
      }

      @Override
      public void onComplete() {
        result.complete(items);
      }
    });
    return result.get(30, TimeUnit.SECONDS);
  }
}

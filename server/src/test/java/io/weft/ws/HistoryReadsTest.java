package io.weft.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.weft.protocol.ErrorCode;
import io.weft.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * History reads over the whole server: never more than history.maxConcurrentReads building at once,
 * the rest started in arrival order as earlier ones finish, none lost.
 */
class HistoryReadsTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void readsPastTheServerBoundWaitAndStartInArrivalOrderAsEarlierOnesFinish() throws Exception {
    HistoryReads reads = new HistoryReads(2);
    List<Promise<String>> started = new CopyOnWriteArrayList<>();
    List<String> startOrder = new CopyOnWriteArrayList<>();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    List<Future<String>> results = onContext(() -> {
      List<Future<String>> out = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String socket = "socket-" + i;
        out.add(reads.run(socket, () -> {
          peak.accumulateAndGet(running.incrementAndGet(), Math::max);
          startOrder.add(socket);
          Promise<String> read = Promise.promise();
          started.add(read);
          return read.future().onComplete(ar -> running.decrementAndGet());
        }));
      }
      return out;
    });
    waitFor(() -> started.size() == 2);
    Thread.sleep(100);
    assertEquals(2, started.size(), "only history.maxConcurrentReads reads start");
    for (int finished = 0; finished < 6; finished++) {
      int index = finished;
      waitFor(() -> started.size() > index);
      onContext(() -> {
        started.get(index).complete("page " + index);
        return null;
      });
    }
    for (int i = 0; i < 6; i++) {
      assertEquals("page " + i, results.get(i).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
    }
    assertEquals(2, peak.get(), "at most two at once");
    assertEquals(List.of("socket-0", "socket-1", "socket-2", "socket-3", "socket-4", "socket-5"), startOrder);
  }

  @Test
  void aSecondReadOfOneSocketIsRefusedUntilItsFirstIsAnswered() throws Exception {
    HistoryReads reads = new HistoryReads(4);
    Promise<String> first = Promise.promise();
    Future<String> second = onContext(() -> {
      reads.run("a", first::future);
      return reads.run("a", () -> Future.succeededFuture("never"));
    });
    Throwable refusal = second.toCompletionStage().toCompletableFuture().handle((v, e) -> e).get(10, TimeUnit.SECONDS);
    assertTrue(refusal instanceof ProtocolException p && p.code() == ErrorCode.ERR_TOO_MANY_HISTORY_READS,
        "refused: " + refusal);
    onContext(() -> {
      first.complete("done");
      return null;
    });
    Future<String> third = onContext(() -> reads.run("a", () -> Future.succeededFuture("again")));
    assertEquals("again", third.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS),
        "once answered, the socket may read again");
  }

  /** Runs {@code work} on a Vert.x context, as requests are, and returns its result. */
  private <T> T onContext(java.util.function.Supplier<T> work) throws Exception {
    CompletableFuture<T> out = new CompletableFuture<>();
    vertx.getOrCreateContext().runOnContext(v -> out.complete(work.get()));
    return out.get(10, TimeUnit.SECONDS);
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
      Thread.sleep(5);
    }
    assertTrue(condition.getAsBoolean(), "in time");
  }
}

package io.weft.store.mongo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Opens the embedded store, over the wire, in a fresh directory before a test class and closes it
 * after: the Mongo side of every store contract test.
 */
public final class EmbeddedStores implements BeforeAllCallback, AfterAllCallback {
  private Vertx vertx;
  private MongoStores.Opened opened;

  public MongoStores.Opened opened() {
    return opened;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    vertx = Vertx.vertx();
    opened = await(MongoStores.open(vertx,
        new MongoStores.Settings("", "weft", Files.createTempDirectory("weft-stores"), false)));
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    await(opened.documents().close());
    await(vertx.close());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}

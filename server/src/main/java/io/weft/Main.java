package io.weft;

import io.vertx.core.Vertx;
import io.weft.config.ConfigException;
import io.weft.config.ConfigLoader;
import io.weft.config.WeftConfig;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the configuration, starts Weft, and stops it cleanly on shutdown. */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) {
    WeftConfig config;
    try {
      config = ConfigLoader.load();
    } catch (ConfigException e) {
      System.err.println("weft: invalid configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    WeftServer.start(vertx, config).onSuccess(server -> {
      String storage = config.mongo().embedded()
          ? "embedded store in " + config.data().dir().toAbsolutePath()
          : "MongoDB at " + config.mongo().uri().replaceAll("//[^@/]*@", "//***@");
      LOG.info("Weft is serving http://{}:{}/ ({})", config.http().host(), server.port(), storage);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(vertx, server), "weft-shutdown"));
    }).onFailure(e -> {
      LOG.error("Weft could not start: {}", e.getMessage(), e);
      vertx.close();
      System.exit(1);
    });
  }

  private static void stop(Vertx vertx, WeftServer server) {
    CountDownLatch done = new CountDownLatch(1);
    server.stop().onComplete(ar -> vertx.close().onComplete(v -> done.countDown()));
    try {
      done.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.weft.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Weft in its own JVM ({@code io.weft.Main} on the test class path), so a test can kill it the hard
 * way, as a crash or {@code kill -9} would, and start another on the same data directory.
 */
public final class ChildServer implements AutoCloseable {
  private static final long START_SECONDS = 60;
  private static final int LOG_LINES = 200;

  private final Process process;
  private final int port;
  private final Deque<String> log = new ArrayDeque<>();
  private final CompletableFuture<Void> serving = new CompletableFuture<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ChildServer(Process process, int port) {
    this.process = process;
    this.port = port;
    Thread reader = new Thread(this::readOutput, "child-server-output-" + port);
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts a server on a free port storing into {@code dataDir}; returns once it logs that it is serving. */
  public static ChildServer start(Path dataDir) {
    return start(dataDir, Map.of());
  }

  /** @param settings more configuration, as dotted keys ({@code auth.test.enabled}) */
  public static ChildServer start(Path dataDir, Map<String, String> settings) {
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-Dweft.http.port=" + port,
        "-Dweft.data.dir=" + dataDir.toAbsolutePath()));
    settings.forEach((key, value) -> command.add("-Dweft." + key + "=" + value));
    command.add("io.weft.Main");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // The child reads its configuration from WEFT_* too; only what the test sets should count.
    builder.environment().keySet().removeIf(k -> k.startsWith("WEFT_"));
    ChildServer child;
    try {
      child = new ChildServer(builder.start(), port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
    try {
      child.serving.get(START_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      child.process.destroyForcibly();
      throw new IllegalStateException("the child server did not report serving within " + START_SECONDS
          + " s; its output:\n" + child.log(), e);
    }
    return child;
  }

  private void readOutput() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        synchronized (log) {
          log.addLast(line);
          if (log.size() > LOG_LINES) {
            log.removeFirst();
          }
        }
        if (line.contains("serving")) {
          serving.complete(null);
        }
      }
    } catch (IOException e) {
      // The process is gone.
    }
    serving.completeExceptionally(new IllegalStateException("the child server exited"));
  }

  public int port() {
    return port;
  }

  public Process process() {
    return process;
  }

  /** The last lines it printed (stdout and stderr), for failure messages. */
  public String log() {
    synchronized (log) {
      return String.join("\n", log);
    }
  }

  /** SIGKILL (on Linux, {@link Process#destroyForcibly}); returns the exit code once it is dead. */
  public int kill() {
    process.destroyForcibly();
    return awaitExit();
  }

  /** SIGTERM: the shutdown hook stops the server cleanly. */
  public int stop() {
    process.destroy();
    return awaitExit();
  }

  private int awaitExit() {
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the child server did not exit");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> get(String path) {
    return get(path, Map.of());
  }

  public HttpResponse<String> get(String path, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).GET();
    headers.forEach(request::header);
    return send(request.build());
  }

  /** POSTs a form ({@code a=1&b=2}) with extra headers. */
  public HttpResponse<String> post(String path, String form, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(form))
        .header("Content-Type", "application/x-www-form-urlencoded");
    headers.forEach(request::header);
    return send(request.build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      awaitExit();
    }
  }

  private static int freePort() {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

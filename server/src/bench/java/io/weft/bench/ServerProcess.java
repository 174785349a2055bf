package io.weft.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A server under test, run as a child process on a free loopback port: Weft from its jar, or the
 * reference ShareDB through ../shared/peer/run.sh. Its output goes to a log file beside the report.
 */
final class ServerProcess implements AutoCloseable {
  private static final long START_TIMEOUT_MILLIS = 120_000;
  /** Servers still running, stopped if the suite itself is stopped (Ctrl-C) so none is left behind. */
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroy), "bench-server-cleanup"));
  }

  final String name;
  final int port;
  final Path log;
  private final Process process;

  private ServerProcess(String name, int port, Path log, Process process) {
    this.name = name;
    this.port = port;
    this.log = log;
    this.process = process;
  }

  /**
   * Starts {@code java [jvmArgs] -Dweft.http.port=<free> -Dweft.data.dir=<dataDir> [-Dweft.<k>=<v>] -jar <jar>}.
   *
   * @param settings extra Weft configuration keys, e.g. {@code ws.idleTimeoutSeconds}
   */
  static ServerProcess weft(Path jar, Path dataDir, List<String> jvmArgs, Map<String, String> settings, Path log) {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-Dweft.http.port=" + port);
    command.add("-Dweft.data.dir=" + dataDir);
    settings.forEach((k, v) -> command.add("-Dweft." + k + "=" + v));
    command.add("-jar");
    command.add(jar.toString());
    return start("weft", port, command, log);
  }

  /** Starts the reference ShareDB server (in-memory) with {@code run.sh sharedb <free port>}. */
  static ServerProcess sharedb(Path runScript, Path log) {
    int port = freePort();
    // run.sh execs node, so this process is the server itself.
    return start("sharedb", port, List.of("bash", runScript.toString(), "sharedb", String.valueOf(port)), log);
  }

  private static ServerProcess start(String name, int port, List<String> command, Path log) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      LIVE.add(process);
      ServerProcess server = new ServerProcess(name, port, log, process);
      server.awaitListening();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name + ": " + command, e);
    }
  }

  private void awaitListening() {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + " during start-up; see " + log);
      }
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        LoadRun.sleep(100);
      }
    }
    close();
    throw new IllegalStateException(name + " did not listen on port " + port + " within "
        + START_TIMEOUT_MILLIS / 1000 + " s; see " + log);
  }

  String url() {
    return "ws://127.0.0.1:" + port;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  boolean isJvm() {
    return name.equals("weft");
  }

  /** SIGTERM (Weft writes its snapshots on the way down), then SIGKILL if it takes too long. */
  @Override
  public void close() {
    LIVE.remove(process);
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  static int freePort() {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }
}

package io.weft.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.weft.json.Json;
import io.weft.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The reference load client in {@code shared/peer} (plain ShareDB protocol, Node.js) runs against the
 * server without a single error: the same tool measures ShareDB itself, so this is the protocol as
 * other implementations speak it, under load.
 */
class ReferenceLoadClientTest {
  private static final long RUN_SECONDS = 120;

  @Test
  void referenceLoadClientRunsWithoutErrors() throws Exception {
    // The repository's parent holds shared/ (see .ci/run).
    Path script = Path.of("").toAbsolutePath().getParent().resolve("shared/peer/run.sh");
    assumeTrue(Files.isRegularFile(script), "no reference load client at " + script);
    assumeTrue(commandWorks("node", "--version"), "node is not installed");
    assumeTrue(commandWorks("bash", "--version"), "bash is not installed");

    try (TestServer server = TestServer.start()) {
      Path out = Files.createTempFile("weft-load", ".out");
      Path err = Files.createTempFile("weft-load", ".err");
      Process load = new ProcessBuilder("bash", script.toString(), "load", "--url", "ws://127.0.0.1:" + server.port(),
          "--docs", "10", "--clients", "10", "--secs", "5")
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      boolean exited = load.waitFor(RUN_SECONDS, TimeUnit.SECONDS);
      if (!exited) {
        load.destroyForcibly();
      }
      String stdout = Files.readString(out, StandardCharsets.UTF_8);
      String stderr = Files.readString(err, StandardCharsets.UTF_8);
      String report = "stdout:\n" + stdout + "\nstderr:\n" + stderr;
      assertTrue(exited, "the load client did not finish in " + RUN_SECONDS + " s; " + report);
      assertEquals(0, load.exitValue(), "the load client failed; " + report);

      String line = lastJsonLine(stdout);
      assertNotNull(line, "the load client printed no JSON result; " + report);
      Map<?, ?> result = (Map<?, ?>) Json.parse(line);
      System.out.println("reference load client: " + line);
      assertEquals(0, ((Number) result.get("errors")).intValue(), "errors reported; " + report);
      assertTrue(((Number) result.get("commitsPerSec")).doubleValue() > 0, "nothing was committed; " + report);
    }
  }

  private static String lastJsonLine(String stdout) {
    List<String> lines = stdout.lines().map(String::trim).filter(l -> l.startsWith("{") && l.endsWith("}")).toList();
    return lines.isEmpty() ? null : lines.get(lines.size() - 1);
  }

  private static boolean commandWorks(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}

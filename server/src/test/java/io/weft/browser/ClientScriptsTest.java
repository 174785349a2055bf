package io.weft.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The browser client's pure modules under Node (scripts in server/src/test/js): its json0 against
 * the ot-json0 reference vectors, and its client-side OT against a simulated server with reordered
 * messages, dropped sockets and refused ops. Skipped where Node is not installed.
 */
class ClientScriptsTest {
  private static String run(String script, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("node", "server/src/test/js/" + script));
    command.addAll(List.of(args));
    Process node;
    try {
      node = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      Assumptions.abort("node is not installed: " + e.getMessage());
      return null;
    }
    String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(node.waitFor(120, TimeUnit.SECONDS), script + " finished");
    assertEquals(0, node.exitValue(), output);
    assertTrue(output.contains(" passed, 0 failed"), output);
    return output;
  }

  @Test
  void clientJson0MatchesTheReferenceVectors() throws Exception {
    run("json0-vectors.mjs", "static", "server/src/test/resources/json0");
  }

  @Test
  void clientOtConvergesThroughReorderingDropsAndRefusals() throws Exception {
    run("sharedoc-sim.mjs", "static", "200");
  }
}

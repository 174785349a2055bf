package io.weft.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

/** Where and when the suite ran; the load average says how much else the machine was doing. */
record Environment(String date, int cores, String cpu, String java, String node, String os, String loadAverageAtStart,
    String loadAverageAtEnd) {

  static Environment capture() {
    return new Environment(OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString(),
        Runtime.getRuntime().availableProcessors(), cpuModel(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), command("node", "--version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version"), loadAverage(), null);
  }

  Environment finished() {
    return new Environment(date, cores, cpu, java, node, os, loadAverageAtStart, loadAverage());
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String command(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor(10, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      return "not found";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}

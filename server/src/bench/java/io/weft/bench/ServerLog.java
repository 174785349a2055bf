package io.weft.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a server logged as a warning or error during the run: a stalled event loop or a failed storage
 * write explains a bad number better than the number does, so the report lists them.
 */
final class ServerLog {
  private ServerLog() {
  }

  /** "N× message" lines, most frequent first, timestamps and thread names left out so repeats group. */
  static List<String> problems(Path log, int limit) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(log)) {
        int at = Math.max(line.indexOf(" WARN "), line.indexOf(" ERROR "));
        if (at < 0) {
          continue;
        }
        String message = line.substring(at + 1).replaceAll("\\d+", "N");
        counts.merge(message.length() > 160 ? message.substring(0, 160) + "…" : message, 1, Integer::sum);
      }
    } catch (IOException e) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(limit)
        .forEach(e -> out.add(e.getValue() + "× " + e.getKey()));
    return out;
  }
}

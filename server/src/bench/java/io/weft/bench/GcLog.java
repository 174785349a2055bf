package io.weft.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap of a JVM run with {@code -Xlog:gc:file=<log>}, read from that log: every collection logs
 * "used before->used after(committed)", so the largest "after" of the pauses that free memory (young,
 * mixed, full) is the most heap still in use after a collection during the run (the live set plus what
 * the collector left), with no sampling gap. G1's Remark and Cleanup pauses free nothing: their "after"
 * is whatever young garbage had piled up by then, so they count as collections but not for the peak.
 *
 * @param collections collections logged
 * @param fullCollections of those, full ones the JVM chose (a sign the heap was near its limit), not jcmd's
 * @param peakAfterBytes largest heap in use after a collection
 * @param lastAfterBytes heap in use after the last collection
 * @param maxCommittedBytes largest committed heap
 */
record GcLog(int collections, int fullCollections, long peakAfterBytes, long lastAfterBytes, long maxCommittedBytes) {
  /** G1's concurrent-cycle pauses: they log the heap's occupancy, not what a collection left. */
  private static final Set<String> NOT_FREEING = Set.of("Remark", "Cleanup");
  private static final Pattern PAUSE = Pattern.compile("Pause (\\w+).* (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

  static GcLog read(Path log) {
    List<String> lines;
    try {
      lines = Files.readAllLines(log);
    } catch (IOException e) {
      return new GcLog(0, 0, -1, -1, -1);
    }
    int collections = 0;
    int full = 0;
    long peak = -1;
    long last = -1;
    long committed = -1;
    for (String line : lines) {
      Matcher m = PAUSE.matcher(line);
      if (!m.find()) {
        continue;
      }
      collections++;
      // Full collections asked for with jcmd (to weigh the live heap) are the benchmark's, not the server's.
      full += m.group(1).equals("Full") && !line.contains("Diagnostic Command") ? 1 : 0;
      if (!NOT_FREEING.contains(m.group(1))) {
        last = bytes(m.group(4), m.group(5));
        peak = Math.max(peak, last);
      }
      committed = Math.max(committed, bytes(m.group(6), m.group(7)));
    }
    return new GcLog(collections, full, peak, last, committed);
  }

  private static long bytes(String number, String unit) {
    long n = Long.parseLong(number);
    return switch (unit) {
      case "K" -> n << 10;
      case "M" -> n << 20;
      default -> n << 30;
    };
  }
}

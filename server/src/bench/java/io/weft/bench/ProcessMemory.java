package io.weft.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory of a server process seen from outside, so the server needs no endpoint for it: live Java heap
 * after a full GC via {@code jcmd} (JVMs only), and resident set size from /proc.
 */
final class ProcessMemory {
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
  private static final Pattern VM_RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
  private static final Pattern VM_HWM = Pattern.compile("VmHWM:\\s+(\\d+) kB");
  private static final long JCMD_TIMEOUT_SECONDS = 120;

  private ProcessMemory() {
  }

  /** Bytes of heap still in use after two full collections. */
  static long liveHeapBytes(long pid) {
    jcmd(pid, "GC.run");
    jcmd(pid, "GC.run");
    Matcher m = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
    if (!m.find()) {
      throw new IllegalStateException("jcmd GC.heap_info of " + pid + " shows no 'used' figure");
    }
    return Long.parseLong(m.group(1)) * 1024;
  }

  static long rssBytes(long pid) {
    return status(pid, VM_RSS);
  }

  /** The most resident memory the process has had since it started (the kernel's high-water mark). */
  static long peakRssBytes(long pid) {
    return status(pid, VM_HWM);
  }

  private static long status(long pid, Pattern field) {
    try {
      Matcher m = field.matcher(Files.readString(Path.of("/proc", String.valueOf(pid), "status")));
      return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  static String jcmd(long pid, String command) {
    try {
      // Output to a file, not a pipe: a server that no longer answers must time out here, not block a read.
      Path out = Files.createTempFile("weft-jcmd-", ".txt");
      try {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
            String.valueOf(pid), command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException("jcmd " + pid + " " + command + " did not answer within "
              + JCMD_TIMEOUT_SECONDS + " s");
        }
        String text = Files.readString(out);
        if (p.exitValue() != 0) {
          throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + text);
        }
        return text;
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

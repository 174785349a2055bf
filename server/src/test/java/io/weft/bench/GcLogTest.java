package io.weft.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the heap after each collection from a JVM's -Xlog:gc file, as the soak judges it. */
class GcLogTest {
  @Test
  void takesThePeakHeapAfterACollectionThatFreesAndCountsOnlyTheJvmsOwnFullCollections(@TempDir Path dir) throws IOException {
    Path log = dir.resolve("gc.log");
    Files.writeString(log, """
        [0.012s][info][gc] Using G1
        [1.500s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 2.345ms
        [9.100s][info][gc] GC(1) Pause Young (Concurrent Start) (G1 Humongous Allocation) 300M->264M(409M) 20.1ms
        [9.200s][info][gc] GC(2) Concurrent Mark Cycle
        [9.300s][info][gc] GC(2) Pause Remark 460M->455M(512M) 49.7ms
        [9.400s][info][gc] GC(2) Pause Cleanup 510M->510M(512M) 0.2ms
        [12.0s][info][gc] GC(3) Pause Full (G1 Compaction Pause) 511M->509M(512M) 900.1ms
        [20.0s][info][gc] GC(4) Pause Full (Diagnostic Command) 149M->42M(150M) 1868.480ms
        [21.0s][info][gc] GC(5) Pause Young (Normal) (G1 Evacuation Pause) 2048K->1024K(1G) 1.0ms
        """);

    GcLog gc = GcLog.read(log);

    assertEquals(7, gc.collections());
    assertEquals(1, gc.fullCollections());
    assertEquals(509L << 20, gc.peakAfterBytes());
    assertEquals(1024L << 10, gc.lastAfterBytes());
    assertEquals(1L << 30, gc.maxCommittedBytes());
  }

  @Test
  void saysNothingWasMeasuredWithoutALog(@TempDir Path dir) {
    assertEquals(-1, GcLog.read(dir.resolve("missing.log")).peakAfterBytes());
  }
}

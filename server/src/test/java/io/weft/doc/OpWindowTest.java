package io.weft.doc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.store.StoredOp;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpWindowTest {

  @Test
  void keepsTheNewestOpsInOrderAcrossManyTurnsOfTheRing() {
    OpWindow window = new OpWindow(7, 40);
    for (long v = 40; v < 40 + 7 * 5 + 3; v++) {
      window.add(entry(v));
    }
    assertEquals(71, window.start());
    assertEquals(78, window.end());
    assertVersions(window.since(71), 71, 78);
    assertVersions(window.since(75), 75, 78);
    assertTrue(window.since(78).isEmpty());
    assertThrows(IllegalArgumentException.class, () -> window.since(70));
  }

  @Test
  void growsToItsCapacityKeepingEveryOpItHolds() {
    OpWindow window = new OpWindow(100, 0);
    for (long v = 0; v < 250; v++) {
      window.add(entry(v));
      long held = Math.min(v + 1, 100);
      assertVersions(window.since(v + 1 - held), v + 1 - held, v + 1);
    }
    assertEquals(150, window.start());
  }

  @Test
  void aPartlyFilledWindowStartsAtItsFirstVersionAndRefusesGaps() {
    OpWindow window = new OpWindow(1000, 5);
    assertTrue(window.since(5).isEmpty());
    window.add(entry(5));
    window.add(entry(6));
    assertVersions(window.since(5), 5, 7);
    assertThrows(IllegalStateException.class, () -> window.add(entry(8)));
    assertEquals(7, window.end());
  }

  private static void assertVersions(List<OpWindow.Entry> entries, long from, long until) {
    assertEquals(until - from, entries.size());
    for (int i = 0; i < entries.size(); i++) {
      assertEquals(from + i, entries.get(i).op().version());
      assertEquals("frame " + (from + i), entries.get(i).wire());
    }
  }

  private static OpWindow.Entry entry(long version) {
    return new OpWindow.Entry(StoredOp.edit(version, "src", version, List.of(), "[]", 0), "frame " + version);
  }
}

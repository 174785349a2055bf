package io.weft.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PageLabelsTest {
  @Test
  void aLowerCaseLabelIdIsItsOwnLabel() {
    assertEquals("doc-1", PageLabels.of("doc-1"));
    assertEquals("frontpage", PageLabels.of("frontpage"));
  }

  @Test
  void idsNoHostNameCouldHoldAreHashedApart() {
    for (String id : new String[] {"Doc", "doc_1", "-doc", "doc-", "p-abc", "xn--abc", "a".repeat(64)}) {
      String label = PageLabels.of(id);
      assertTrue(label.matches("p-[a-z2-7]{26}"), id + " -> " + label);
    }
    assertNotEquals(PageLabels.of("Doc"), PageLabels.of("DOC"), "ids are case sensitive, labels are not");
    assertEquals(PageLabels.of("Doc"), PageLabels.of("Doc"), "deterministic");
  }
}

package io.weft.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The history.* settings: documented defaults, and no reply bound the send queue could never hold. */
class HistorySettingsTest {
  @Test
  void defaultsBoundRepliesWellUnderTheSendQueue() {
    WeftConfig config = ConfigLoader.load(Map.of());
    assertEquals(new WeftConfig.History(1000, 4194304, 4), config.history());
    assertTrue(config.history().maxReplyBytes() <= config.ws().sendQueueBytes());
  }

  @Test
  void aReplyBoundPastTheSendQueueIsRefused() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(
        "history.maxReplyBytes", "2000000", "ws.sendQueueBytes", "1000000")));
    assertTrue(e.getMessage().contains("history.maxReplyBytes"), e.getMessage());
  }

  @Test
  void theServerBoundNeedsAtLeastOneRead() {
    assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("history.maxConcurrentReads", "0")));
  }
}

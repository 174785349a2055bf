package io.weft.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mail and email invitation settings: their defaults, and the values that stop start-up. */
class MailConfigTest {

  @Test
  void byDefaultMailGoesToFilesAndLinksNameTheListener() {
    WeftConfig config = ConfigLoader.load(Map.of());
    assertTrue(config.mail().toFiles());
    assertEquals("optional", config.mail().starttls());
    assertEquals(60, config.mail().retrySeconds());
    assertEquals("", config.emailInvites().publicUrl(), "empty: the server's own http://host:port");
    assertEquals(50, config.emailInvites().emailsPerHour());
    assertEquals(5, config.emailInvites().emailsPerAddressPerDay());
    assertFalse(config.emailInvites().requireMatchingAddress());
  }

  @Test
  void aPublicUrlIsAnOriginWithoutItsTrailingSlash() {
    assertEquals("https://weft.example.org",
        ConfigLoader.load(Map.of("http.publicUrl", "https://weft.example.org/")).emailInvites().publicUrl());
    assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("http.publicUrl", "weft.example.org")));
    assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("http.publicUrl", "https://weft.example.org/x")));
  }

  @Test
  void badMailSettingsStopStartUpNamingTheKey() {
    assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("mail.starttls", "sometimes")))
        .getMessage().contains("mail.starttls"));
    assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("mail.from", "weft")))
        .getMessage().contains("mail.from"));
    assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("mail.port", "0")));
  }
}

package io.weft.browser;

import io.weft.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Chromium and one Weft server (test logins on) shared by the tests of a class, started before the
 * first and stopped after the last: {@code @RegisterExtension static final BrowserRig RIG = new BrowserRig();}.
 * Without Chromium on the machine the class is skipped, as {@link Chromium#launch} says.
 */
public final class BrowserRig implements BeforeAllCallback, AfterAllCallback {
  private final Map<String, String> settings;
  private Chromium chromium;
  private TestServer server;

  public BrowserRig() {
    this(Map.of());
  }

  /** @param settings configuration overrides for the server, as {@link TestServer#start(Map)} takes them */
  public BrowserRig(Map<String, String> settings) {
    this.settings = settings;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    chromium = Chromium.launch();
    server = TestServer.start(settings);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.close();
    }
    if (chromium != null) {
      chromium.close();
    }
  }

  public Chromium chromium() {
    return chromium;
  }

  public TestServer server() {
    return server;
  }
}

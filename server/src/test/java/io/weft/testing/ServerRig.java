package io.weft.testing;

import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link TestServer} (a fresh data directory, test logins on) shared by the tests of a class, started
 * before the first and stopped after the last; the class's own {@code @BeforeAll} and {@code @AfterAll}
 * methods run while it is up:
 * {@code @RegisterExtension static final ServerRig server = new ServerRig(Map.of("ws.maxFrameBytes", "4096"));}.
 * Register it on a static field: JUnit never calls class-level callbacks of an instance field's extension.
 */
public final class ServerRig extends TestServer implements BeforeAllCallback, AfterAllCallback {
  public ServerRig() {
    this(Map.of());
  }

  /** @param overrides configuration for this class's server, as {@link TestServer#start(Map)} takes them */
  public ServerRig(Map<String, String> overrides) {
    super(null, overrides);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    open();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }
}

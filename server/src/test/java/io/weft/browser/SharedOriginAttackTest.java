package io.weft.browser;

import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Shared-origin mode, Webstrates' model: the very scripts {@link PageIsolationTest} stops succeed. */
class SharedOriginAttackTest extends PageIsolationCases {
  @RegisterExtension
  static final BrowserRig RIG = new BrowserRig(Map.of("pages.isolation", "shared"));

  @Override
  BrowserRig rig() {
    return RIG;
  }

  @Override
  boolean attacksWork() {
    return true;
  }
}

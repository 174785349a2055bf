package io.weft.browser;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Pages on origins of their own (the default): a hostile page's script cannot act for its visitor elsewhere. */
class PageIsolationTest extends PageIsolationCases {
  @RegisterExtension
  static final BrowserRig RIG = new BrowserRig();

  @Override
  BrowserRig rig() {
    return RIG;
  }

  @Override
  boolean attacksWork() {
    return false;
  }
}

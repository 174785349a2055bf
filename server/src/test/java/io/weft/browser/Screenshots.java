package io.weft.browser;

import com.microsoft.playwright.Page;
import java.nio.file.Path;

/** Where the browser tests save each state they reach, at desktop and at phone width. */
final class Screenshots {
  static final Path DIR = Path.of("target", "screenshots");

  private Screenshots() {
  }

  /** {@code <name>-desktop.png} or, at 375 px, {@code <name>-375.png}. */
  static Path file(String name, int width) {
    return DIR.resolve(name + (width == 375 ? "-375.png" : "-desktop.png"));
  }

  /**
   * Saves the whole page as it looks now, at 1280 and at 375 px wide. Each width gets a moment to settle:
   * frames in the page size themselves to their content after a resize.
   */
  static void shoot(Page page, String name) {
    for (int width : new int[] {1280, 375}) {
      page.setViewportSize(width, width == 375 ? 740 : 800);
      page.waitForTimeout(150);
      page.screenshot(new Page.ScreenshotOptions().setPath(file(name, width)).setFullPage(true));
    }
    page.setViewportSize(1280, 800);
  }
}

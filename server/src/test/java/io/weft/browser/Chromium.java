package io.weft.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The system's Chromium driven by Playwright, which never downloads a browser of its own. Tests that
 * use it are skipped (not failed) only where /usr/bin/chromium is absent; CI installs it.
 */
public final class Chromium implements AutoCloseable {
  public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
  /** Generous: the machine is small and shared; nothing waits this long when all is well. */
  public static final double WAIT_MILLIS = 30_000;
  private static final List<String> FLAGS = List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
      "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
      "--disable-quic", "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
      "--disable-backgrounding-occluded-windows");

  private final Playwright playwright;
  private final Browser browser;

  private Chromium(Playwright playwright, Browser browser) {
    this.playwright = playwright;
    this.browser = browser;
  }

  /** Launches headless Chromium, or skips the calling test class if the machine has none. */
  public static Chromium launch() {
    Assumptions.assumeTrue(Files.isExecutable(EXECUTABLE), "no Chromium at " + EXECUTABLE + "; browser tests skipped");
    Playwright playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    try {
      Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
          .setExecutablePath(EXECUTABLE).setHeadless(true).setArgs(FLAGS));
      return new Chromium(playwright, browser);
    } catch (RuntimeException e) {
      playwright.close();
      throw e;
    }
  }

  /** A page in a context of its own, as if opened by a different person. */
  public Page newPage() {
    BrowserContext context = browser.newContext();
    context.setDefaultTimeout(WAIT_MILLIS);
    Page page = context.newPage();
    page.onConsoleMessage(m -> {
      if ("error".equals(m.type()) || "warning".equals(m.type())) {
        System.out.println("[browser " + m.type() + "] " + m.text());
      }
    });
    page.onPageError(e -> System.out.println("[browser page error] " + e));
    return page;
  }

  @Override
  public void close() {
    try {
      browser.close();
    } finally {
      playwright.close();
    }
  }
}

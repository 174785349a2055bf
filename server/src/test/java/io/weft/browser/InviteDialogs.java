package io.weft.browser;

import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.weft.testing.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** What the share dialog's invitation tests share: opening the dialog, a guest's login, screenshots. */
final class InviteDialogs {

  private InviteDialogs() {
  }

  /** Opens the share dialog over {@code page} as its button would, and waits for {@code section} to show. */
  static Frame open(LivePage page, String section) {
    page.eval("webstrate.share()");
    Frame dialog = ShareDialogBrowserTest.dialogFrame(page.page);
    dialog.waitForSelector("#" + section + ":not([hidden])");
    return dialog;
  }

  /** A new browser context where {@code username} logs in with the test provider's form and lands on {@code path}. */
  static Page loggedIn(Chromium chromium, TestServer server, String username, String path) {
    Page page = chromium.newPage();
    page.navigate(server.url("/auth/test?return=" + URLEncoder.encode(path, StandardCharsets.UTF_8)));
    page.fill("input[name=username]", username);
    page.click("button[type=submit]");
    page.waitForURL(server.mainUrl(path));
    return page;
  }

  /** The guest, on the redeem page, types {@code code}, presses Enter and reaches the PIN step. */
  static void redeem(Page guest, String code) {
    guest.waitForSelector("#redeem:not([disabled])");
    guest.fill("#code", code);
    guest.keyboard().press("Enter");
    guest.waitForSelector("#pin-step:not([hidden])");
  }

  /**
   * Saves the dialog's {@code section} (framed over {@code page}) as it looks now, at desktop and at
   * phone width, as {@code <name>-desktop.png} and {@code <name>-375.png}. For the picture only, the
   * frame is made as tall as the dialog, so that the section is not cut at the frame's edge.
   */
  static void shoot(Page page, Frame dialog, String section, String name) {
    Object height = page.evaluate("() => document.querySelector('iframe').style.height");
    for (int width : new int[] {1280, 375}) {
      page.setViewportSize(width, 900);
      Number tall = (Number) dialog.evaluate("document.documentElement.scrollHeight");
      page.setViewportSize(width, tall.intValue() + 40);
      page.evaluate("(h) => { document.querySelector('iframe').style.height = h + 'px'; }", tall);
      dialog.locator("#" + section).screenshot(new Locator.ScreenshotOptions()
          .setPath(Screenshots.file(name, width)));
    }
    page.evaluate("(h) => { document.querySelector('iframe').style.height = h; }", height);
    page.setViewportSize(1280, 900);
  }
}

package io.weft.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.weft.json.Json;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sign-up, login and logout pages in a real browser: forms, cookies, redirects, and the live page after. */
class AccountPagesTest {
  private static final String PASSWORD = "pages-password-1";
  @RegisterExtension
  static final BrowserRig RIG = new BrowserRig();

  /** Waits for the live page's client to load, then answers the username it says the page belongs to. */
  private static String liveUsername(Page page) {
    page.waitForFunction("() => window.webstrate && webstrate.loaded && webstrate.user", null,
        new Page.WaitForFunctionOptions().setTimeout(Chromium.WAIT_MILLIS));
    return (String) page.evaluate("() => webstrate.user.username");
  }

  /**
   * What {@code /auth/me} says of the browser's cookies (asked from here: the login pages' CSP lets
   * them fetch nothing).
   */
  private static Map<?, ?> me(Page page) {
    String cookies = page.context().cookies(RIG.server().mainUrl("/")).stream().map(c -> c.name + "=" + c.value)
        .collect(Collectors.joining("; "));
    Map<String, String> headers = cookies.isEmpty() ? Map.of() : Map.of("Cookie", cookies);
    return (Map<?, ?>) Json.parse(RIG.server().get("/auth/me", headers).body());
  }

  private static void submitAndWaitFor(Page page, String urlGlob) {
    page.click("button[type=submit]");
    page.waitForURL(urlGlob, new Page.WaitForURLOptions().setTimeout(Chromium.WAIT_MILLIS));
  }

  @Test
  void signUpLogOutAndLogInAgainThroughThePages() {
    Page page = RIG.chromium().newPage();
    try {
      page.navigate(RIG.server().url("/auth/local/signup?return=/somedoc/"));
      page.fill("#username", "Wanda");
      page.fill("#email", "wanda@example.org");
      page.fill("#password", PASSWORD);
      submitAndWaitFor(page, "**/somedoc/");
      assertEquals("Wanda", liveUsername(page));
      assertEquals("Wanda:local", me(page).get("userId"));
      assertTrue(page.context().cookies().stream().anyMatch(c -> c.name.equals("weft_session") && c.httpOnly),
          "the session cookie is HttpOnly");
      assertEquals(Boolean.FALSE, page.evaluate("() => document.cookie.includes('weft_session')"));

      page.navigate(RIG.server().url("/auth/logout"));
      submitAndWaitFor(page, "**/frontpage/");
      assertEquals("anonymous", me(page).get("username"));
      assertEquals("anonymous", liveUsername(page));

      page.navigate(RIG.server().url("/somedoc/"));
      assertEquals("anonymous", liveUsername(page));
      page.navigate(RIG.server().url("/auth/local?return=/somedoc/"));
      page.fill("#login", "wanda@example.org");
      page.fill("#password", PASSWORD);
      submitAndWaitFor(page, "**/somedoc/");
      assertEquals("Wanda", liveUsername(page));
    } finally {
      page.context().close();
    }
  }

  @Test
  void aWrongPasswordShowsTheErrorAndKeepsTheName() {
    Page setup = RIG.chromium().newPage();
    try {
      setup.navigate(RIG.server().url("/auth/local/signup"));
      setup.fill("#username", "xavier");
      setup.fill("#email", "xavier@example.org");
      setup.fill("#password", PASSWORD);
      submitAndWaitFor(setup, "**/frontpage/");
    } finally {
      setup.context().close();
    }
    Page page = RIG.chromium().newPage();
    try {
      page.navigate(RIG.server().url("/auth/local?return=/elsewhere/"));
      page.fill("#login", "xavier");
      page.fill("#password", "not-" + PASSWORD);
      Response response = page.waitForResponse(
          r -> r.url().endsWith("/auth/local") && r.request().method().equals("POST"),
          () -> page.click("button[type=submit]"));
      assertEquals(401, response.status());
      page.waitForLoadState();
      assertEquals("Wrong username or password", page.textContent(".error").trim());
      assertEquals("xavier", page.inputValue("#login"), "the name is kept");
      assertEquals("", page.inputValue("#password"), "the password is not");
      assertEquals("/elsewhere/", page.inputValue("input[name=return]"), "the way back is kept");
      assertFalse(page.context().cookies().stream().anyMatch(c -> c.name.equals("weft_session")), "no session");
      assertEquals("anonymous", me(page).get("username"));

      // The same form, now with the right password, goes on to where the visitor was headed.
      page.fill("#password", PASSWORD);
      submitAndWaitFor(page, "**/elsewhere/");
      assertEquals("xavier", liveUsername(page));
    } finally {
      page.context().close();
    }
  }
}

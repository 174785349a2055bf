package io.weft.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.testing.ServerRig;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The server's own pages share one stylesheet, {@code /~/weft.css}, and allow no inline style. */
class OwnPagesStyleTest {
  @RegisterExtension
  static final ServerRig server = new ServerRig();

  @Test
  void theStylesheetIsServedAsCss() {
    HttpResponse<String> css = server.get("/~/weft.css");
    assertEquals(200, css.statusCode());
    assertEquals("text/css; charset=utf-8", css.headers().firstValue("content-type").orElseThrow());
    assertTrue(css.body().contains("[hidden]"), "the styles never show what a page hides");
  }

  @Test
  void loginSignUpLogoutAndErrorPagesLinkItUnderAPolicyWithoutInlineStyle() {
    for (String path : List.of("/auth/local", "/auth/local/signup", "/auth/logout", "/auth/test", "/doc1/?emailInvitation")) {
      HttpResponse<String> page = server.get(path);
      assertTrue(page.body().contains("<link rel=\"stylesheet\" href=\"/~/weft.css\">"), path + ": " + page.body());
      assertFalse(page.body().contains("<style") || page.body().contains(" style=\""), path);
      String policy = page.headers().firstValue("content-security-policy").orElseThrow();
      assertTrue(policy.contains("style-src 'self'"), path + ": " + policy);
      assertFalse(policy.contains("unsafe-inline"), path + ": " + policy);
    }
  }

  @Test
  void errorPagesABrowserLandsOnAndTheAccountPanelLookTheSame() {
    java.util.Map<String, String> browser = java.util.Map.of("Sec-Fetch-Mode", "navigate", "Sec-Fetch-Dest", "document",
        "Sec-Fetch-Site", "none");
    // The bind address as the main origin: a browser's navigation is answered there, not sent on.
    try (io.weft.testing.TestServer main = io.weft.testing.TestServer.start(java.util.Map.of("pages.domain", "127.0.0.1"))) {
      assertLookTheSame(main, browser);
    }
  }

  private static void assertLookTheSame(io.weft.testing.TestServer server, java.util.Map<String, String> browser) {
    for (String path : List.of("/no/such/thing", "/bad%20id/", "/~home")) {
      HttpResponse<String> page = server.get(path, browser);
      assertTrue(page.body().contains("<link rel=\"stylesheet\" href=\"/~/weft.css\">"), path + ": " + page.body());
      assertFalse(page.body().contains("<style") || page.body().contains(" style=\""), path);
      String policy = page.headers().firstValue("content-security-policy").orElseThrow();
      assertFalse(policy.contains("unsafe-inline"), path + ": " + policy);
    }
    assertEquals(404, server.get("/no/such/thing", browser).statusCode());
    assertEquals("text/plain; charset=utf-8", server.get("/no/such/thing").headers().firstValue("content-type")
        .orElseThrow(), "a script asking gets plain text");
  }
}

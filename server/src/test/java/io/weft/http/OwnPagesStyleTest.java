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
}

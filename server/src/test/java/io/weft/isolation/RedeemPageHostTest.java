package io.weft.isolation;

import static io.weft.isolation.PageHttp.navigation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.testing.ServerRig;
import io.weft.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The redeem page {@code /invite} acts with the visitor's whole login, so it exists on the main origin
 * only: a page's origin sends a navigation there and answers anything else with 404; the main origin
 * serves it under a policy that allows no inline script, nothing from elsewhere, and no framing.
 */
class RedeemPageHostTest {
  private static final String MAIN = "weft.localhost";

  @RegisterExtension
  static final ServerRig server = new ServerRig();

  @Test
  void aPagesOriginSendsANavigationToTheMainOriginAndServesNothingElse() {
    String host = PageLabels.of("notes") + "." + MAIN;
    PageHttp.Answer moved = PageHttp.send(server.port(), "GET", host, "/invite?code=7K2M-Q9XD", navigation());
    assertEquals(302, moved.status());
    assertEquals("http://" + MAIN + ":" + server.port() + "/invite?code=7K2M-Q9XD", moved.header("Location"));

    PageHttp.Answer fetched = PageHttp.send(server.port(), "GET", host, "/invite", Map.of("Sec-Fetch-Mode", "cors",
        "Sec-Fetch-Site", "same-origin", "Sec-Fetch-Dest", "empty"));
    assertEquals(404, fetched.status());
    assertFalse(fetched.body().contains("redeem.js"));
  }

  @Test
  void theMainOriginServesTheFormToALoggedInVisitorUnderAStrictPolicy() {
    TestServer.Login bob = server.login("bob");
    PageHttp.Answer page = PageHttp.send(server.port(), "GET", MAIN, "/invite?code=%3Cb%3E",
        navigation("Cookie", bob.cookie()));
    assertEquals(200, page.status());
    String policy = page.header("Content-Security-Policy");
    assertTrue(policy.contains("default-src 'self'"), policy);
    assertTrue(policy.contains("frame-ancestors 'none'"), policy);
    assertFalse(policy.contains("unsafe-inline"), policy);
    assertTrue(page.body().contains("<script type=\"module\" src=\"/~/redeem.js\"></script>"));
    assertFalse(page.body().contains("<script>"), "no inline script");
    assertTrue(page.body().contains("value=\"&lt;b&gt;\""), "the code from the link, escaped, in the field");
    assertTrue(page.body().contains("inputmode=\"numeric\" autocomplete=\"off\" maxlength=\"6\""));
  }

  @Test
  void aLoggedOutVisitorIsOfferedALoginThatComesBackToTheSameCode() {
    PageHttp.Answer page = PageHttp.send(server.port(), "GET", MAIN, "/invite?code=7K2M-Q9XD", navigation());
    assertEquals(200, page.status());
    assertTrue(page.body().contains("return=%2Finvite%3Fcode%3D7K2M-Q9XD"), page.body());
    assertFalse(page.body().contains("redeem.js"), "no form for nobody");
  }
}

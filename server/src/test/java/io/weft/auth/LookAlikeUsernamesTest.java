package io.weft.auth;

import static io.weft.auth.LocalAccountsTest.signUp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weft.testing.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A new account's name cannot pass for another's: look-alike letters are refused or taken as the same name. */
class LookAlikeUsernamesTest {
  private static final String PASSWORD = "correct horse battery";
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    assertEquals(303, signUp(server, "alice", "alice@example.org", PASSWORD).statusCode());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> signUpAs(String username) {
    return signUp(server, username, Integer.toHexString(username.hashCode()) + "@example.org", PASSWORD);
  }

  @Test
  void aFullWidthNameIsTheSameNameAndSoTaken() {
    HttpResponse<String> response = signUpAs("ａｌｉｃｅ");
    assertEquals(409, response.statusCode(), response.body());
    assertEquals(409, signUpAs("ａlice").statusCode());
  }

  @Test
  void aCyrillicLetterAmongLatinOnesIsRefused() {
    HttpResponse<String> response = signUpAs("\u0430lice");
    assertEquals(400, response.statusCode(), response.body());
    assertEquals(true, response.body().contains("one script"), response.body());
    assertEquals(400, signUpAs("bob\u043e").statusCode(), "Cyrillic o at the end");
  }

  @Test
  void aNameOfCyrillicOrGreekLettersThatLookLatinIsRefused() {
    assertEquals(400, signUpAs("\u0430\u0440\u0435").statusCode(), "Cyrillic аре looks like ape");
    assertEquals(400, signUpAs("\u03a4\u039f\u039c").statusCode(), "Greek ΤΟΜ looks like TOM");
  }

  @Test
  void namesInOneScriptAreWelcome() {
    for (String name : new String[] {"мария", "José_2", "王小明", "さくら桜", "Ελένη", "bob.smith-3"}) {
      HttpResponse<String> response = signUpAs(name);
      assertEquals(303, response.statusCode(), name + ": " + response.body());
    }
  }
}

package io.weft.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.json.Json;
import io.weft.testing.ServerRig;
import io.weft.testing.TestServer;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code local} login provider over real HTTP: sign-up, login, sessions, logout. */
class LocalAccountsTest {
  private static final String PASSWORD = "correct horse battery";
  /**
   * Every request comes from 127.0.0.1: room for all of this class's failed logins
   * (LoginRateLimitTest tests the limit).
   */
  @RegisterExtension
  static final ServerRig server = new ServerRig(Map.of("auth.loginAttemptsPerAddress", "1000"));

  static String form(String... namesAndValues) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      out.append(out.length() == 0 ? "" : "&").append(namesAndValues[i]).append('=')
          .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  static HttpResponse<String> signUp(TestServer server, String username, String email, String password) {
    return server.post("/auth/local/signup", form("username", username, "email", email, "password", password,
        "return", "/after-signup/"), Map.of());
  }

  static HttpResponse<String> logIn(TestServer server, String login, String password) {
    return server.post("/auth/local", form("login", login, "password", password, "return", "/after-login/"), Map.of());
  }

  /** The {@code name=value} of the session cookie a response sets. */
  static String sessionCookie(HttpResponse<String> response) {
    String setCookie = response.headers().allValues("set-cookie").stream()
        .filter(c -> c.startsWith(Sessions.COOKIE + "=")).findFirst()
        .orElseThrow(() -> new AssertionError("no session cookie: " + response.headers().map()));
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  static Map<?, ?> me(Map<String, String> headers) {
    HttpResponse<String> response = server.get("/auth/me", headers);
    assertEquals(200, response.statusCode(), response.body());
    return (Map<?, ?>) Json.parse(response.body());
  }

  private static void assertLoggedInAs(String username, HttpResponse<String> response, String location) {
    assertEquals(303, response.statusCode(), response.body());
    assertEquals(location, response.headers().firstValue("location").orElse(null));
    Map<?, ?> user = me(Map.of("Cookie", sessionCookie(response)));
    assertEquals(username, user.get("username"));
    assertEquals("local", user.get("provider"));
    assertEquals(username + ":local", user.get("userId"));
  }

  private static void assertNoSession(HttpResponse<String> response) {
    assertTrue(response.headers().allValues("set-cookie").stream().noneMatch(c -> c.startsWith(Sessions.COOKIE + "=")),
        "no session cookie: " + response.headers().map());
  }

  @Test
  void signingUpLogsInAndSendsTheBrowserBack() {
    assertLoggedInAs("alice", signUp(server, "alice", "alice@example.org", PASSWORD), "/after-signup/");
  }

  @Test
  void signingUpNeverSendsTheBrowserToAnotherSite() {
    HttpResponse<String> response = server.post("/auth/local/signup", form("username", "rita", "email",
        "rita@example.org", "password", PASSWORD, "return", "//evil.example/"), Map.of());
    assertLoggedInAs("rita", response, "/");
  }

  @Test
  void logsInWithTheUsernameInAnyCaseOrWithTheEmail() {
    assertEquals(303, signUp(server, "Bob", "Bob@Example.org", PASSWORD).statusCode());
    assertLoggedInAs("Bob", logIn(server, "Bob", PASSWORD), "/after-login/");
    assertLoggedInAs("Bob", logIn(server, "bOB", PASSWORD), "/after-login/");
    assertLoggedInAs("Bob", logIn(server, "bob@example.org", PASSWORD), "/after-login/");
    assertLoggedInAs("Bob", logIn(server, " BOB@EXAMPLE.ORG ", PASSWORD), "/after-login/");
  }

  @Test
  void aWrongPasswordFailsExactlyLikeAnAccountThatDoesNotExist() {
    assertEquals(303, signUp(server, "carol", "carol@example.org", PASSWORD).statusCode());
    HttpResponse<String> wrongPassword = logIn(server, "carol", PASSWORD + "!");
    HttpResponse<String> noSuchUser = logIn(server, "nobody", PASSWORD);
    HttpResponse<String> noSuchEmail = logIn(server, "nobody@example.org", PASSWORD);
    for (HttpResponse<String> response : List.of(wrongPassword, noSuchUser, noSuchEmail)) {
      assertEquals(401, response.statusCode());
      assertTrue(response.body().contains("Wrong username or password"), response.body());
      assertNoSession(response);
    }
    // Apart from the echoed name, the pages are the same byte for byte.
    assertEquals(wrongPassword.body().replace("carol", "X"), noSuchUser.body().replace("nobody", "X"));
    assertEquals(noSuchUser.body().replace("nobody", "X"),
        noSuchEmail.body().replace("nobody@example.org", "X"));
  }

  @Test
  void aLoginForAnAccountThatDoesNotExistTakesAsLongAsAWrongPassword() {
    assertEquals(303, signUp(server, "tim", "tim@example.org", PASSWORD).statusCode());
    List<Long> wrongPassword = new ArrayList<>();
    List<Long> noSuchUser = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      long wrong = millisToFail("tim", "not the password");
      long unknown = millisToFail("nobody-" + i, "not the password");
      wrongPassword.add(wrong);
      noSuchUser.add(unknown);
      ratios.add(Math.max(wrong, 1) / (double) Math.max(unknown, 1));
    }
    // Without the stand-in verification the unknown name answers in a few milliseconds, the known one
    // after a full Argon2id check: every pair would differ ten times over or more. Each pair is timed
    // back to back and the median of their ratios is judged, because the machine's load can change
    // several times over in the middle of the run (other tests finishing), which moved whole medians.
    double ratio = ratios.stream().sorted().toList().get(ratios.size() / 2);
    assertTrue(ratio <= 5 && ratio >= 0.2, "median ratio " + ratio + "; wrong password " + wrongPassword
        + " ms, no such user " + noSuchUser + " ms");
  }

  private static long millisToFail(String login, String password) {
    long start = System.nanoTime();
    assertEquals(401, logIn(server, login, password).statusCode());
    return (System.nanoTime() - start) / 1_000_000;
  }

  @Test
  void aFailedLoginShowsTheFormAgainWithWhatWasTypedButNotThePassword() {
    HttpResponse<String> response = server.post("/auth/local", form("login", "<b>\"mallory\"</b>",
        "password", "Secret-Typed-Password", "return", "/back/?x=\"1\""), Map.of());
    assertEquals(401, response.statusCode());
    String body = response.body();
    assertTrue(body.contains("value=\"&lt;b&gt;&quot;mallory&quot;&lt;/b&gt;\""), body);
    assertTrue(body.contains("name=\"return\" value=\"/back/?x=&quot;1&quot;\""), body);
    assertFalse(body.contains("<b>"), body);
    assertFalse(body.contains("Secret-Typed-Password"), body);
  }

  @Test
  void aTakenUsernameOrEmailIsRefusedWith409InAnyCase() {
    assertEquals(303, signUp(server, "dora", "dora@example.org", PASSWORD).statusCode());
    HttpResponse<String> sameName = signUp(server, "DORA", "other@example.org", PASSWORD);
    HttpResponse<String> sameEmail = signUp(server, "dora2", "Dora@Example.ORG", PASSWORD);
    for (HttpResponse<String> response : List.of(sameName, sameEmail)) {
      assertEquals(409, response.statusCode());
      assertTrue(response.body().contains("That username or email is already in use"), response.body());
      assertNoSession(response);
    }
    assertTrue(sameEmail.body().contains("value=\"dora2\""), "keeps the typed username: " + sameEmail.body());
    assertTrue(sameEmail.body().contains("value=\"Dora@Example.ORG\""), "keeps the typed email: " + sameEmail.body());
    assertFalse(sameEmail.body().contains(PASSWORD), sameEmail.body());
    // The first account is untouched: its password still works, the refused one does not exist.
    assertLoggedInAs("dora", logIn(server, "dora", PASSWORD), "/after-login/");
    assertEquals(401, logIn(server, "dora2", PASSWORD).statusCode());
  }

  @Test
  void ofParallelSignupsWithOneEmailExactlyOneSucceeds() throws Exception {
    List<Callable<HttpResponse<String>>> signups = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String username = "racer" + i;
      signups.add(() -> signUp(server, username, "racer@example.org", PASSWORD));
    }
    ExecutorService pool = Executors.newFixedThreadPool(signups.size());
    try {
      List<Integer> statuses = new ArrayList<>();
      for (var result : pool.invokeAll(signups)) {
        statuses.add(result.get().statusCode());
      }
      assertEquals(1, statuses.stream().filter(s -> s == 303).count(), statuses.toString());
      assertEquals(signups.size() - 1, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"a\"b", "a'b", "a&b", "a\u0007b", "a\nb", "a b", "<i>", "a:b", "a@b", "", "anonymous",
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmno"})
  void usernamesThatCannotGoInAPermissionListAreRefused(String username) {
    HttpResponse<String> response = signUp(server, username, "someone@example.org", PASSWORD);
    assertEquals(400, response.statusCode(), response.body());
    assertNoSession(response);
    assertEquals(401, logIn(server, username.isEmpty() ? "x" : username, PASSWORD).statusCode());
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"", "no-at-sign", "two@@example.org", "a@b@c", "@example.org", "someone@",
      "some one@example.org", "someone@exa\tmple.org", "someone@exa\u0000mple.org"})
  void malformedEmailsAreRefused(String email) {
    HttpResponse<String> response = signUp(server, "emailtest", email, PASSWORD);
    assertEquals(400, response.statusCode(), response.body());
    assertTrue(response.body().contains("email"), response.body());
  }

  @Test
  void anOverlongEmailIsRefused() {
    String email = "a".repeat(250) + "@x.org";
    assertEquals(400, signUp(server, "longmail", email, PASSWORD).statusCode());
  }

  @Test
  void passwordsOutside8To1024CharactersAreRefused() {
    assertEquals(400, signUp(server, "shorty", "shorty@example.org", "1234567").statusCode());
    assertEquals(400, signUp(server, "longy", "longy@example.org", "x".repeat(1025)).statusCode());
    assertLoggedInAs("edge8", signUp(server, "edge8", "edge8@example.org", "12345678"), "/after-signup/");
  }

  @Test
  void theSessionJwtAlsoWorksAsABearerToken() {
    String cookie = sessionCookie(signUp(server, "frank", "frank@example.org", PASSWORD));
    String jwt = cookie.substring(cookie.indexOf('=') + 1);
    assertEquals("frank", me(Map.of("Authorization", "Bearer " + jwt)).get("username"));
  }

  @Test
  void loggingOutEndsTheSessionForTheCookieAndTheBearerToken() {
    String cookie = sessionCookie(signUp(server, "gina", "gina@example.org", PASSWORD));
    String jwt = cookie.substring(cookie.indexOf('=') + 1);
    assertEquals("gina", me(Map.of("Authorization", "Bearer " + jwt)).get("username"));

    HttpResponse<String> logout = server.post("/auth/logout", "", Map.of("Cookie", cookie));
    assertEquals(303, logout.statusCode());
    assertEquals("anonymous", me(Map.of("Cookie", cookie)).get("username"));
    assertEquals("anonymous", me(Map.of("Authorization", "Bearer " + jwt)).get("username"));
    // Logging in again works, with a new session.
    assertLoggedInAs("gina", logIn(server, "gina", PASSWORD), "/after-login/");
  }

  @Test
  void aCrossSitePostToTheLoginFormIsRefused() {
    assertEquals(303, signUp(server, "hank", "hank@example.org", PASSWORD).statusCode());
    HttpResponse<String> login = server.post("/auth/local", form("login", "hank", "password", PASSWORD),
        Map.of("Origin", "https://evil.example"));
    assertEquals(403, login.statusCode());
    assertNoSession(login);
    HttpResponse<String> signup = server.post("/auth/local/signup", form("username", "ivan", "email",
        "ivan@example.org", "password", PASSWORD), Map.of("Origin", "https://evil.example"));
    assertEquals(403, signup.statusCode());
    assertEquals(401, logIn(server, "ivan", PASSWORD).statusCode(), "the cross-site sign-up made no account");
    // The same post from the server's own page goes through.
    assertEquals(303, server.post("/auth/local", form("login", "hank", "password", PASSWORD),
        Map.of("Origin", "http://127.0.0.1:" + server.port())).statusCode());
  }

  @Test
  void theLoginAndSignupPagesAreFormsPostingToThemselves() {
    HttpResponse<String> login = server.get("/auth/local?return=/doc1/");
    assertEquals(200, login.statusCode());
    assertTrue(login.body().contains("action=\"/auth/local\""), login.body());
    assertTrue(login.body().contains("name=\"login\""), login.body());
    assertTrue(login.body().contains("name=\"return\" value=\"/doc1/\""), login.body());
    assertTrue(login.body().contains("href=\"/auth/local/signup?return=%2Fdoc1%2F\""), login.body());
    HttpResponse<String> signup = server.get("/auth/local/signup?return=https://evil.example/");
    assertEquals(200, signup.statusCode());
    assertTrue(signup.body().contains("action=\"/auth/local/signup\""), signup.body());
    assertTrue(signup.body().contains("name=\"return\" value=\"/\""),
        "foreign return paths become /: " + signup.body());
  }

  @Test
  void passwordsAreStoredOnlyAsArgon2idHashesAndSurviveARestart() throws IOException {
    String password = "Plain-Text-Canary-7351";
    Path dir = Files.createTempDirectory("weft-accounts");
    try (TestServer own = TestServer.start(dir, Map.of())) {
      assertEquals(303, signUp(own, "ursula", "ursula-canary@example.org", password).statusCode());
    }
    List<byte[]> files = filesUnder(dir);
    assertTrue(files.stream().anyMatch(f -> indexOf(f, bytes("ursula-canary@example.org")) >= 0),
        "the account is in the data files as readable bytes, so looking for the password there means something");
    List<String> hashes = files.stream().flatMap(LocalAccountsTest::passwordHashes).toList();
    assertFalse(hashes.isEmpty(), "a passwordHash field is stored");
    for (String hash : hashes) {
      assertTrue(hash.startsWith("$argon2id$"), hash);
    }
    for (byte[] file : files) {
      assertEquals(-1, indexOf(file, bytes(password)));
      assertEquals(-1, indexOf(file, password.getBytes(StandardCharsets.UTF_16BE)));
      assertEquals(-1, indexOf(file, password.getBytes(StandardCharsets.UTF_16LE)));
    }
    try (TestServer again = TestServer.start(dir, Map.of())) {
      HttpResponse<String> login = logIn(again, "ursula", password);
      assertEquals(303, login.statusCode());
      assertEquals(401, logIn(again, "ursula", password.toLowerCase()).statusCode());
    }
  }

  @Test
  void signupIsNotFoundWhenClosedAndLoginIsNotFoundWhenLocalAccountsAreOff() {
    try (TestServer closed = TestServer.start(Map.of("auth.local.signup", "false"))) {
      HttpResponse<String> page = closed.get("/auth/local/signup");
      assertEquals(404, page.statusCode());
      assertTrue(page.body().contains("does not let people create accounts"), page.body());
      assertEquals(404, signUp(closed, "olga", "olga@example.org", PASSWORD).statusCode());
      assertEquals(401, logIn(closed, "olga", PASSWORD).statusCode());
      HttpResponse<String> login = closed.get("/auth/local");
      assertEquals(200, login.statusCode());
      assertFalse(login.body().contains("/auth/local/signup"), "no sign-up link: " + login.body());
    }
    try (TestServer off = TestServer.start(Map.of("auth.local.enabled", "false"))) {
      assertEquals(404, off.get("/auth/local").statusCode());
      assertEquals(404, logIn(off, "olga", PASSWORD).statusCode());
      assertEquals(404, signUp(off, "olga", "olga@example.org", PASSWORD).statusCode());
    }
  }

  private static List<byte[]> filesUnder(Path dir) throws IOException {
    List<byte[]> contents = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.filter(Files::isRegularFile).toList()) {
        contents.add(Files.readAllBytes(path));
      }
    }
    return contents;
  }

  /**
   * The value stored with each {@code passwordHash} key: the printable run starting at the first '$' a
   * few bytes on (past the BSON type, terminator and length, or a serializer's equivalent).
   */
  private static Stream<String> passwordHashes(byte[] file) {
    List<String> found = new ArrayList<>();
    byte[] key = bytes("passwordHash");
    for (int at = indexOf(file, key, 0); at >= 0; at = indexOf(file, key, at + 1)) {
      int start = indexOf(file, bytes("$"), at + key.length);
      assertTrue(start >= 0 && start - at < 32, "a value follows the passwordHash key");
      int end = start;
      while (end < file.length && file[end] > 0x20 && file[end] < 0x7f) {
        end++;
      }
      found.add(new String(file, start, end - start, StandardCharsets.US_ASCII));
    }
    return found.stream();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    return indexOf(haystack, needle, 0);
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}

package io.weft.auth;

import static io.weft.auth.LocalAccountsTest.logIn;
import static io.weft.auth.LocalAccountsTest.signUp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Failed local logins are limited per account and per address, over real HTTP. Every request here comes
 * from 127.0.0.1, so each test starts its own server with the limits it needs.
 */
class LoginRateLimitTest {
  private static final String PASSWORD = "correct horse battery";
  private static final String WRONG = "wrong horse battery";
  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private TestServer start(int perAccount, int perAddress, int windowSeconds) {
    server = TestServer.start(Map.of("auth.loginAttemptsPerAccount", Integer.toString(perAccount),
        "auth.loginAttemptsPerAddress", Integer.toString(perAddress),
        "auth.loginWindowSeconds", Integer.toString(windowSeconds)));
    return server;
  }

  private void account(String username) {
    assertEquals(303, signUp(server, username, username + "@example.org", PASSWORD).statusCode());
  }

  private void failsWith401(String login, String password) {
    HttpResponse<String> response = logIn(server, login, password);
    assertEquals(401, response.statusCode(), response.body());
  }

  /** Refused as limited: 429, a Retry-After within the window, a message that names no account. */
  private static String assertLimited(HttpResponse<String> response, int windowSeconds) {
    assertEquals(429, response.statusCode(), response.body());
    long retryAfter = Long.parseLong(response.headers().firstValue("retry-after").orElseThrow());
    assertTrue(retryAfter >= 1 && retryAfter <= windowSeconds, "Retry-After " + retryAfter);
    assertTrue(response.body().contains("Too many failed logins"), response.body());
    assertFalse(response.body().contains("Wrong username or password"), response.body());
    assertTrue(response.headers().allValues("set-cookie").isEmpty(), "no session: " + response.headers().map());
    return response.body();
  }

  @Test
  void afterTheAccountLimitEvenTheRightPasswordIsRefusedWith429() {
    start(3, 100, 900);
    account("dave");
    for (int i = 0; i < 3; i++) {
      failsWith401("dave", WRONG);
    }
    assertLimited(logIn(server, "dave", PASSWORD), 900);
    assertLimited(logIn(server, "DAVE", PASSWORD), 900);
  }

  @Test
  void anotherAccountIsUnaffectedWhenOnlyTheAccountLimitTripped() {
    start(3, 100, 900);
    account("dave");
    account("erin");
    for (int i = 0; i < 3; i++) {
      failsWith401("dave", WRONG);
    }
    assertLimited(logIn(server, "dave", PASSWORD), 900);
    assertEquals(303, logIn(server, "erin", PASSWORD).statusCode());
    failsWith401("erin", WRONG);
  }

  @Test
  void aNameWithoutAnAccountIsLimitedExactlyLikeOneWithAnAccount() {
    start(2, 100, 900);
    account("fay");
    for (int i = 0; i < 2; i++) {
      failsWith401("fay", WRONG);
      failsWith401("ghost", WRONG);
    }
    String known = assertLimited(logIn(server, "fay", PASSWORD), 900);
    String unknown = assertLimited(logIn(server, "ghost", PASSWORD), 900);
    assertEquals(known.replace("fay", "X"), unknown.replace("ghost", "X"));
  }

  @Test
  void afterTheAddressLimitEveryAccountIsRefusedFromThatAddress() {
    start(100, 3, 900);
    account("hugo");
    failsWith401("hugo", WRONG);
    failsWith401("ines", WRONG);
    failsWith401("hugo@example.org", WRONG);
    assertLimited(logIn(server, "hugo", PASSWORD), 900);
    assertLimited(logIn(server, "somebody-else", PASSWORD), 900);
  }

  @Test
  void aSuccessfulLoginForgetsTheAccountsFailuresButNotTheAddresses() {
    start(3, 4, 900);
    account("jane");
    failsWith401("jane", WRONG);
    failsWith401("jane", WRONG);
    assertEquals(303, logIn(server, "jane", PASSWORD).statusCode());
    // The account starts again from nothing: two more failures leave it one short of its limit.
    failsWith401("jane", WRONG);
    failsWith401("jane", WRONG);
    // But the address has now failed four times: its limit.
    assertLimited(logIn(server, "jane", PASSWORD), 900);
  }

  @Test
  void parallelGuessesCannotSlipPastTheLimitWhileTheyAreBeingChecked() throws Exception {
    start(3, 100, 900);
    account("kate");
    List<Callable<HttpResponse<String>>> guesses = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String guess = WRONG + i;
      guesses.add(() -> logIn(server, "kate", guess));
    }
    ExecutorService pool = Executors.newFixedThreadPool(guesses.size());
    try {
      List<Integer> statuses = new ArrayList<>();
      for (Future<HttpResponse<String>> result : pool.invokeAll(guesses)) {
        statuses.add(result.get().statusCode());
      }
      assertEquals(3, statuses.stream().filter(s -> s == 401).count(), statuses.toString());
      assertEquals(9, statuses.stream().filter(s -> s == 429).count(), statuses.toString());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theLimitLiftsWhenTheWindowEnds() throws InterruptedException {
    start(2, 100, 2);
    account("liam");
    failsWith401("liam", WRONG);
    failsWith401("liam", WRONG);
    HttpResponse<String> limited = logIn(server, "liam", PASSWORD);
    assertLimited(limited, 2);
    long retryAfter = Long.parseLong(limited.headers().firstValue("retry-after").orElseThrow());
    Thread.sleep(retryAfter * 1000 + 200);
    assertEquals(303, logIn(server, "liam", PASSWORD).statusCode());
  }

  @Test
  void signUpsAndEmptyFormsDoNotCountAsFailedLogins() {
    start(1, 1, 900);
    account("mona");
    account("nick");
    assertEquals(400, logIn(server, "mona", "").statusCode());
    assertEquals(400, logIn(server, "", PASSWORD).statusCode());
    assertEquals(303, logIn(server, "mona", PASSWORD).statusCode());
    assertEquals(303, logIn(server, "nick", PASSWORD).statusCode());
  }

  /** A throttle on a clock the test moves. */
  private static final class Clocked {
    long now = 1_000_000;
    final AttemptThrottle throttle;

    Clocked(int perAccount, int perAddress, long windowMillis) {
      throttle = new AttemptThrottle(perAccount, perAddress, windowMillis, true, () -> now);
    }

    /** A wrong attempt: 0 if it went ahead (and was counted), else the seconds it was refused for. */
    long attempt(String name, String address) {
      AttemptThrottle.Attempt attempt = throttle.attempt(name, address).result();
      if (attempt.refusedSeconds() == 0) {
        attempt.wrong();
      }
      return attempt.refusedSeconds();
    }
  }

  @Test
  void windowsThatEndedAreForgotten() {
    Clocked clocked = new Clocked(1, 100, 60_000);
    assertEquals(0, clocked.attempt("a", "10.0.0.1"));
    assertEquals(60, clocked.attempt("a", "10.0.0.1"));
    clocked.now += 59_001;
    assertEquals(1, clocked.attempt("a", "10.0.0.1"), "Retry-After rounds up");
    clocked.now += 999;
    assertEquals(0, clocked.attempt("b", "10.0.0.2"));
    assertEquals(2, clocked.throttle.tracked(), "only b and its address are left");
    assertEquals(0, clocked.attempt("a", "10.0.0.1"));
  }

  @Test
  void memoryStaysBoundedByForgettingTheOldestWindowsFirst() {
    Clocked clocked = new Clocked(1, Integer.MAX_VALUE, 3_600_000);
    int names = AttemptThrottle.MAX_TRACKED + 100;
    for (int i = 0; i < names; i++) {
      assertEquals(0, clocked.attempt("name" + i, "10.0.0.1"));
      clocked.now++;
    }
    assertEquals(AttemptThrottle.MAX_TRACKED + 1, clocked.throttle.tracked(), "the names, and the one address");
    assertTrue(clocked.attempt("name" + (names - 1), "10.0.0.1") > 0, "the newest are remembered");
    assertEquals(0, clocked.attempt("name0", "10.0.0.1"), "the oldest were forgotten");
  }

  @Test
  void anOverlongNameIsRememberedOnlyByItsStart() {
    Clocked clocked = new Clocked(1, 100, 60_000);
    String base = "x".repeat(AttemptThrottle.MAX_KEY_LENGTH);
    assertEquals(0, clocked.attempt(base + "a".repeat(10_000), "10.0.0.1"));
    assertTrue(clocked.attempt(base + "b", "10.0.0.1") > 0);
  }

  @Test
  void anIpv6AddressCountsAsItsSlash64() {
    Clocked clocked = new Clocked(100, 2, 60_000);
    assertEquals(0, clocked.attempt("a", "2001:db8:1:2::1"));
    assertEquals(0, clocked.attempt("b", "2001:db8:1:2:ffff:ffff:ffff:9"));
    assertTrue(clocked.attempt("c", "2001:0db8:0001:0002::abcd") > 0, "same /64");
    assertEquals(0, clocked.attempt("d", "2001:db8:1:3::1"), "another /64");
    assertEquals(0, clocked.attempt("e", "192.0.2.1"));
    assertEquals(0, clocked.attempt("f", "192.0.2.2"), "IPv4 addresses count one by one");
  }
}

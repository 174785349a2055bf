package io.weft.auth;

import static io.weft.auth.LocalAccountsTest.logIn;
import static io.weft.auth.LocalAccountsTest.signUp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sign-ups are limited per address, and a flood of them does not hold up logins. */
class SignupLimitTest {
  private static final String PASSWORD = "correct horse battery";
  private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder()
      .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void anAddressMayCreateOnlySoManyAccountsPerWindow() {
    server = TestServer.start(Map.of("auth.signupsPerAddress", "3", "auth.signupWindowSeconds", "600"));
    assertEquals(303, signUp(server, "first", "first@example.org", PASSWORD).statusCode());
    assertEquals(303, signUp(server, "second", "second@example.org", PASSWORD).statusCode());
    assertEquals(409, signUp(server, "first", "other@example.org", PASSWORD).statusCode(), "taken: no account made");
    assertEquals(303, signUp(server, "third", "third@example.org", PASSWORD).statusCode(), "the refused one took no place");
    HttpResponse<String> refused = signUp(server, "fourth", "fourth@example.org", PASSWORD);
    assertEquals(429, refused.statusCode(), refused.body());
    long retryAfter = Long.parseLong(refused.headers().firstValue("retry-after").orElseThrow());
    assertTrue(retryAfter >= 1 && retryAfter <= 600, "Retry-After " + retryAfter);
    assertTrue(refused.body().contains("Too many new accounts"), refused.body());
    assertEquals(401, logIn(server, "fourth", PASSWORD).statusCode(), "no account was made");
  }

  /** A sign-up that may wait long: the flood queues on one hashing thread, on a busy machine. */
  private int slowSignUp(String name) throws Exception {
    return HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url("/auth/local/signup")))
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(LocalAccountsTest.form("username", name,
            "email", name + "@example.org", "password", PASSWORD)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .timeout(java.time.Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Test
  void aLoginDoesNotWaitBehindASignupFlood() throws Exception {
    server = TestServer.start(Map.of());
    assertEquals(303, signUp(server, "lena", "lena@example.org", PASSWORD).statusCode());
    int flood = 16;
    ExecutorService pool = Executors.newFixedThreadPool(flood);
    try {
      AtomicInteger done = new AtomicInteger();
      List<Future<Integer>> signups = new ArrayList<>();
      for (int i = 0; i < flood; i++) {
        String name = "flood" + i;
        signups.add(pool.submit(() -> {
          int status = slowSignUp(name);
          done.incrementAndGet();
          return status;
        }));
      }
      // Log in once the flood is being hashed: how long one hash takes varies with the machine, so
      // the test waits for the first sign-up rather than for a fixed time.
      while (done.get() == 0 && signups.stream().noneMatch(Future::isDone)) {
        Thread.sleep(5);
      }
      assertEquals(303, logIn(server, "lena", PASSWORD).statusCode());
      int doneAtLogin = done.get();
      for (Future<Integer> signup : signups) {
        assertEquals(303, signup.get());
      }
      // Queued behind the flood, the login would end after nearly all of it; a quarter of it still
      // hashing leaves room for a slow machine without letting a queued login pass.
      assertTrue(doneAtLogin <= flood - flood / 4, "the login finished when " + doneAtLogin + " of " + flood
          + " sign-ups were done: it waited behind them");
    } finally {
      pool.shutdownNow();
    }
  }
}

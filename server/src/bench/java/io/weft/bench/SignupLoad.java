package io.weft.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A sign-up flood from one address (a few form posts in flight, one after another, each a new
 * account), and beside it a real person logging in once a second, whose wait is what must stay short.
 * Refusals (429 once sign-ups are rate-limited) are counted; after one a worker pauses briefly so the
 * flood does not become a busy loop on the client's own cores.
 */
final class SignupLoad {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String PASSWORD = "soak-password-1";
  private static final long PAUSE_AFTER_REFUSAL_MILLIS = 100;

  private final String base;
  private final String prefix;
  private final long maxSignups;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final ScheduledExecutorService threads;
  private final int workers;
  private final AtomicLong attempts = new AtomicLong();
  private final Map<String, Long> outcomes = new TreeMap<>();
  private final LatencyRecorder loginMillis = new LatencyRecorder();
  private final Map<String, Long> loginOutcomes = new TreeMap<>();
  private volatile boolean stopping;

  /** @param prefix makes the account names of this run unique */
  SignupLoad(int port, String prefix, int workers, long maxSignups) {
    this.base = "http://127.0.0.1:" + port;
    this.prefix = prefix.replaceAll("[^A-Za-z0-9_-]", "_");
    this.workers = workers;
    this.maxSignups = maxSignups;
    this.threads = Executors.newScheduledThreadPool(workers + 1, r -> {
      Thread t = new Thread(r, "soak-signups");
      t.setDaemon(true);
      return t;
    });
  }

  /** Creates the account that logs in during the load; fails unless the server created it. */
  void createLoginAccount() {
    int status = post("/auth/local/signup", form(prefix + "-person", PASSWORD));
    if (status >= 400) {
      throw new IllegalStateException("signing up the account that logs in during the soak answered " + status);
    }
  }

  void start() {
    for (int i = 0; i < workers; i++) {
      threads.execute(this::signUpLoop);
    }
    threads.scheduleAtFixedRate(this::logIn, 1, 1, TimeUnit.SECONDS);
  }

  private void signUpLoop() {
    long n;
    while (!stopping && (n = attempts.incrementAndGet()) <= maxSignups) {
      int status = post("/auth/local/signup", form(prefix + "-" + n, PASSWORD));
      record(outcomes, status);
      if (status == 429) {
        LoadRun.sleep(PAUSE_AFTER_REFUSAL_MILLIS);
      }
    }
  }

  private void logIn() {
    if (stopping) {
      return;
    }
    long start = System.nanoTime();
    int status = post("/auth/local", "login=" + prefix + "-person&password=" + PASSWORD);
    loginMillis.record((System.nanoTime() - start) / 1000);
    record(loginOutcomes, status);
  }

  /** The status of a form post; 0 if it timed out or the connection failed. */
  private int post(String path, String body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (java.io.IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private static String form(String username, String password) {
    return "username=" + username + "&email=" + username + "%40example.com&password=" + password + "&return=%2F";
  }

  private static void record(Map<String, Long> into, int status) {
    String what = status == 0 ? "timeout or failed" : status < 400 ? "ok" : String.valueOf(status);
    synchronized (into) {
      into.merge(what, 1L, Long::sum);
    }
  }

  /** Stops the loops and waits (bounded by the request timeout) for the posts in flight. */
  void stop() {
    stopping = true;
    threads.shutdown();
    try {
      threads.awaitTermination(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    threads.shutdownNow();
  }

  /** Sign-up posts by outcome: "ok" (account made), "429" (refused), other statuses, "timeout or failed". */
  Map<String, Long> signups() {
    synchronized (outcomes) {
      return new TreeMap<>(outcomes);
    }
  }

  Map<String, Long> logins() {
    synchronized (loginOutcomes) {
      return new TreeMap<>(loginOutcomes);
    }
  }

  /** Call after {@link #stop}. Latency in ms. */
  LatencySummary loginLatency() {
    return loginMillis.summarize();
  }
}

package io.weft.testing;

import io.vertx.core.Vertx;
import io.weft.WeftServer;
import io.weft.config.ConfigLoader;
import io.weft.isolation.PageLabels;
import io.weft.config.WeftConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Weft on a free port, on the embedded store in a fresh directory: what tests talk to over real
 * sockets. Close it to stop the server (the directory stays, so a test can start another server on it).
 * {@link ServerRig} starts one for all the tests of a class.
 */
public class TestServer implements AutoCloseable {
  private final Map<String, String> overrides;
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();
  /** Null until {@link #open}: then a new temporary directory unless one was given. */
  private Path dataDir;
  /** Set by {@link #open}, for the server's life. */
  private Vertx vertx;
  private WeftServer server;

  /** Not started yet: see {@link #open}. */
  TestServer(Path dataDir, Map<String, String> overrides) {
    this.dataDir = dataDir;
    this.overrides = overrides;
  }

  public static TestServer start() {
    return start(Map.of());
  }

  /** @param overrides dotted configuration keys, e.g. {@code ws.maxFrameBytes} */
  public static TestServer start(Map<String, String> overrides) {
    return start(null, overrides);
  }

  public static TestServer start(Path dataDir, Map<String, String> overrides) {
    TestServer started = new TestServer(dataDir, overrides);
    started.open();
    return started;
  }

  /** Starts the server; returns once it listens. */
  void open() {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    try {
      if (dataDir == null) {
        dataDir = Files.createTempDirectory("weft-test");
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Map<String, String> settings = new HashMap<>();
    settings.put("http.port", "0");
    settings.put("data.dir", dataDir.toString());
    // Tests log users in by name through the test provider (never on in a real install by default).
    settings.put("auth.test.enabled", "true");
    // Every test's sign-ups come from 127.0.0.1; the tests of the sign-up limit set their own.
    settings.put("auth.signupsPerAddress", "1000000");
    settings.putAll(overrides);
    WeftConfig config = ConfigLoader.load(settings);
    vertx = Vertx.vertx();
    try {
      server = WeftServer.start(vertx, config).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("server did not start", e);
    }
  }

  public int port() {
    return server().port();
  }

  public Path dataDir() {
    return dataDir;
  }

  public WeftServer server() {
    if (server == null) {
      throw new IllegalStateException("not started (a ServerRig starts only from a static field)");
    }
    return server;
  }

  /** A URL on the server's bind address, where non-browser clients talk to it (browsers are redirected). */
  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  /** Whether pages have origins of their own (pages.isolation=origin, the default). */
  public boolean isolated() {
    return !"shared".equals(overrides.get("pages.isolation"));
  }

  /** A URL on the main origin (login, accounts): {@code weft.localhost}; the bind address in shared mode. */
  public String mainUrl(String path) {
    return isolated() ? "http://weft.localhost:" + port() + path : url(path);
  }

  /** The origin a browser shows page {@code docId} on: its own; the bind address in shared mode. */
  public String pageOrigin(String docId) {
    return isolated() ? "http://" + PageLabels.of(docId) + ".weft.localhost:" + port() : url("");
  }

  /** {@code path} (of page {@code docId}) on that page's origin, where a browser ends up. */
  public String pageUrl(String docId, String path) {
    return pageOrigin(docId) + path;
  }

  /** A socket on {@code /<docId>/}, its init message already read. */
  public RecordingClient connect(String docId) {
    return RecordingClient.connect(port(), "/" + docId + "/");
  }

  /** A socket on {@code /<docId>/} as a logged-in user (see {@link #login}). */
  public RecordingClient connect(String docId, Login login) {
    return RecordingClient.connect(port(), "/" + docId + "/", login.headers());
  }

  /** A socket on {@code /<docId>/} sending {@code headers} (say, a {@link #visitorCookie}) with the handshake. */
  public RecordingClient connect(String docId, Map<String, String> headers) {
    return RecordingClient.connect(port(), "/" + docId + "/", headers);
  }

  /**
   * Opens the page {@code /<docId>/} as an anonymous browser would and returns the visitor cookie the
   * server set with it, as the {@code Cookie} header that browser then sends.
   */
  public Map<String, String> visitorCookie(String docId) {
    HttpResponse<String> page = get("/" + docId + "/");
    String setCookie = page.headers().allValues("set-cookie").stream()
        .filter(c -> c.startsWith("weft_visitor=")).findFirst()
        .orElseThrow(() -> new IllegalStateException("no visitor cookie with /" + docId + "/: " + page.headers()));
    return Map.of("Cookie", setCookie.substring(0, setCookie.indexOf(';')));
  }

  /** A logged-in session: its cookie, to send with requests and WebSocket handshakes. */
  public record Login(String username, String provider, String cookie) {
    public Map<String, String> headers() {
      return Map.of("Cookie", cookie);
    }

    /** The session JWT itself, for an {@code Authorization: Bearer} header. */
    public String jwt() {
      return cookie.substring(cookie.indexOf('=') + 1);
    }
  }

  /** Logs in as {@code <username>:test} through the test provider's form, as a browser would. */
  public Login login(String username) {
    HttpResponse<String> response = post("/auth/test", "username=" + username, Map.of());
    if (response.statusCode() != 303) {
      throw new IllegalStateException("test login of " + username + " failed: " + response.statusCode() + " "
          + response.body());
    }
    String setCookie = response.headers().firstValue("set-cookie").orElseThrow();
    return new Login(username, "test", setCookie.substring(0, setCookie.indexOf(';')));
  }

  /** GET with extra headers (a session cookie, an Authorization). */
  public HttpResponse<String> get(String path, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).GET().timeout(Duration.ofSeconds(10));
    headers.forEach(request::header);
    return send(request.build());
  }

  /** POSTs a form ({@code a=1&b=2}) with extra headers. */
  public HttpResponse<String> post(String path, String form, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .timeout(Duration.ofSeconds(10));
    headers.forEach(request::header);
    return send(request.build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> get(String path) {
    return get(path, Map.of());
  }

  @Override
  public void close() {
    if (server == null) {
      return;
    }
    try {
      server.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("server did not stop", e);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }
}

package io.weft.isolation;

import static io.weft.isolation.PageHttp.navigation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.testing.Pages;
import io.weft.testing.RecordingClient;
import io.weft.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A browser's side of the page-session handshake, spoken raw to a test server under the page host names. */
final class PageClient {
  private static final AtomicInteger NEXT = new AtomicInteger();
  private final TestServer server;

  PageClient(TestServer server) {
    this.server = server;
  }

  /** A new page only alice may use. */
  @SuppressWarnings("unchecked")
  String privatePage(TestServer.Login owner) {
    String doc = "private" + NEXT.incrementAndGet();
    try (RecordingClient a = server.connect(doc, owner)) {
      List<Object> page = Pages.skeleton(doc);
      ((Map<String, Object>) page.get(1)).put("data-auth",
          "[{\"username\":\"" + owner.username() + "\",\"provider\":\"test\",\"permissions\":\"rwa\"}]");
      assertNull(a.create(doc, page).get("error"));
    }
    return doc;
  }

  /** The path on {@code doc}'s origin the main origin sends a navigation to, with its code. */
  String exchangePath(String doc, String mainCookie) {
    PageHttp.Answer main = send("weft.localhost", "/" + doc + "/",
        mainCookie == null ? navigation() : navigation("Cookie", mainCookie));
    assertEquals(302, main.status(), main.body());
    String location = main.header("Location");
    String prefix = origin(doc) + "/~page-session?code=";
    assertTrue(location.startsWith(prefix), location);
    return location.substring(origin(doc).length());
  }

  /** The page cookie ({@code weft_page=...}) the handshake gives {@code doc}'s origin for the main cookie. */
  String pageCookie(String doc, String mainCookie) {
    PageHttp.Answer exchanged = send(host(doc), exchangePath(doc, mainCookie), navigation());
    assertEquals(302, exchanged.status(), exchanged.body());
    return exchanged.cookie("weft_page");
  }

  /** {@code GET /<doc>/?json} on {@code hostDoc}'s origin, from that origin, with {@code cookie}. */
  PageHttp.Answer json(String hostDoc, String doc, String cookie) {
    Map<String, String> headers = new java.util.HashMap<>(Map.of("Sec-Fetch-Site", "same-origin",
        "Sec-Fetch-Mode", "cors"));
    if (cookie != null) {
      headers.put("Cookie", cookie);
    }
    return send(host(hostDoc), "/" + doc + "/?json", headers);
  }

  PageHttp.Answer send(String host, String path, Map<String, String> headers) {
    return PageHttp.send(server.port(), "GET", host, path, headers);
  }

  String host(String doc) {
    return PageLabels.of(doc) + ".weft.localhost";
  }

  String origin(String doc) {
    return "http://" + host(doc) + ":" + server.port();
  }
}

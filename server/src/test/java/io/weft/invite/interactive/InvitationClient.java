package io.weft.invite.interactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.weft.json.Json;
import io.weft.testing.Pages;
import io.weft.testing.RecordingClient;
import io.weft.testing.TestServer;
import io.weft.testing.WaClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One user's socket making interactive invitation requests. Every frame it received is kept, in
 * order and re-encoded, in {@link #seen} (so a test can assert what never reached this user); events
 * beside replies are read with {@link #awaitState}.
 */
final class InvitationClient extends WaClient {
  private static final AtomicInteger DOCS = new AtomicInteger();
  final List<String> seen = new ArrayList<>();
  private final List<Map<String, Object>> events = new ArrayList<>();

  InvitationClient(RecordingClient socket) {
    super(socket);
    seen.add(Json.encode(socket.init));
  }

  @Override
  protected void onFrame(Map<String, Object> frame) {
    seen.add(Json.encode(frame));
  }

  Map<String, Object> create(String doc, Map<String, Object> options) {
    return ok("createInteractiveInvite", doc, options);
  }

  Map<String, Object> redeem(String doc, Object code) {
    return ok("redeemInviteCode", doc, Json.object("code", code));
  }

  Map<String, Object> authenticate(String doc, Object id, String pin) {
    return ok("authenticateInvite", doc, Json.object("id", id, "pin", pin));
  }

  /** The next {@code invitationState} event about invitation {@code id} whose state is {@code state}, skipping others. */
  Map<String, Object> awaitState(Object id, String state) {
    for (int i = 0; i < 50; i++) {
      Map<String, Object> frame = socket.nextPresence();
      seen.add(Json.encode(frame));
      events.add(frame);
      if ("invitationState".equals(frame.get("wa")) && id.equals(frame.get("id")) && state.equals(frame.get("state"))) {
        return frame;
      }
    }
    throw new AssertionError("no " + state + " event for " + id + " among " + events);
  }

  /** The next Webstrates event {@code wa} (inviteAccepted...), skipping others. */
  Map<String, Object> awaitEvent(String wa) {
    for (int i = 0; i < 50; i++) {
      Map<String, Object> frame = socket.nextPresence();
      seen.add(Json.encode(frame));
      if (wa.equals(frame.get("wa"))) {
        return frame;
      }
    }
    throw new AssertionError("no " + wa + " event");
  }

  /** Reads whatever else arrives within {@code millis} into {@link #seen}. */
  void drain(long millis) {
    for (Map<String, Object> f = socket.pollPresence(millis); f != null; f = socket.pollPresence(millis)) {
      seen.add(Json.encode(f));
    }
    for (Map<String, Object> f = socket.poll(10); f != null; f = socket.poll(10)) {
      seen.add(Json.encode(f));
    }
  }

  /** Whether any frame this user received holds {@code pin} as a number of its own (not inside a longer one). */
  boolean sawPin(String pin) {
    return seen.stream().anyMatch(frame -> frame.matches("(?s).*(?<![0-9])" + pin + "(?![0-9]).*"));
  }

  /** A new page whose permission list is {@code list}, created by {@code creator}. */
  @SuppressWarnings("unchecked")
  static String page(TestServer server, TestServer.Login creator, String list) {
    String doc = "interactive-" + DOCS.incrementAndGet() + "-" + System.nanoTime() % 100_000;
    List<Object> page = Pages.skeleton(doc);
    ((Map<String, Object>) page.get(1)).put("data-auth", list);
    try (RecordingClient c = RecordingClient.connect(server.port(), "/" + doc + "/", creator.headers())) {
      Map<String, Object> ack = c.create(doc, page);
      assertNull(ack.get("error"), "page created: " + ack);
    }
    return doc;
  }

  /** Replaces the page's permission list with an op from {@code admin}. */
  static void setList(TestServer server, TestServer.Login admin, String doc, String newList) {
    try (RecordingClient c = RecordingClient.connect(server.port(), "/" + doc + "/", admin.headers())) {
      Map<String, Object> snapshot = c.subscribe(doc);
      Map<?, ?> data = (Map<?, ?>) snapshot.get("data");
      Object before = ((Map<?, ?>) ((List<?>) data.get("data")).get(1)).get("data-auth");
      c.submit(doc, ((Number) data.get("v")).longValue(),
          List.of(Map.of("p", List.of(1, "data-auth"), "od", before, "oi", newList)));
      Map<String, Object> ack = c.next();
      assertNull(ack.get("error"), "list changed: " + ack);
    }
  }

  /** Each user's rights in the page's own data-auth, read over HTTP as {@code reader}. */
  static Map<String, String> listOf(TestServer server, TestServer.Login reader, String doc) {
    java.net.http.HttpResponse<String> json = server.get("/" + doc + "/?json", reader.headers());
    assertEquals(200, json.statusCode(), json.body());
    Object source = ((Map<?, ?>) ((List<?>) Json.parse(json.body())).get(1)).get("data-auth");
    Map<String, String> out = new LinkedHashMap<>();
    for (Object e : (List<?>) Json.parse((String) source)) {
      Map<?, ?> entry = (Map<?, ?>) e;
      out.put((String) entry.get("username"), (String) entry.get("permissions"));
    }
    return out;
  }

  /** A socket on a lobby page (never subscribed), as {@code login}. */
  static InvitationClient of(TestServer server, TestServer.Login login) {
    return new InvitationClient(server.connect("lobby", login));
  }

  /** A permission list: usernames (of the test provider) and their rights, in pairs. */
  static String entries(Object... usernamesAndRights) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (int i = 0; i < usernamesAndRights.length; i += 2) {
      list.add(Json.object("username", usernamesAndRights[i], "provider", "test", "permissions", usernamesAndRights[i + 1]));
    }
    return Json.encode(list);
  }

  static void assertCode(String expected, Map<String, Object> frame) {
    assertEquals(expected, frame.get("code"), String.valueOf(frame));
  }

}

package io.weft.ws;

import static io.weft.testing.Wire.ack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.testing.Pages;
import io.weft.testing.RecordingClient;
import io.weft.testing.ServerRig;
import io.weft.testing.TestServer;
import io.weft.testing.Wire;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An op's {@code src} (the socket it was first sent from) is honoured only from that socket's owner:
 * the same logged-in user, or the same anonymous browser (its visitor cookie). Socket ids are public
 * ({@code hello.clients}, every op broadcast), so otherwise anyone could send an op under another
 * client's src and next seq and have that client's real op acknowledged as a duplicate and dropped.
 */
class SrcBindingTest {
  @RegisterExtension
  static final ServerRig server = new ServerRig();

  @Test
  void anotherUsersSrcIsRefusedAndTheOwnersOpStillLands() {
    TestServer.Login alice = server.login("alice");
    TestServer.Login mallory = server.login("mallory");
    try (RecordingClient a = server.connect("src1", alice); RecordingClient m = server.connect("src1", mallory)) {
      Wire.createPage(a, "src1");
      a.subscribe("src1");
      m.subscribe("src1");
      Map<String, Object> forged = Wire.op("src1", 1, a.id, 2, List.of(Pages.setHtmlAttribute("data-forged", "1")));
      m.send(forged);
      Wire.assertEchoedError(forged, "ERR_SRC_NOT_YOURS", m.next());

      a.send(Wire.op("src1", 1, a.id, 2, List.of(Pages.setHtmlAttribute("data-real", "1"))));
      assertEquals(ack("src1", 1, a.id, 2), a.next(), "alice's own op is applied, not taken for a duplicate");
    }
  }

  @Test
  void aUserResendsUnderTheSrcOfTheirEarlierSocket() {
    TestServer.Login alice = server.login("alice");
    String oldSrc;
    try (RecordingClient first = server.connect("src2", alice)) {
      Wire.createPage(first, "src2");
      oldSrc = first.id;
    }
    try (RecordingClient again = server.connect("src2", alice)) {
      again.subscribe("src2");
      again.send(Wire.op("src2", 1, oldSrc, 2, List.of(Pages.setHtmlAttribute("data-resent", "1"))));
      assertEquals(ack("src2", 1, oldSrc, 2), again.next(), "a resend from the same user is applied");
    }
  }

  /** The attack as found: an anonymous socket pre-empts an anonymous browser's next op. */
  @Test
  void anAnonymousSocketCopyingAVictimsSrcAndNextSeqIsRefusedAndTheVictimsOpIsApplied() {
    Map<String, String> victimsBrowser = server.visitorCookie("anon1");
    try (RecordingClient victim = server.connect("anon1", victimsBrowser);
        RecordingClient attacker = server.connect("anon1");
        RecordingClient attackerWithACookie = server.connect("anon1", server.visitorCookie("anon1"))) {
      Wire.createPage(victim, "anon1");
      victim.subscribe("anon1");
      attacker.subscribe("anon1");
      attackerWithACookie.subscribe("anon1");
      victim.send(Wire.op("anon1", 1, victim.id, 2, List.of(Pages.setHtmlAttribute("data-first", "1"))));
      assertEquals(ack("anon1", 1, victim.id, 2), victim.next());
      // Every subscriber learns the victim's src and seq from the broadcast.
      Map<String, Object> seen = attacker.next();
      assertEquals(victim.id, seen.get("src"));
      assertEquals(victim.id, attackerWithACookie.next().get("src"));
      long nextSeq = ((Number) seen.get("seq")).longValue() + 1;

      for (RecordingClient forger : List.of(attacker, attackerWithACookie)) {
        Map<String, Object> forged = Wire.op("anon1", 2, victim.id, nextSeq,
            List.of(Pages.setHtmlAttribute("data-forged", "1")));
        forger.send(forged);
        Wire.assertEchoedError(forged, "ERR_SRC_NOT_YOURS", forger.next());
      }
      victim.expectNothing(200);

      victim.send(Wire.op("anon1", 2, victim.id, nextSeq, List.of(Pages.setHtmlAttribute("data-second", "1"))));
      assertEquals(ack("anon1", 2, victim.id, nextSeq), victim.next(), "applied at the head, not a duplicate");
    }
    Map<?, ?> attributes = htmlAttributes("anon1");
    assertEquals("1", attributes.get("data-first"));
    assertEquals("1", attributes.get("data-second"));
    assertFalse(attributes.containsKey("data-forged"), "the forged op was never committed: " + attributes);
    assertEquals(3, Wire.pageVersion(server, "anon1"));
  }

  @Test
  void twoAnonymousBrowsersCannotClaimEachOthersSrc() {
    Map<String, String> browserA = server.visitorCookie("anon2");
    Map<String, String> browserB = server.visitorCookie("anon2");
    assertNotEquals(browserA, browserB, "each browser gets a visitor id of its own");
    try (RecordingClient a = server.connect("anon2", browserA); RecordingClient b = server.connect("anon2", browserB)) {
      Wire.createPage(a, "anon2");
      a.subscribe("anon2");
      b.subscribe("anon2");
      Map<String, Object> aAsB = Wire.op("anon2", 1, b.id, 1, List.of(Pages.setHtmlAttribute("data-a-as-b", "1")));
      a.send(aAsB);
      Wire.assertEchoedError(aAsB, "ERR_SRC_NOT_YOURS", a.next());
      Map<String, Object> bAsA = Wire.op("anon2", 1, a.id, 2, List.of(Pages.setHtmlAttribute("data-b-as-a", "1")));
      b.send(bAsA);
      Wire.assertEchoedError(bAsA, "ERR_SRC_NOT_YOURS", b.next());

      a.send(Wire.op("anon2", 1, a.id, 2, List.of(Pages.setHtmlAttribute("data-a", "1"))));
      assertEquals(ack("anon2", 1, a.id, 2), a.next());
      b.next();
      b.send(Wire.op("anon2", 2, b.id, 1, List.of(Pages.setHtmlAttribute("data-b", "1"))));
      assertEquals(ack("anon2", 2, b.id, 1), b.next());
    }
    Map<?, ?> attributes = htmlAttributes("anon2");
    assertEquals(Map.of("data-a", "1", "data-b", "1"), Map.of("data-a", attributes.get("data-a"), "data-b",
        attributes.get("data-b")));
    assertFalse(attributes.containsKey("data-a-as-b") || attributes.containsKey("data-b-as-a"), "" + attributes);
  }

  @Test
  void anAnonymousBrowserResendsAfterAReconnectAndEachOpIsAppliedExactlyOnce() {
    Map<String, String> browser = server.visitorCookie("anon3");
    String oldSrc;
    List<Object> committedOp = List.of(Pages.setHtmlAttribute("data-acked", "1"));
    try (RecordingClient first = server.connect("anon3", browser)) {
      Wire.createPage(first, "anon3");
      first.subscribe("anon3");
      oldSrc = first.id;
      // Committed, but say the ack was lost with the socket.
      first.send(Wire.op("anon3", 1, oldSrc, 2, committedOp));
      assertEquals(ack("anon3", 1, oldSrc, 2), first.next());
    }
    try (RecordingClient again = server.connect("anon3", browser)) {
      assertNotEquals(oldSrc, again.id);
      again.subscribe("anon3");
      again.send(Wire.op("anon3", 1, oldSrc, 2, committedOp));
      assertEquals(ack("anon3", 1, oldSrc, 2), again.next(), "recognised as already committed");
      // Sent as the socket died, never arrived: the resend is its first arrival.
      List<Object> lostOp = List.of(Pages.setHtmlAttribute("data-lost-in-flight", "1"));
      again.send(Wire.op("anon3", 2, oldSrc, 3, lostOp));
      assertEquals(ack("anon3", 2, oldSrc, 3), again.next(), "applied under its original src");
      again.send(Wire.op("anon3", 2, oldSrc, 3, lostOp));
      assertEquals(ack("anon3", 2, oldSrc, 3), again.next(), "and only once");
      again.expectNothing(200);
    }
    assertEquals(3, Wire.pageVersion(server, "anon3"));
    Map<?, ?> attributes = htmlAttributes("anon3");
    assertEquals("1", attributes.get("data-acked"));
    assertEquals("1", attributes.get("data-lost-in-flight"));
  }

  /** Without a visitor cookie (a script), every anonymous socket is its own owner. */
  @Test
  void aCookielessAnonymousSocketCannotResendUnderItsEarlierSocketsSrc() {
    String oldSrc;
    try (RecordingClient first = server.connect("anon4")) {
      Wire.createPage(first, "anon4");
      oldSrc = first.id;
    }
    try (RecordingClient again = server.connect("anon4")) {
      again.subscribe("anon4");
      Map<String, Object> resend = Wire.op("anon4", 1, oldSrc, 2, List.of(Pages.setHtmlAttribute("data-resent", "1")));
      again.send(resend);
      Wire.assertEchoedError(resend, "ERR_SRC_NOT_YOURS", again.next());
      // Its own src, and none at all, still work.
      again.send(Wire.op("anon4", 1, again.id, 1, List.of(Pages.setHtmlAttribute("data-own", "1"))));
      assertEquals(ack("anon4", 1, again.id, 1), again.next());
    }
    assertEquals(2, Wire.pageVersion(server, "anon4"));
  }

  @Test
  void aPageGivesABrowserAVisitorCookieOnceThatIsHttpOnlyAndSameSiteLax() {
    HttpResponse<String> first = server.get("/anon5/");
    String setCookie = first.headers().allValues("set-cookie").stream()
        .filter(c -> c.startsWith("weft_visitor=")).findFirst().orElseThrow();
    // Netty spells it HTTPOnly; browsers read the attribute names case-insensitively.
    assertTrue(setCookie.matches("(?i)weft_visitor=[A-Za-z0-9_-]{22}; Path=/; HttpOnly; SameSite=Lax"), setCookie);
    Map<String, String> cookie = Map.of("Cookie", setCookie.substring(0, setCookie.indexOf(';')));
    assertEquals(List.of(), server.get("/anon5/", cookie).headers().allValues("set-cookie"), "kept, not replaced");
  }

  private static Map<?, ?> htmlAttributes(String docId) {
    return (Map<?, ?>) ((List<?>) Wire.pageJson(server, docId)).get(1);
  }
}

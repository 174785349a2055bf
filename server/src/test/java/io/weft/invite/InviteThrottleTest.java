package io.weft.invite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weft.testing.TestServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Only wrong invite keys count, per user and per address, exactly; right ones are never refused below the limit. */
class InviteThrottleTest {
  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void rightKeysSentAllAtOnceAreNeverRefused() {
    server = TestServer.start(Map.of("invites.attemptsPerUser", "5", "invites.attemptsPerAddress", "10"));
    TestServer.Login alice = server.login("alice");
    String doc = InviteRulesTest.page(server, alice, InviteClient.entries("alice", "rwa"));
    try (InviteClient aliceClient = InviteClient.of(server, alice);
        InviteClient bob = InviteClient.of(server, server.login("bob"))) {
      String key = (String) aliceClient.create(doc, Map.of("permissions", "r")).get("key");
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        keys.add(key);
      }
      List<Map<String, Object>> replies = burst(bob, doc, keys);
      for (Map<String, Object> reply : replies) {
        assertEquals(null, reply.get("error"), "a right key is not refused: " + reply);
      }
    }
  }

  @Test
  void wrongKeysCountExactlyPerUserWhateverRightKeysComeBetween() {
    server = TestServer.start(Map.of("invites.attemptsPerUser", "5", "invites.attemptsPerAddress", "1000"));
    TestServer.Login alice = server.login("alice");
    String doc = InviteRulesTest.page(server, alice, InviteClient.entries("alice", "rwa"));
    try (InviteClient aliceClient = InviteClient.of(server, alice);
        InviteClient mallory = InviteClient.of(server, server.login("mallory"))) {
      String key = (String) aliceClient.create(doc, Map.of("permissions", "r")).get("key");
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        keys.add("wrong" + i);
        keys.add(key);
      }
      List<Map<String, Object>> replies = burst(mallory, doc, keys);
      long unknown = replies.stream().filter(r -> "INVITE_UNKNOWN".equals(r.get("code"))).count();
      assertEquals(5, unknown, "exactly the limit of wrong keys was looked up: " + replies);
      // Once the limit is reached, every key waits for the window, right ones too.
      assertEquals("INVITE_RATE_LIMITED", mallory.refusedCode("checkInvite", doc, Map.of("key", key)));
    }
  }

  @Test
  void wrongKeysCountExactlyPerAddressAcrossUsers() {
    server = TestServer.start(Map.of("invites.attemptsPerUser", "1000", "invites.attemptsPerAddress", "6"));
    TestServer.Login alice = server.login("alice");
    String doc = InviteRulesTest.page(server, alice, InviteClient.entries("alice", "rwa"));
    long unknown = 0;
    for (int user = 0; user < 4; user++) {
      try (InviteClient guesser = InviteClient.of(server, server.login("guesser" + user))) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          keys.add("wrong" + user + "-" + i);
        }
        unknown += burst(guesser, doc, keys).stream().filter(r -> "INVITE_UNKNOWN".equals(r.get("code"))).count();
      }
    }
    assertEquals(6, unknown, "exactly the address's limit of wrong keys was looked up");
  }

  /** Sends a checkInvite for each key without waiting, then collects every reply, in token order. */
  private static List<Map<String, Object>> burst(InviteClient client, String doc, List<String> keys) {
    for (int i = 0; i < keys.size(); i++) {
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("wa", "checkInvite");
      request.put("d", doc);
      request.put("token", 10_000 + i);
      request.put("options", Map.of("key", keys.get(i)));
      client.socket.send(request);
    }
    Map<Integer, Map<String, Object>> replies = new java.util.TreeMap<>();
    while (replies.size() < keys.size()) {
      Map<String, Object> frame = client.socket.next();
      if ("reply".equals(frame.get("wa")) && frame.get("token") instanceof Integer token && token >= 10_000) {
        replies.put(token, frame);
      }
    }
    return new ArrayList<>(replies.values());
  }
}

package io.weft.invite;

import static io.weft.invite.InviteClient.entries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.weft.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Uses are counted atomically, and wrong keys are limited per user. */
class InviteConcurrencyTest {

  @Test
  void fiftyUsersAcceptingAnInviteForTenAtOnceGiveExactlyTenOfThemRights() throws Exception {
    try (TestServer server = TestServer.start()) {
      TestServer.Login alice = server.login("alice");
      String doc = InviteRulesTest.page(server, alice, entries("alice", "rwa"));
      String key;
      try (InviteClient inviter = InviteClient.of(server, alice)) {
        key = (String) inviter.create(doc, Map.of("permissions", "rw", "maxUses", 10)).get("key");
      }
      List<InviteClient> users = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        users.add(InviteClient.of(server, server.login("user" + i)));
      }
      ExecutorService pool = Executors.newFixedThreadPool(50);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Map<String, Object>>> replies = new ArrayList<>();
      for (InviteClient user : users) {
        replies.add(pool.submit(() -> {
          start.await();
          return user.call("acceptInvite", doc, Map.of("key", key));
        }));
      }
      start.countDown();
      int accepted = 0;
      int usedUp = 0;
      for (Future<Map<String, Object>> reply : replies) {
        Map<String, Object> frame = reply.get(60, TimeUnit.SECONDS);
        if (frame.get("error") == null) {
          accepted++;
        } else {
          assertEquals("INVITE_USED_UP", frame.get("code"), "the others are told it is used up: " + frame);
          usedUp++;
        }
      }
      pool.shutdown();
      users.forEach(InviteClient::close);
      assertEquals(10, accepted);
      assertEquals(40, usedUp);
      Map<String, String> list = InviteRulesTest.listOf(server, alice, doc);
      assertEquals(11, list.size(), "alice and exactly ten users: " + list);
      assertEquals(10, list.values().stream().filter("rw"::equals).count());
      try (InviteClient inviter = InviteClient.of(server, alice)) {
        List<Map<String, Object>> invites = inviter.ok("getInvites", doc, null);
        assertEquals(10, invites.get(0).get("uses"));
        assertEquals(10, ((List<?>) invites.get(0).get("acceptedBy")).size());
      }
    }
  }

  @Test
  void wrongKeysAreLimitedPerUserAndThenEvenARightKeyWaits() {
    try (TestServer server = TestServer.start(Map.of("invites.attemptsPerUser", "3"))) {
      TestServer.Login alice = server.login("alice");
      String doc = InviteRulesTest.page(server, alice, entries("alice", "rwa"));
      try (InviteClient inviter = InviteClient.of(server, alice);
          InviteClient guesser = InviteClient.of(server, server.login("mallory"));
          InviteClient other = InviteClient.of(server, server.login("bob"))) {
        String key = (String) inviter.create(doc, Map.of("permissions", "r")).get("key");
        for (int i = 0; i < 3; i++) {
          assertEquals("INVITE_UNKNOWN", guesser.refusedCode("checkInvite", doc, Map.of("key", "guess" + i)));
        }
        assertEquals("INVITE_RATE_LIMITED", guesser.refusedCode("checkInvite", doc, Map.of("key", "guess3")));
        assertEquals("INVITE_RATE_LIMITED", guesser.refusedCode("acceptInvite", doc, Map.of("key", key)));
        assertNull(other.call("acceptInvite", doc, Map.of("key", key)).get("error"), "other users are not limited");
      }
    }
  }
}

package io.weft.doc;

import static io.weft.testing.Wire.JSON0;
import static io.weft.testing.Wire.ack;
import static io.weft.testing.Wire.arr;
import static io.weft.testing.Wire.assertEchoedError;
import static io.weft.testing.Wire.broadcast;
import static io.weft.testing.Wire.c;
import static io.weft.testing.Wire.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.weft.testing.Pages;
import io.weft.testing.RecordingClient;
import io.weft.testing.ServerRig;
import io.weft.testing.Wire;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Creating and editing documents with {@code op} messages, exactly as they cross the wire. */
class SubmitMessagesTest {
  @RegisterExtension
  static final ServerRig server = new ServerRig();

  @Test
  void createIsAcknowledgedAtVersionZeroAndSentToSubscribersOfTheMissingDocument() {
    try (RecordingClient alice = server.connect("create1"); RecordingClient bob = server.connect("create1")) {
      bob.subscribe("create1");
      Map<String, Object> create = Wire.create("create1", alice.id, 1, Pages.skeleton("create1"));
      alice.send(create);
      assertEquals(ack("create1", 0, alice.id, 1), alice.next());
      assertEquals(obj("a", "op", "c", "webstrates", "d", "create1", "v", 0, "src", alice.id, "seq", 1,
          "create", obj("type", JSON0, "data", Pages.skeleton("create1"))), bob.next());
      alice.expectNothing(200);
      bob.expectNothing(0);
      assertEquals(Pages.skeleton("create1"), Wire.pageJson(server, "create1"));
      assertEquals(1, Wire.pageVersion(server, "create1"));
    }
  }

  @Test
  void opAtTheHeadIsAcknowledgedToItsSenderAndBroadcastToEveryOtherSubscriber() {
    try (RecordingClient alice = server.connect("head1"); RecordingClient bob = server.connect("head1");
        RecordingClient carol = server.connect("head1")) {
      Wire.createPage(alice, "head1");
      alice.subscribe("head1");
      bob.subscribe("head1");
      carol.subscribe("head1");
      List<Object> op = List.of(c(arr(5, 2), "li", "Hi"));
      alice.send(Wire.op("head1", 1, alice.id, 7, op));
      assertEquals(ack("head1", 1, alice.id, 7), alice.next());
      assertEquals(broadcast("head1", 1, alice.id, 7, op), bob.next());
      assertEquals(broadcast("head1", 1, alice.id, 7, op), carol.next());
      alice.expectNothing(200);
      bob.expectNothing(0);
      carol.expectNothing(0);
      assertEquals(2, Wire.pageVersion(server, "head1"));
    }
  }

  @Test
  void opsFromTwoClientsAtTheSameStaleVersionAreTransformedAndBothApplied() {
    try (RecordingClient alice = server.connect("stale1"); RecordingClient bob = server.connect("stale1")) {
      Wire.createPage(alice, "stale1");
      alice.subscribe("stale1");
      bob.subscribe("stale1");

      // Both made at version 1: Alice inserts before the body's "\n", Bob after it.
      List<Object> aliceOp = List.of(c(arr(5, 2), "li", "A"));
      List<Object> bobOp = List.of(c(arr(5, 3), "li", "B"));
      alice.send(Wire.op("stale1", 1, alice.id, 2, aliceOp));
      bob.send(Wire.op("stale1", 1, bob.id, 1, bobOp));

      Map<String, Object> aliceFirst = alice.next();
      Map<String, Object> bobFirst = bob.next();
      boolean aliceWon = aliceFirst.equals(ack("stale1", 1, alice.id, 2));
      if (aliceWon) {
        // Bob's op was transformed past Alice's insert; Alice receives it in its transformed form.
        assertEquals(broadcast("stale1", 1, alice.id, 2, aliceOp), bobFirst);
        assertEquals(ack("stale1", 2, bob.id, 1), bob.next());
        assertEquals(broadcast("stale1", 2, bob.id, 1, List.of(c(arr(5, 4), "li", "B"))), alice.next());
      } else {
        assertEquals(ack("stale1", 1, bob.id, 1), bobFirst);
        assertEquals(broadcast("stale1", 1, bob.id, 1, bobOp), aliceFirst);
        assertEquals(ack("stale1", 2, alice.id, 2), alice.next());
        assertEquals(broadcast("stale1", 2, alice.id, 2, aliceOp), bob.next());
      }
      alice.expectNothing(300);
      bob.expectNothing(0);

      List<Object> expected = Pages.skeleton("stale1");
      expected.set(5, arr("body", obj(), "A", "\n", "B"));
      assertEquals(expected, Wire.pageJson(server, "stale1"));
      assertEquals(3, Wire.pageVersion(server, "stale1"));
    }
  }

  @Test
  void aStaleOpIsTransformedAgainstEveryOpCommittedSinceItsVersion() {
    try (RecordingClient alice = server.connect("stale2"); RecordingClient bob = server.connect("stale2")) {
      Wire.createPage(alice, "stale2");
      alice.subscribe("stale2");
      bob.subscribe("stale2");
      for (int v = 1; v <= 3; v++) {
        alice.send(Wire.op("stale2", v, alice.id, v + 1, List.of(c(arr(5, 2), "li", "a" + v))));
        assertEquals(ack("stale2", v, alice.id, v + 1), alice.next());
        bob.next();
      }
      // Made at version 1, against a body of ["body",{},"\n"]: delete the "\n".
      bob.send(Wire.op("stale2", 1, bob.id, 1, List.of(c(arr(5, 2), "ld", "\n"))));
      assertEquals(ack("stale2", 4, bob.id, 1), bob.next());
      assertEquals(broadcast("stale2", 4, bob.id, 1, List.of(c(arr(5, 5), "ld", "\n"))), alice.next());
      alice.expectNothing(200);
      bob.expectNothing(0);

      List<Object> expected = Pages.skeleton("stale2");
      expected.set(5, arr("body", obj(), "a3", "a2", "a1"));
      assertEquals(expected, Wire.pageJson(server, "stale2"));
    }
  }

  @Test
  void aNullVersionMeansTheHead() {
    try (RecordingClient alice = server.connect("null1"); RecordingClient bob = server.connect("null1")) {
      Wire.createPage(alice, "null1");
      alice.subscribe("null1");
      bob.subscribe("null1");
      alice.send(Wire.op("null1", 1, alice.id, 2, List.of(c(arr(1, "a"), "oi", "1"))));
      assertEquals(ack("null1", 1, alice.id, 2), alice.next());
      bob.next();

      List<Object> op = List.of(c(arr(1, "b"), "oi", "2"));
      bob.send(Wire.op("null1", null, bob.id, 1, op));
      assertEquals(ack("null1", 2, bob.id, 1), bob.next());
      assertEquals(broadcast("null1", 2, bob.id, 1, op), alice.next());
      alice.expectNothing(200);
      bob.expectNothing(0);
      List<Object> expected = Pages.skeleton("null1");
      expected.set(1, obj("a", "1", "b", "2"));
      assertEquals(expected, Wire.pageJson(server, "null1"));
    }
  }

  @Test
  void aResubmissionOnANewSocketIsAcknowledgedWithItsOriginalVersionAndNotAppliedTwice() {
    List<Object> op = List.of(c(arr(5, 2), "li", "once"));
    String src;
    // Alice's browser: its visitor cookie lets its next socket resend under the old socket's src.
    Map<String, String> alicesBrowser = server.visitorCookie("resend1");
    try (RecordingClient bob = server.connect("resend1")) {
      Wire.createPage(bob, "resend1");
      bob.subscribe("resend1");
      try (RecordingClient alice = server.connect("resend1", alicesBrowser)) {
        src = alice.id;
        alice.subscribe("resend1");
        alice.send(Wire.op("resend1", 1, src, 1, op));
        assertEquals(ack("resend1", 1, src, 1), alice.next());
        assertEquals(broadcast("resend1", 1, src, 1, op), bob.next());
        // A later op by someone else, so the resend is both stale and a duplicate.
        bob.send(Wire.op("resend1", 2, bob.id, 2, List.of(c(arr(1, "x"), "oi", "1"))));
        assertEquals(ack("resend1", 2, bob.id, 2), bob.next());
        alice.next();
      }

      // Alice lost the ack, reconnects on a new socket and resends the same submission.
      try (RecordingClient again = server.connect("resend1", alicesBrowser)) {
        assertNotEquals(src, again.id);
        Map<String, Object> resubscribe = RecordingClient.message("s", "resend1");
        resubscribe.put("v", 3);
        again.send(resubscribe);
        assertEquals(obj("a", "s", "c", "webstrates", "d", "resend1"), again.next());
        again.send(Wire.op("resend1", 1, src, 1, op));
        assertEquals(ack("resend1", 1, src, 1), again.next());
        again.expectNothing(200);
        bob.expectNothing(0);
      }
    }
    assertEquals(3, Wire.pageVersion(server, "resend1"));
    List<Object> expected = Pages.skeleton("resend1");
    expected.set(1, obj("x", "1"));
    expected.set(5, arr("body", obj(), "once", "\n"));
    assertEquals(expected, Wire.pageJson(server, "resend1"));
  }

  @Test
  void createOfAnExistingDocumentIsAcknowledgedAgainWhenItIsTheSameSubmission() {
    Map<String, String> alicesBrowser = server.visitorCookie("recreate1");
    try (RecordingClient alice = server.connect("recreate1", alicesBrowser)) {
      Wire.createPage(alice, "recreate1");
      alice.subscribe("recreate1");
      alice.send(Wire.op("recreate1", 1, alice.id, 2, List.of(c(arr(1, "x"), "oi", "1"))));
      assertEquals(ack("recreate1", 1, alice.id, 2), alice.next());

      try (RecordingClient again = server.connect("recreate1", alicesBrowser)) {
        again.send(Wire.create("recreate1", alice.id, 1, Pages.skeleton("recreate1")));
        assertEquals(ack("recreate1", 0, alice.id, 1), again.next());
        again.expectNothing(200);
      }
      alice.expectNothing(0);
    }
    assertEquals(2, Wire.pageVersion(server, "recreate1"));
  }

  @Test
  void createOfAnExistingDocumentByAnotherSubmissionIsRefused() {
    // Two tabs of one browser, so either may name the other's src.
    Map<String, String> browser = server.visitorCookie("recreate2");
    try (RecordingClient alice = server.connect("recreate2", browser);
        RecordingClient bob = server.connect("recreate2", browser)) {
      Wire.createPage(alice, "recreate2");
      alice.subscribe("recreate2");
      List<Object> other = Pages.skeleton("other");
      Map<String, Object> create = Wire.create("recreate2", bob.id, 1, other);
      bob.send(create);
      assertEchoedError(create, "ERR_DOC_ALREADY_CREATED", bob.next());
      // Same src, another seq: also another submission.
      Map<String, Object> again = Wire.create("recreate2", alice.id, 9, other);
      bob.send(again);
      assertEchoedError(again, "ERR_DOC_ALREADY_CREATED", bob.next());
      bob.expectNothing(200);
      alice.expectNothing(0);
    }
    assertEquals(1, Wire.pageVersion(server, "recreate2"));
    assertEquals(Pages.skeleton("recreate2"), Wire.pageJson(server, "recreate2"));
  }

  @Test
  void anOpWithoutSrcIsAttributedToTheSocket() {
    try (RecordingClient alice = server.connect("nosrc1"); RecordingClient bob = server.connect("nosrc1")) {
      Wire.createPage(alice, "nosrc1");
      alice.subscribe("nosrc1");
      bob.subscribe("nosrc1");
      List<Object> op = List.of(c(arr(1, "x"), "oi", "1"));
      Map<String, Object> m = Wire.op("nosrc1", 1, null, 5, op);
      m.remove("src");
      alice.send(m);
      assertEquals(ack("nosrc1", 1, alice.id, 5), alice.next());
      assertEquals(broadcast("nosrc1", 1, alice.id, 5, op), bob.next());
      alice.expectNothing(200);
    }
  }
}

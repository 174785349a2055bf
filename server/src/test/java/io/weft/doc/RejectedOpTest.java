package io.weft.doc;

import static io.weft.testing.Wire.ack;
import static io.weft.testing.Wire.arr;
import static io.weft.testing.Wire.assertEchoedError;
import static io.weft.testing.Wire.broadcast;
import static io.weft.testing.Wire.c;
import static io.weft.testing.Wire.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.testing.Pages;
import io.weft.testing.RecordingClient;
import io.weft.testing.ServerRig;
import io.weft.testing.Wire;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ops the server refuses: each gets the request echoed with a code and a message, nothing is applied
 * (the page and its version stay as they were), no other subscriber hears of it, and the socket goes on
 * working.
 */
class RejectedOpTest {
  private static final AtomicInteger DOCS = new AtomicInteger();
  @RegisterExtension
  static final ServerRig server = new ServerRig();

  private String doc;
  private List<Object> page;
  private RecordingClient sender;
  private RecordingClient observer;

  @BeforeEach
  void createPage() {
    doc = "rejected" + DOCS.incrementAndGet();
    sender = server.connect(doc);
    observer = server.connect(doc);
    page = Wire.createPage(sender, doc);
    sender.subscribe(doc);
    observer.subscribe(doc);
  }

  @AfterEach
  void nothingWasApplied() {
    observer.expectNothing(200);
    sender.expectNothing(0);
    assertEquals(page, Wire.pageJson(server, doc));
    assertEquals(1, Wire.pageVersion(server, doc));
    // Still served: the next op is applied at the version the refused one did not take.
    List<Object> op = List.of(c(arr(1, "after"), "oi", "yes"));
    sender.send(Wire.op(doc, 1, sender.id, 100, op));
    assertEquals(ack(doc, 1, sender.id, 100), sender.next());
    assertEquals(broadcast(doc, 1, sender.id, 100, op), observer.next());
    sender.expectNothing(200);
    observer.expectNothing(0);
    sender.close();
    observer.close();
  }

  private void assertRefused(List<?> op, String code) {
    Map<String, Object> message = Wire.op(doc, 1, sender.id, 50, op);
    sender.send(message);
    assertEchoedError(message, code, sender.next());
  }

  static Stream<Arguments> badlyFormed() {
    return Stream.of(
        Arguments.of("a component without a path", List.of(obj("li", "x"))),
        Arguments.of("a path that is not a list", List.of(obj("p", "5.2", "li", "x"))),
        Arguments.of("an unknown component kind", List.of(c(arr(5, 2), "xx", "x"))),
        Arguments.of("a subtype component", List.of(c(arr(3, 3, 2), "t", "text0", "o", arr()))),
        Arguments.of("a component with no instruction", List.of(c(arr(5, 2)))),
        Arguments.of("a component combining instructions", List.of(c(arr(5, 2), "li", "x", "oi", "y"))),
        Arguments.of("a component that is not an object", List.of("li")),
        Arguments.of("__proto__ in a path", List.of(c(arr(1, "__proto__"), "oi", "x"))),
        Arguments.of("__proto__ deeper in a path", List.of(c(arr(1, "__proto__", "x"), "oi", "x"))),
        Arguments.of("__proto__ inside an inserted element", List.of(c(arr(5, 2), "li",
            arr("div", obj("__proto__", "x"))))),
        Arguments.of("__proto__ inside an inserted attribute object", List.of(c(arr(5, 1), "ld", obj(), "li",
            obj("__proto__", "x")))),
        Arguments.of("a fractional list index", List.of(c(arr(5, 1.5), "li", "x"))),
        Arguments.of("a negative list index", List.of(c(arr(5, -1), "li", "x"))),
        Arguments.of("a string where li needs an index", List.of(c(arr(5, "x"), "li", "x"))),
        Arguments.of("an index where oi needs a key", List.of(c(arr(1, 0), "oi", "x"))),
        Arguments.of("a non-string si", List.of(c(arr(3, 3, 2, 0), "si", 5))),
        Arguments.of("a fractional lm target", List.of(c(arr(5, 2), "lm", 0.5))),
        Arguments.of("a non-finite na", List.of(c(arr(5, 2), "na", "Infinity"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badlyFormed")
  void aMalformedOpIsRefusedAsBadlyFormed(String what, List<?> op) {
    assertRefused(op, "ERR_OT_OP_BADLY_FORMED");
  }

  static Stream<Arguments> notApplicable() {
    return Stream.of(
        Arguments.of("a path through a missing child", List.of(c(arr(9, 2), "li", "x"))),
        Arguments.of("a path through a missing attribute", List.of(c(arr(1, "nope", 0), "si", "x"))),
        Arguments.of("a path through text", List.of(c(arr(2, 0, 0), "si", "x"))),
        Arguments.of("a key where the node is a list", List.of(c(arr("body", 2), "li", "x"))),
        Arguments.of("an index where the node is an object", List.of(c(arr(1, 0, 0), "si", "x"))),
        Arguments.of("an insert past the end of a list", List.of(c(arr(5, 4), "li", "x"))),
        Arguments.of("a delete past the end of a list", List.of(c(arr(5, 3), "ld", "x"))),
        Arguments.of("a move past the end of a list", List.of(c(arr(5, 2), "lm", 3))),
        Arguments.of("a text insert past the end of the text", List.of(c(arr(3, 3, 2, 99), "si", "x"))),
        Arguments.of("a text delete of text that is not there", List.of(c(arr(3, 3, 2, 0), "sd", "zz"))),
        Arguments.of("adding to something that is not a number", List.of(c(arr(3, 3, 2), "na", 1))),
        Arguments.of("a second component that does not apply",
            List.of(c(arr(1, "first"), "oi", "1"), c(arr(9, 0), "li", "x"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notApplicable")
  void anOpThatDoesNotFitTheDocumentIsRefusedAsNotApplied(String what, List<?> op) {
    assertRefused(op, "ERR_OT_OP_NOT_APPLIED");
  }

  static Stream<Arguments> notJsonMl() {
    return Stream.of(
        Arguments.of("an attribute value that is a number", List.of(c(arr(1, "x"), "oi", 5))),
        Arguments.of("an attribute value that is an object", List.of(c(arr(1, "x"), "oi", obj()))),
        Arguments.of("an attribute value that is null", List.of(c(arr(1, "x"), "oi", null))),
        Arguments.of("a nested attribute value that is a number", List.of(c(arr(5, 1, "x"), "oi", 5))),
        Arguments.of("a child that is a number", List.of(c(arr(5, 2), "li", 5))),
        Arguments.of("a child that is an object", List.of(c(arr(5, 2), "li", obj()))),
        Arguments.of("a child that is null", List.of(c(arr(5, 2), "li", null))),
        Arguments.of("a child that is an empty list", List.of(c(arr(5, 2), "li", arr()))),
        Arguments.of("a text child replaced with a number", List.of(c(arr(5, 2), "ld", "\n", "li", 5))),
        Arguments.of("a child element without attributes", List.of(c(arr(5, 2), "li", arr("div")))),
        Arguments.of("a child element with a numeric attribute", List.of(c(arr(5, 2), "li",
            arr("div", obj("a", 1))))),
        Arguments.of("a grandchild that is a number", List.of(c(arr(5, 2), "li",
            arr("div", obj(), arr("span", obj(), 5))))),
        Arguments.of("a comment without text", List.of(c(arr(5, 2), "li", arr("!")))),
        Arguments.of("a comment whose text is a number", List.of(c(arr(5, 2), "li", arr("!", 5)))),
        Arguments.of("a comment with two texts", List.of(c(arr(5, 2), "li", arr("!", "a", "b")))),
        Arguments.of("an element named !", List.of(c(arr(5, 2), "li", arr("!", obj())))),
        Arguments.of("the root replaced with a string", List.of(c(arr(), "oi", "x"))),
        Arguments.of("the root replaced with an invalid element", List.of(c(arr(), "oi", arr("html", obj("a", 1))))),
        Arguments.of("the root deleted", List.of(c(arr(), "od", Pages.skeleton("x")))),
        Arguments.of("an insert at index 0 of the root", List.of(c(arr(0), "li", "x"))),
        Arguments.of("an insert at index 0 of an element", List.of(c(arr(5, 0), "li", "div"))),
        Arguments.of("an insert at index 1 of an element", List.of(c(arr(5, 1), "li", obj()))),
        Arguments.of("the attributes of the root removed", List.of(c(arr(1), "ld", obj()))),
        Arguments.of("the attributes of an element removed", List.of(c(arr(5, 1), "ld", obj()))),
        Arguments.of("the attributes replaced with a string", List.of(c(arr(5, 1), "ld", obj(), "li", "x"))),
        Arguments.of("the attributes replaced with bad attributes", List.of(c(arr(1), "ld", obj(), "li",
            obj("a", 1)))),
        Arguments.of("a tag renamed to empty", List.of(c(arr(5, 0), "ld", "body", "li", ""))),
        Arguments.of("a tag renamed to a number", List.of(c(arr(5, 0), "ld", "body", "li", 5))),
        Arguments.of("a tag emptied by a text delete", List.of(c(arr(5, 0, 0), "sd", "body"))),
        Arguments.of("a tag removed", List.of(c(arr(5, 0), "ld", "body"))),
        Arguments.of("the tag moved among the children", List.of(c(arr(5, 0), "lm", 2))),
        Arguments.of("the attributes moved among the children", List.of(c(arr(1), "lm", 2))),
        Arguments.of("a valid component followed by an invalid one",
            List.of(c(arr(1, "ok"), "oi", "1"), c(arr(1, "bad"), "oi", 1))),
        Arguments.of("an invalid component made valid again later",
            List.of(c(arr(5, 2), "li", 5), c(arr(5, 2), "ld", 5))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notJsonMl")
  void anOpWhoseResultIsNotJsonMlIsRefused(String what, List<?> op) {
    assertRefused(op, "ERR_OP_SUBMIT_REJECTED");
  }

  @Test
  void anOpAtAVersionNewerThanTheDocumentIsRefused() {
    Map<String, Object> message = Wire.op(doc, 2, sender.id, 50, List.of(c(arr(1, "x"), "oi", "1")));
    sender.send(message);
    assertEchoedError(message, "ERR_OP_VERSION_NEWER_THAN_CURRENT_SNAPSHOT", sender.next());
  }

  @Test
  void anOpOnADocumentTheSocketHasNotSubscribedToIsRefused() {
    try (RecordingClient stranger = server.connect(doc)) {
      Map<String, Object> message = Wire.op(doc, 1, stranger.id, 1, List.of(c(arr(1, "x"), "oi", "1")));
      stranger.send(message);
      assertEchoedError(message, "ERR_NOT_SUBSCRIBED", stranger.next());
      // Fetching does not subscribe either.
      stranger.send(RecordingClient.message("f", doc));
      stranger.next();
      stranger.send(message);
      assertEchoedError(message, "ERR_NOT_SUBSCRIBED", stranger.next());
      stranger.expectNothing(200);
    }
  }

  @Test
  void anOpAfterUnsubscribingIsRefused() {
    try (RecordingClient leaver = server.connect(doc)) {
      leaver.subscribe(doc);
      leaver.send(RecordingClient.message("u", doc));
      leaver.next();
      Map<String, Object> message = Wire.op(doc, 1, leaver.id, 1, List.of(c(arr(1, "x"), "oi", "1")));
      leaver.send(message);
      assertEchoedError(message, "ERR_NOT_SUBSCRIBED", leaver.next());
      leaver.expectNothing(200);
    }
  }

  @Test
  void aFailedResubscribeKeepsTheExistingSubscription() {
    Map<String, Object> resubscribe = RecordingClient.message("s", doc);
    resubscribe.put("v", 7);
    sender.send(resubscribe);
    assertEchoedError(resubscribe, "ERR_OP_VERSION_NEWER_THAN_CURRENT_SNAPSHOT", sender.next());
    // nothingWasApplied() then submits from this socket, which must still count as subscribed.
  }

  @Test
  void anOpOnADocumentThatWasNeverCreatedIsRefused() {
    try (RecordingClient early = server.connect("nevercreated")) {
      early.subscribe("nevercreated");
      Map<String, Object> message = Wire.op("nevercreated", 0, early.id, 1, List.of(c(arr(1, "x"), "oi", "1")));
      early.send(message);
      assertEchoedError(message, "ERR_DOC_DOES_NOT_EXIST", early.next());
      early.expectNothing(200);
    }
    assertEquals(404, server.get("/nevercreated/?json").statusCode());
  }

  static Stream<Arguments> invalidPages() {
    return Stream.of(
        Arguments.of("a string", "html"),
        Arguments.of("an object", obj("html", obj())),
        Arguments.of("null", null),
        Arguments.of("an element without attributes", arr("html")),
        Arguments.of("a numeric attribute", arr("html", obj("a", 1))),
        Arguments.of("a numeric child", arr("html", obj(), 1)),
        Arguments.of("an invalid grandchild", arr("html", obj(), arr("body", obj(), arr("p")))),
        Arguments.of("an empty tag", arr("", obj())),
        Arguments.of("a comment as the root", arr("!", "x")),
        Arguments.of("__proto__ as an attribute", arr("html", obj("__proto__", "x"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidPages")
  void aCreateWithDataThatIsNotAPageIsRefusedAndTheDocumentStaysMissing(String what, Object data) {
    String id = doc + "-new";
    try (RecordingClient early = server.connect(id)) {
      early.subscribe(id);
      Map<String, Object> create = Wire.create(id, sender.id, 1, data);
      sender.send(create);
      assertEchoedError(create, "ERR_OP_SUBMIT_REJECTED", sender.next());
      early.expectNothing(200);
      // The next, valid create takes version 0.
      Map<String, Object> valid = Wire.create(id, sender.id, 2, Pages.skeleton(id));
      sender.send(valid);
      assertEquals(ack(id, 0, sender.id, 2), sender.next());
      assertTrue(early.next().containsKey("create"));
    }
  }
}

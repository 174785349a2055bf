package io.weft.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code od} of a key that does not exist, as ot-json0 1.1.0 treats it (each expected result is what
 * the reference gives): it deletes nothing, and with {@code oi} it inserts the key. Webstrates' client
 * writes every new attribute as {@code {"od":null,"oi":value}}.
 */
class MissingKeyDeleteTest {
  private static final String DOC = "{\"attrs\":{\"id\":\"b\"},\"list\":[1,2]}";

  private static Object apply(String doc, String op) throws OtException {
    return Json0.apply(Vectors.parseJson(doc), Vectors.op(op));
  }

  private static void assertJson(String expected, Object actual) {
    assertEquals(expected, Vectors.toJson(actual), "key order included");
  }

  @Test
  void deletingAKeyThatDoesNotExistChangesNothing() throws OtException {
    assertJson(DOC, apply(DOC, "[{\"p\":[\"attrs\",\"new\"],\"od\":\"x\"}]"));
    assertJson(DOC, apply(DOC, "[{\"p\":[\"attrs\",\"new\"],\"od\":null}]"));
  }

  @Test
  void replacingAKeyThatDoesNotExistInsertsIt() throws OtException {
    assertJson("{\"attrs\":{\"id\":\"b\",\"new\":\"x\"},\"list\":[1,2]}",
        apply(DOC, "[{\"p\":[\"attrs\",\"new\"],\"od\":null,\"oi\":\"x\"}]"));
  }

  @Test
  void aRefusedOpThatDeletedOrInsertedMissingKeysLeavesTheDocumentAsItWas() {
    Object doc = Vectors.parseJson(DOC);
    assertThrows(OtException.class, () -> Json0.apply(doc, Vectors.op("[{\"p\":[\"attrs\",\"gone\"],\"od\":\"x\"},"
        + "{\"p\":[\"attrs\",\"new\"],\"od\":null,\"oi\":\"x\"},{\"p\":[\"list\",9],\"li\":3}]")));
    assertJson(DOC, doc);
  }

  @Test
  void undoingAnAppliedOpRemovesTheInsertedKeyAndRestoresNothingElse() throws OtException {
    Object doc = Vectors.parseJson(DOC);
    Applied applied = Json0.applyReversibly(doc, Vectors.op("[{\"p\":[\"attrs\",\"gone\"],\"od\":\"x\"},"
        + "{\"p\":[\"attrs\",\"new\"],\"od\":null,\"oi\":\"x\"}]"));
    assertJson("{\"attrs\":{\"id\":\"b\",\"new\":\"x\"},\"list\":[1,2]}", applied.doc());
    applied.revert().run();
    assertJson(DOC, doc);
  }

  /**
   * Weft's client inserts an attribute with a plain oi while Webstrates' client inserts the same one with
   * od:null: the reference turns the late op into a delete of the first value and then an od of the
   * key it just deleted, which must apply.
   */
  @Test
  void aWebstratesInsertAfterAConcurrentInsertOfTheSameKeyApplies() throws OtException {
    var late = Vectors.op("[{\"p\":[\"attrs\",\"n\"],\"od\":null,\"oi\":\"b\"}]");
    var committed = Vectors.op("[{\"p\":[\"attrs\",\"n\"],\"oi\":\"a\"}]");
    var transformed = Json0.transform(late, committed, Side.LEFT);
    assertTrue(Json0.deepEquals(Vectors.parseJson(
        "[{\"p\":[\"attrs\",\"n\"],\"od\":\"a\"},{\"p\":[\"attrs\",\"n\"],\"od\":null,\"oi\":\"b\"}]"),
        Json0.toJson(transformed)), "as ot-json0 transforms it: " + Vectors.toJson(Json0.toJson(transformed)));
    Object head = Json0.apply(Vectors.parseJson(DOC), committed);
    assertJson("{\"attrs\":{\"id\":\"b\",\"n\":\"b\"},\"list\":[1,2]}", Json0.apply(head, transformed));
  }

  @Test
  void twoWebstratesInsertsOfTheSameKeyLetTheLeftOneWin() throws OtException {
    var left = Vectors.op("[{\"p\":[\"attrs\",\"n\"],\"od\":null,\"oi\":\"b\"}]");
    var right = Vectors.op("[{\"p\":[\"attrs\",\"n\"],\"od\":null,\"oi\":\"a\"}]");
    assertTrue(Json0.deepEquals(Vectors.parseJson("[{\"p\":[\"attrs\",\"n\"],\"od\":\"a\",\"oi\":\"b\"}]"),
        Json0.toJson(Json0.transform(left, right, Side.LEFT))));
    assertTrue(Json0.transform(right, left, Side.RIGHT).isEmpty());
  }
}

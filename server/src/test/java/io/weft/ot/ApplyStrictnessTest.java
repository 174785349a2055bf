package io.weft.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Ops that do not fit the document are refused with a message saying what and where, and the
 * document is left exactly as it was (key order included), however many components already ran.
 */
class ApplyStrictnessTest {
  private static final String DOC = "{\"title\":\"hello\",\"n\":5,\"flag\":true,\"nil\":null,"
      + "\"list\":[\"a\",{\"k\":\"v\"},[1,2],3],\"obj\":{\"x\":{\"y\":\"z\"},\"w\":1}}";

  private static void assertRejected(String opJson, String... fragments) {
    Object doc = Vectors.parseJson(DOC);
    String before = Vectors.toJson(doc);
    Object copy = Json0.deepCopy(doc);
    OtException e = assertThrows(OtException.class, () -> Json0.apply(doc, Vectors.op(opJson)));
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment), () -> "message \"" + e.getMessage() + "\" lacks \""
          + fragment + "\"");
    }
    assertTrue(Json0.deepEquals(copy, doc), "document changed");
    assertEquals(before, Vectors.toJson(doc), "document changed (or its key order did)");
  }

  @Test
  void pathThroughAMissingNodeIsRejected() {
    assertRejected("[{\"p\":[\"nope\",\"x\"],\"oi\":1}]",
        "component 0: path [\"nope\",\"x\"] goes through a missing node at [\"nope\"]");
    assertRejected("[{\"p\":[\"list\",9,0],\"li\":1}]", "goes through a missing node at [\"list\",9]",
        "past the end of the list (length 4)");
    assertRejected("[{\"p\":[\"nil\",\"x\",\"y\"],\"oi\":1}]", "goes through a missing node", "[\"nil\"] is null");
    assertRejected("[{\"p\":[\"nil\",\"x\"],\"oi\":1}]", "\"oi\" at path [\"nil\",\"x\"] needs an object at [\"nil\"], found null");
  }

  @Test
  void pathThroughAScalarIsRejected() {
    assertRejected("[{\"p\":[\"title\",\"x\",\"y\"],\"oi\":1}]", "goes through a string at [\"title\"]");
    assertRejected("[{\"p\":[\"title\",\"x\"],\"oi\":1}]", "needs an object at [\"title\"], found a string");
    assertRejected("[{\"p\":[\"n\",0,1],\"si\":\"q\"}]", "goes through a number at [\"n\"]");
  }

  @Test
  void keyOnAListOrIndexOnAnObjectIsRejected() {
    assertRejected("[{\"p\":[\"list\",\"0\",\"k\"],\"oi\":1}]", "[\"list\"] is a list, so \"0\" must be an integer index");
    assertRejected("[{\"p\":[\"obj\",0,\"k\"],\"oi\":1}]", "[\"obj\"] is an object, so 0 must be a string key");
    assertRejected("[{\"p\":[\"obj\",0],\"li\":1}]", "\"li\" at path [\"obj\",0] needs a list at [\"obj\"]",
        "found an object");
    assertRejected("[{\"p\":[\"list\",\"k\"],\"oi\":1}]", "\"oi\" at path [\"list\",\"k\"] needs an object",
        "found a list");
  }

  @Test
  void listIndexesOutOfRangeAreRejected() throws OtException {
    assertRejected("[{\"p\":[\"list\",5],\"li\":1}]", "\"li\" index 5", "out of range (list length 4)");
    assertRejected("[{\"p\":[\"list\",4],\"ld\":3}]", "\"ld\" index 4", "out of range");
    assertRejected("[{\"p\":[\"list\",4],\"ld\":3,\"li\":1}]", "\"li\" index 4", "out of range");
    assertRejected("[{\"p\":[\"list\",4],\"lm\":0}]", "\"lm\" index 4", "out of range");
    assertRejected("[{\"p\":[\"list\",0],\"lm\":4}]", "\"lm\" target 4", "out of range (list length 4)");
    Object doc = Json0.apply(Vectors.parseJson(DOC), Vectors.op("[{\"p\":[\"list\",4],\"li\":\"end\"}]"));
    assertTrue(Json0.deepEquals(Vectors.parseJson("[\"a\",{\"k\":\"v\"},[1,2],3,\"end\"]"),
        ((java.util.Map<?, ?>) doc).get("list")), "li may insert at the end of a list");
  }

  @Test
  void stringEditsOnNonStringsOrOutOfRangeAreRejected() {
    assertRejected("[{\"p\":[\"n\",0],\"si\":\"x\"}]", "\"si\" at path [\"n\",0] needs a string at [\"n\"]",
        "found a number");
    assertRejected("[{\"p\":[\"list\",1,0],\"sd\":\"x\"}]", "\"sd\"", "needs a string", "found an object");
    assertRejected("[{\"p\":[\"title\",6],\"si\":\"x\"}]", "\"si\" offset 6", "out of range (string length 5)");
    assertRejected("[{\"p\":[\"title\",3],\"sd\":\"lo!\"}]", "\"sd\" at path [\"title\",3] deletes \"lo!\"",
        "has \"lo\" there");
    assertRejected("[{\"p\":[\"title\",0],\"sd\":\"jello\"}]", "deletes \"jello\"", "has \"hello\"");
  }

  @Test
  void numberAddOnNonNumbersIsRejected() {
    assertRejected("[{\"p\":[\"title\"],\"na\":1}]", "\"na\" at path [\"title\"] needs a number, found a string");
    assertRejected("[{\"p\":[\"missing\"],\"na\":1}]", "goes through a missing node at [\"missing\"]");
    assertRejected("[{\"p\":[],\"na\":1}]", "needs a number, found an object");
  }

  @Test
  void listOpsOnTheRootOfAnObjectDocumentAreRejected() {
    assertRejected("[{\"p\":[0],\"li\":1}]", "\"li\" at path [0] needs a list at [], found an object");
  }

  @Test
  void failingLastComponentUndoesAllEarlierComponents() {
    assertRejected("[{\"p\":[\"obj\",\"x\"],\"od\":{\"y\":\"z\"}},"
        + "{\"p\":[\"obj\",\"new\"],\"oi\":[1]},"
        + "{\"p\":[\"obj\",\"w\"],\"od\":1,\"oi\":{\"deep\":[]}},"
        + "{\"p\":[\"title\",5],\"si\":\" world\"},"
        + "{\"p\":[\"title\",0],\"sd\":\"he\"},"
        + "{\"p\":[\"n\"],\"na\":2.5},"
        + "{\"p\":[\"list\",0],\"ld\":\"a\"},"
        + "{\"p\":[\"list\",0],\"li\":\"b\"},"
        + "{\"p\":[\"list\",1],\"ld\":{},\"li\":7},"
        + "{\"p\":[\"list\",2,0],\"lm\":1},"
        + "{\"p\":[\"list\",0],\"lm\":3},"
        + "{\"p\":[\"flag\"],\"od\":true},"
        + "{\"p\":[\"nil\"],\"oi\":0},"
        + "{\"p\":[\"list\",9],\"li\":\"too far\"}]",
        "component 13: \"li\" index 9");
  }

  @Test
  void failingComponentAfterRootReplacementLeavesOriginalRootIntact() {
    assertRejected("[{\"p\":[\"title\"],\"od\":\"hello\"},{\"p\":[],\"od\":{},\"oi\":{\"a\":1}},"
        + "{\"p\":[\"a\"],\"na\":1},{\"p\":[\"b\",\"c\"],\"oi\":1}]",
        "component 3: path [\"b\",\"c\"] goes through a missing node");
  }
}

package io.weft.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-picked transform cases that document json0's tie-breaks and quirks. */
class TransformBehaviourTest {

  private static void assertTransform(String expected, String op, String other, Side side) throws OtException {
    List<Component> result = Json0.transform(Vectors.op(op), Vectors.op(other), side);
    assertTrue(Json0.deepEquals(Vectors.parseJson(expected), Json0.toJson(result)),
        () -> "expected " + expected + " but was " + Vectors.toJson(Json0.toJson(result)));
  }

  @Test
  void leftWinsConcurrentInsertsAtTheSameIndex() throws OtException {
    assertTransform("[{\"p\":[1],\"li\":\"a\"}]", "[{\"p\":[1],\"li\":\"a\"}]", "[{\"p\":[1],\"li\":\"b\"}]",
        Side.LEFT);
    assertTransform("[{\"p\":[2],\"li\":\"b\"}]", "[{\"p\":[1],\"li\":\"b\"}]", "[{\"p\":[1],\"li\":\"a\"}]",
        Side.RIGHT);
  }

  @Test
  void deletingASubtreeAbsorbsAConcurrentEditInsideIt() throws OtException {
    assertTransform("[{\"p\":[\"o\"],\"od\":{\"s\":\"ab!\",\"n\":1}}]", "[{\"p\":[\"o\"],\"od\":{\"s\":\"ab\",\"n\":1}}]",
        "[{\"p\":[\"o\",\"s\",2],\"si\":\"!\"}]", Side.LEFT);
    assertTransform("[{\"p\":[0],\"ld\":[\"x\",\"y\"]}]", "[{\"p\":[0],\"ld\":[\"y\"]}]",
        "[{\"p\":[0,0],\"li\":\"x\"}]", Side.RIGHT);
  }

  @Test
  void aConcurrentEditThatDoesNotFitTheClaimedDeletedValueIsRejected() {
    OtException e = assertThrows(OtException.class, () -> Json0.transform(
        Vectors.op("[{\"p\":[\"o\"],\"od\":5}]"), Vectors.op("[{\"p\":[\"o\",\"k\"],\"oi\":1}]"), Side.LEFT));
    assertTrue(e.getMessage().contains("the value deleted at [\"o\"] does not fit a concurrent edit"),
        e.getMessage());
  }

  @Test
  void concurrentStringDeletesOfDifferentTextAreRejected() {
    OtException e = assertThrows(OtException.class, () -> Json0.transform(
        Vectors.op("[{\"p\":[\"s\",0],\"sd\":\"abc\"}]"), Vectors.op("[{\"p\":[\"s\",1],\"sd\":\"xy\"}]"),
        Side.LEFT));
    assertTrue(e.getMessage().contains("delete different text"), e.getMessage());
  }

  @Test
  void stringDeleteIsSplitAroundAConcurrentInsert() throws OtException {
    assertTransform("[{\"p\":[\"s\",1],\"sd\":\"b\"},{\"p\":[\"s\",3],\"sd\":\"c\"}]",
        "[{\"p\":[\"s\",1],\"sd\":\"bc\"}]", "[{\"p\":[\"s\",2],\"si\":\"XY\"}]", Side.LEFT);
  }

  @Test
  void movesOfTheSameElementAreWonByTheLeftSide() throws OtException {
    assertTransform("[{\"p\":[3],\"lm\":0}]", "[{\"p\":[1],\"lm\":0}]", "[{\"p\":[1],\"lm\":3}]", Side.LEFT);
    assertTransform("[]", "[{\"p\":[1],\"lm\":0}]", "[{\"p\":[1],\"lm\":3}]", Side.RIGHT);
  }

  @Test
  void editsBelowARootReplacementAreDropped() throws OtException {
    assertTransform("[]", "[{\"p\":[\"a\",0],\"li\":1}]", "[{\"p\":[],\"od\":{},\"oi\":{}}]", Side.LEFT);
  }

  @Test
  void transformAgainstAnEmptyOpKeepsTheOp() throws OtException {
    assertTransform("[{\"p\":[0],\"li\":1}]", "[{\"p\":[0],\"li\":1}]", "[]", Side.RIGHT);
  }

  @Test
  void composeMergesLikeJson0() throws OtException {
    List<Component> composed = Json0.compose(Vectors.op("[{\"p\":[\"n\"],\"na\":1},{\"p\":[\"s\",0],\"si\":\"ab\"}]"),
        Vectors.op("[{\"p\":[\"s\",2],\"si\":\"c\"},{\"p\":[\"s\",0],\"si\":\"\"}]"));
    assertEquals(2, composed.size());
    assertTrue(Json0.deepEquals(Vectors.parseJson("[{\"p\":[\"n\"],\"na\":1},{\"p\":[\"s\",0],\"si\":\"abc\"}]"),
        Json0.toJson(composed)));
  }
}

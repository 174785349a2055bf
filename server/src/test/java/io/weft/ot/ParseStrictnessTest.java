package io.weft.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Structurally invalid ops are refused by parse with a message naming the component and the problem. */
class ParseStrictnessTest {

  private static void assertRejected(String opJson, String... fragments) {
    assertRejectedValue(Vectors.parseJson(opJson), fragments);
  }

  private static void assertRejectedValue(Object op, String... fragments) {
    OtException e = assertThrows(OtException.class, () -> Json0.parse(op));
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment), () -> "message \"" + e.getMessage() + "\" lacks \""
          + fragment + "\"");
    }
  }

  @Test
  void opThatIsNotAnArrayIsRejected() {
    assertRejected("{\"p\":[0],\"li\":1}", "op must be a JSON array", "an object");
    assertRejectedValue(null, "op must be a JSON array", "null");
  }

  @Test
  void componentThatIsNotAnObjectIsRejected() {
    assertRejected("[{\"p\":[0],\"li\":1},\"li\"]", "component 1: must be an object, got a string");
  }

  @Test
  void missingOrNonArrayPathIsRejected() {
    assertRejected("[{\"li\":1}]", "component 0: missing path \"p\"");
    assertRejected("[{\"p\":\"x\",\"oi\":1}]", "component 0: path \"p\" must be an array, got a string");
    assertRejected("[{\"p\":null,\"oi\":1}]", "path \"p\" must be an array, got null");
  }

  @Test
  void pathElementsMustBeStringKeysOrNonNegativeIntegers() {
    assertRejected("[{\"p\":[-1],\"li\":1}]", "path element 0 must be a string key or a non-negative integer",
        "got -1");
    assertRejected("[{\"p\":[\"a\",1.5],\"li\":1}]", "path element 1", "got 1.5");
    assertRejected("[{\"p\":[true],\"oi\":1}]", "path element 0", "got true");
    assertRejected("[{\"p\":[null],\"oi\":1}]", "path element 0", "got null");
    assertRejected("[{\"p\":[[0]],\"oi\":1}]", "path element 0", "got a list");
    assertRejected("[{\"p\":[4294967296],\"li\":1}]", "path element 0", "got 4294967296");
  }

  @Test
  void integralPathNumbersOfAnyBoxedTypeBecomeIntegers() throws OtException {
    List<Object> path = new ArrayList<>(List.of(2.0, 3L, BigInteger.ONE, 4));
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("p", path);
    c.put("li", "x");
    List<Component> op = Json0.parse(List.of(c));
    assertEquals(List.of(2, 3, 1, 4), op.get(0).path());
    for (Object e : op.get(0).path()) {
      assertInstanceOf(Integer.class, e);
    }
  }

  @Test
  void unknownFieldOrMissingInstructionIsRejected() {
    assertRejected("[{\"p\":[0],\"xx\":1}]", "component 0: unknown field \"xx\"");
    assertRejected("[{\"p\":[0]}]", "component 0: has no instruction");
  }

  @Test
  void subtypeComponentsAreRejected() {
    assertRejected("[{\"p\":[\"s\"],\"t\":\"text0\",\"o\":[{\"p\":0,\"i\":\"a\"}]}]",
        "subtype operations (\"t\"/\"o\") are not supported");
  }

  @Test
  void incompatibleInstructionsInOneComponentAreRejected() {
    assertRejected("[{\"p\":[0],\"si\":\"a\",\"li\":1}]", "cannot combine instructions si, li");
    assertRejected("[{\"p\":[\"s\",0],\"si\":\"a\",\"sd\":\"b\"}]", "cannot combine instructions si, sd");
    assertRejected("[{\"p\":[0],\"li\":1,\"oi\":1}]", "cannot combine instructions li, oi");
    assertRejected("[{\"p\":[0],\"lm\":1,\"ld\":1}]", "cannot combine instructions ld, lm");
    assertRejected("[{\"p\":[\"n\"],\"na\":1,\"od\":1}]", "cannot combine instructions na, od");
  }

  @Test
  void stringEditsNeedStringsAndAnIntegerOffset() {
    assertRejected("[{\"p\":[\"s\",0],\"si\":5}]", "\"si\" must be a string, got a number");
    assertRejected("[{\"p\":[\"s\",0],\"sd\":null}]", "\"sd\" must be a string, got null");
    assertRejected("[{\"p\":[\"s\"],\"si\":\"a\"}]", "\"si\" needs the character offset");
    assertRejected("[{\"p\":[],\"sd\":\"a\"}]", "\"sd\" needs the character offset");
    assertRejected("[{\"p\":[\"s\",-2],\"si\":\"a\"}]", "path element 1", "got -2");
  }

  @Test
  void numberAddNeedsAFiniteNumber() {
    assertRejected("[{\"p\":[\"n\"],\"na\":\"5\"}]", "\"na\" must be a finite number, got a string");
    assertRejected("[{\"p\":[\"n\"],\"na\":null}]", "\"na\" must be a finite number, got null");
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("p", List.of("n"));
    c.put("na", Double.NaN);
    assertRejectedValue(List.of(c), "\"na\" must be a finite number");
  }

  @Test
  void moveNeedsANonNegativeIntegerTargetAndIndex() {
    assertRejected("[{\"p\":[0],\"lm\":\"1\"}]", "\"lm\" must be a non-negative integer list index, got \"1\"");
    assertRejected("[{\"p\":[0],\"lm\":1.5}]", "got 1.5");
    assertRejected("[{\"p\":[0],\"lm\":-1}]", "got -1");
    assertRejected("[{\"p\":[\"k\"],\"lm\":1}]", "\"lm\" needs a list index (an integer) as the last path element");
  }

  @Test
  void listOpsNeedAnIndexAndObjectOpsAKey() {
    assertRejected("[{\"p\":[\"k\"],\"li\":1}]", "\"li\" needs a list index", "at path [\"k\"]");
    assertRejected("[{\"p\":[],\"ld\":1}]", "\"ld\" needs a list index");
    assertRejected("[{\"p\":[\"a\",3],\"oi\":1}]", "\"oi\" needs an object key (a string)", "at path [\"a\",3]");
    assertRejected("[{\"p\":[0],\"od\":1}]", "\"od\" needs an object key");
  }

  @Test
  void protoKeysAreRejectedInPathsAndInsertedValues() {
    assertRejected("[{\"p\":[\"__proto__\",\"x\"],\"oi\":1}]", "path element 0 is the forbidden key \"__proto__\"");
    assertRejected("[{\"p\":[\"a\"],\"oi\":{\"b\":[1,{\"__proto__\":{\"x\":1}}]}}]",
        "\"oi\" value contains the forbidden key \"__proto__\" at [\"b\",1]");
    assertRejected("[{\"p\":[0],\"li\":{\"__proto__\":null}}]", "\"li\" value contains the forbidden key");
    assertRejected("[{\"p\":[0],\"li\":1},{\"p\":[],\"oi\":{\"__proto__\":1}}]", "component 1:");
  }

  @Test
  void protoKeysInDeletedValuesParseButCannotBeInverted() throws OtException {
    List<Component> op = Json0.parse(Vectors.parseJson("[{\"p\":[\"a\"],\"od\":{\"__proto__\":1}}]"));
    OtException e = assertThrows(OtException.class, () -> Json0.invert(op));
    assertTrue(e.getMessage().contains("component 0: cannot invert: the \"od\" value contains the forbidden key"),
        e.getMessage());
  }

  @Test
  void wellFormedOpsRoundTripThroughToJson() throws OtException {
    String json = "[{\"p\":[\"s\",2],\"si\":\"ab\"},{\"p\":[\"s\",0],\"sd\":\"x\"},{\"p\":[\"n\"],\"na\":-2.5},"
        + "{\"p\":[\"l\",0],\"li\":{\"a\":[1]}},{\"p\":[\"l\",1],\"ld\":null},{\"p\":[\"l\",0],\"ld\":1,\"li\":2},"
        + "{\"p\":[\"l\",0],\"lm\":2},{\"p\":[\"o\"],\"oi\":true},{\"p\":[\"o\"],\"od\":false},"
        + "{\"p\":[\"o\"],\"od\":1,\"oi\":2},{\"p\":[],\"oi\":null}]";
    Object parsed = Vectors.parseJson(json);
    assertTrue(Json0.deepEquals(parsed, Json0.toJson(Json0.parse(parsed))));
  }
}

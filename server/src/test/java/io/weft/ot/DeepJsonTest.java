package io.weft.ot;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeepJsonTest {

  @Test
  void numbersCompareNumericallyAcrossBoxedTypes() {
    assertTrue(Json0.deepEquals(3, 3L));
    assertTrue(Json0.deepEquals(3, 3.0));
    assertTrue(Json0.deepEquals(BigInteger.valueOf(3), 3.0));
    assertTrue(Json0.deepEquals(new BigDecimal("3.50"), 3.5));
    assertFalse(Json0.deepEquals(3, 3.5));
    assertFalse(Json0.deepEquals(3, "3"));
  }

  @Test
  void objectKeyOrderIsIgnoredButListOrderIsNot() {
    assertTrue(Json0.deepEquals(Vectors.parseJson("{\"a\":1,\"b\":[1,2]}"), Vectors.parseJson("{\"b\":[1,2],\"a\":1}")));
    assertFalse(Json0.deepEquals(Vectors.parseJson("[1,2]"), Vectors.parseJson("[2,1]")));
  }

  @Test
  void aNullValueDiffersFromAMissingKey() {
    Map<String, Object> withNull = new HashMap<>();
    withNull.put("a", null);
    Map<String, Object> withOther = new HashMap<>();
    withOther.put("b", null);
    assertFalse(Json0.deepEquals(withNull, withOther));
    assertTrue(Json0.deepEquals(null, null));
    assertFalse(Json0.deepEquals(null, withNull));
  }

  @Test
  @SuppressWarnings("unchecked")
  void deepCopySharesNoContainers() {
    Object doc = Vectors.parseJson("{\"a\":[{\"b\":null}],\"c\":\"s\"}");
    Object copy = Json0.deepCopy(doc);
    assertTrue(Json0.deepEquals(doc, copy));
    assertNotSame(((Map<?, ?>) doc).get("a"), ((Map<?, ?>) copy).get("a"));
    ((List<Object>) ((Map<?, ?>) copy).get("a")).add(1);
    assertFalse(Json0.deepEquals(doc, copy));
  }

  @Test
  void deepCopyRefusesNonJsonValues() {
    assertThrows(IllegalArgumentException.class, () -> Json0.deepCopy(new ArrayList<>(Arrays.asList(new Object()))));
  }
}

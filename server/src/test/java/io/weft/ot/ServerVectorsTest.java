package io.weft.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every case of server.jsonl: a late op transformed over the ops committed since its version. */
class ServerVectorsTest {
  private static List<Map<String, Object>> cases;

  @BeforeAll
  static void load() {
    cases = Vectors.load("server.jsonl");
    assertEquals(2000, cases.size());
  }

  private static List<Component> fold(Map<String, Object> v) throws OtException {
    List<Component> x = Vectors.op(v.get("x"));
    for (Object committed : (List<?>) v.get("committed")) {
      x = Json0.transform(x, Vectors.op(committed), Side.LEFT);
    }
    return x;
  }

  @Test
  void lateOpFoldedLeftOverCommittedOpsMatchesReference() {
    Vectors.Failures failures = new Vectors.Failures();
    for (int i = 0; i < cases.size(); i++) {
      Map<String, Object> v = cases.get(i);
      try {
        failures.check(i, "xPrime", v.get("xPrime"), Json0.toJson(fold(v)));
      } catch (OtException | RuntimeException e) {
        failures.add(i, "threw " + e);
      }
    }
    failures.assertNone(cases.size());
  }

  @Test
  void transformedLateOpTurnsHeadIntoReferenceHeadAfter() {
    Vectors.Failures failures = new Vectors.Failures();
    for (int i = 0; i < cases.size(); i++) {
      Map<String, Object> v = cases.get(i);
      try {
        Object after = Json0.apply(Json0.deepCopy(v.get("head")), fold(v));
        failures.check(i, "headAfter", v.get("headAfter"), after);
      } catch (OtException | RuntimeException e) {
        failures.add(i, "threw " + e);
      }
    }
    failures.assertNone(cases.size());
  }

  @Test
  void committedOpsTurnBaseIntoReferenceHead() {
    Vectors.Failures failures = new Vectors.Failures();
    for (int i = 0; i < cases.size(); i++) {
      Map<String, Object> v = cases.get(i);
      try {
        Object doc = Json0.deepCopy(v.get("base"));
        for (Object committed : (List<?>) v.get("committed")) {
          doc = Json0.apply(doc, Vectors.op(committed));
        }
        failures.check(i, "head", v.get("head"), doc);
      } catch (OtException | RuntimeException e) {
        failures.add(i, "threw " + e);
      }
    }
    failures.assertNone(cases.size());
  }
}

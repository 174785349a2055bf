package io.weft.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every case of pairs.jsonl: two concurrent ops on one document, checked against ot-json0 1.1.0. */
class PairVectorsTest {
  private static List<Map<String, Object>> cases;

  @BeforeAll
  static void load() {
    cases = Vectors.load("pairs.jsonl");
    assertEquals(3000, cases.size());
  }

  private interface CaseCheck {
    void run(int index, Map<String, Object> v, Vectors.Failures failures) throws OtException;
  }

  private static void forEveryCase(CaseCheck check) {
    Vectors.Failures failures = new Vectors.Failures();
    for (int i = 0; i < cases.size(); i++) {
      try {
        check.run(i, cases.get(i), failures);
      } catch (OtException | RuntimeException e) {
        failures.add(i, "threw " + e);
      }
    }
    failures.assertNone(cases.size());
  }

  private static Object applied(Object doc, List<Component> op) throws OtException {
    return Json0.apply(Json0.deepCopy(doc), op);
  }

  @Test
  void applyMatchesReferenceForEveryPair() {
    forEveryCase((i, v, f) -> {
      f.check(i, "docA", v.get("docA"), applied(v.get("doc"), Vectors.op(v.get("a"))));
      f.check(i, "docB", v.get("docB"), applied(v.get("doc"), Vectors.op(v.get("b"))));
    });
  }

  @Test
  void transformMatchesReferenceForEveryPair() {
    forEveryCase((i, v, f) -> {
      List<Component> a = Vectors.op(v.get("a"));
      List<Component> b = Vectors.op(v.get("b"));
      f.check(i, "aPrime", v.get("aPrime"), Json0.toJson(Json0.transform(a, b, Side.LEFT)));
      f.check(i, "bPrime", v.get("bPrime"), Json0.toJson(Json0.transform(b, a, Side.RIGHT)));
    });
  }

  @Test
  void transformedOpsConvergeToReferenceForEveryPair() {
    forEveryCase((i, v, f) -> {
      List<Component> a = Vectors.op(v.get("a"));
      List<Component> b = Vectors.op(v.get("b"));
      Object docAB = applied(applied(v.get("doc"), a), Json0.transform(b, a, Side.RIGHT));
      Object docBA = applied(applied(v.get("doc"), b), Json0.transform(a, b, Side.LEFT));
      f.check(i, "docAB", v.get("docAB"), docAB);
      f.check(i, "docBA", v.get("docBA"), docBA);
    });
  }

  @Test
  void composeMatchesReferenceForEveryPair() {
    forEveryCase((i, v, f) -> {
      List<Component> composed = Json0.compose(Vectors.op(v.get("a")), Vectors.op(v.get("bPrime")));
      f.check(i, "composeAB", v.get("composeAB"), Json0.toJson(composed));
      f.check(i, "apply(doc, composeAB)", v.get("docAB"), applied(v.get("doc"), composed));
    });
  }

  @Test
  void invertMatchesReferenceAndRestoresTheDocumentForEveryPair() {
    forEveryCase((i, v, f) -> {
      List<Component> inverse = Json0.invert(Vectors.op(v.get("a")));
      f.check(i, "invertA", v.get("invertA"), Json0.toJson(inverse));
      f.check(i, "apply(docA, invertA)", v.get("doc"), applied(v.get("docA"), inverse));
    });
  }

  @Test
  void opsStayPristineThroughApplyTransformComposeAndInvert() {
    forEveryCase((i, v, f) -> {
      Object aJson = Json0.deepCopy(v.get("a"));
      Object bJson = Json0.deepCopy(v.get("b"));
      List<Component> a = Vectors.op(aJson);
      List<Component> b = Vectors.op(bJson);
      Object docA = Json0.apply(Json0.deepCopy(v.get("doc")), a);
      List<Component> bPrime = Json0.transform(b, a, Side.RIGHT);
      Object docAB = Json0.apply(docA, bPrime);
      Json0.apply(docAB, Json0.invert(Json0.compose(a, bPrime)));
      Json0.transform(a, b, Side.LEFT);
      f.check(i, "a after use", v.get("a"), aJson);
      f.check(i, "b after use", v.get("b"), bJson);
      f.check(i, "a components after use", v.get("a"), Json0.toJson(a));
    });
  }

  @Test
  void applyReversiblyRevertRestoresTheDocumentForEveryPair() {
    forEveryCase((i, v, f) -> {
      Object doc = Json0.deepCopy(v.get("doc"));
      String before = Vectors.toJson(doc);
      Applied applied = Json0.applyReversibly(doc, Vectors.op(v.get("a")));
      f.check(i, "applied doc", v.get("docA"), applied.doc());
      applied.revert().run();
      String after = Vectors.toJson(doc);
      if (!before.equals(after)) {
        f.add(i, "revert did not restore the document exactly (key order included)\n    expected " + before
            + "\n    actual   " + after);
      }
    });
  }
}

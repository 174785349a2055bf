package io.weft.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a successful apply does: in place, with copied inserts, integral na, root replacement, revert. */
class ApplyBehaviourTest {

  private static Object apply(Object doc, String op) throws OtException {
    return Json0.apply(doc, Vectors.op(op));
  }

  private static void assertJson(String expected, Object actual) {
    assertTrue(Json0.deepEquals(Vectors.parseJson(expected), actual),
        () -> "expected " + expected + " but was " + Vectors.toJson(actual));
  }

  @Test
  void applyEditsTheDocumentInPlace() throws OtException {
    Object doc = Vectors.parseJson("{\"a\":[1,2]}");
    assertSame(doc, apply(doc, "[{\"p\":[\"a\",0],\"ld\":1},{\"p\":[\"b\"],\"oi\":\"x\"}]"));
    assertJson("{\"a\":[2],\"b\":\"x\"}", doc);
  }

  @Test
  @SuppressWarnings("unchecked")
  void insertedValuesAreCopiesSoTheOpStaysPristine() throws OtException {
    List<Component> op = Vectors.op("[{\"p\":[\"a\"],\"oi\":{\"l\":[1]}},{\"p\":[\"b\",0],\"li\":[2]}]");
    Object doc = Vectors.parseJson("{\"b\":[]}");
    Json0.apply(doc, op);
    Map<?, ?> inserted = (Map<?, ?>) ((Map<?, ?>) doc).get("a");
    assertNotSame(op.get(0).insertedValue(), inserted);
    ((List<Object>) inserted.get("l")).add(99);
    assertJson("[{\"p\":[\"a\"],\"oi\":{\"l\":[1]}},{\"p\":[\"b\",0],\"li\":[2]}]", Json0.toJson(op));
  }

  @Test
  void numberAddKeepsWholeNumbersWhole() throws OtException {
    Object doc = Vectors.parseJson("{\"i\":1,\"big\":2147483647,\"d\":1.5,\"l\":9223372036854775807}");
    apply(doc, "[{\"p\":[\"i\"],\"na\":2},{\"p\":[\"big\"],\"na\":1},{\"p\":[\"d\"],\"na\":1},{\"p\":[\"l\"],\"na\":-7}]");
    Map<?, ?> m = (Map<?, ?>) doc;
    assertEquals(3, m.get("i"));
    assertEquals(2147483648L, m.get("big"));
    assertEquals(2.5, m.get("d"));
    assertEquals(9223372036854775800L, m.get("l"));
    assertInstanceOf(Double.class, apply(5, "[{\"p\":[],\"na\":0.5}]"));
    assertEquals(6, apply(5, "[{\"p\":[],\"na\":1}]"));
  }

  @Test
  void rootCanBeReplacedRemovedOrEdited() throws OtException {
    Object doc = Vectors.parseJson("{\"a\":1}");
    Object replaced = apply(doc, "[{\"p\":[],\"od\":{\"a\":1},\"oi\":[1,2]}]");
    assertJson("[1,2]", replaced);
    assertJson("{\"a\":1}", doc);
    assertNull(apply(doc, "[{\"p\":[],\"od\":{}}]"));
    assertJson("{\"z\":true}", apply(null, "[{\"p\":[],\"oi\":{\"z\":true}}]"));
    assertEquals("hi there", apply("hi", "[{\"p\":[2],\"si\":\" there\"}]"));
    assertThrows(OtException.class, () -> apply(null, "[{\"p\":[\"k\"],\"oi\":1}]"));
  }

  @Test
  void claimedDeletedValuesAreNotVerifiedForListsAndObjects() throws OtException {
    Object doc = Vectors.parseJson("{\"a\":1,\"l\":[\"x\"]}");
    apply(doc, "[{\"p\":[\"a\"],\"od\":\"not what is there\"},{\"p\":[\"l\",0],\"ld\":42}]");
    assertJson("{\"l\":[]}", doc);
  }

  @Test
  void revertRestoresTheOriginalDocumentExactly() throws OtException {
    String json = "{\"a\":1,\"b\":{\"c\":[1,2,3],\"d\":\"text\"},\"e\":null,\"f\":2}";
    Object doc = Vectors.parseJson(json);
    Applied applied = Json0.applyReversibly(doc, Vectors.op("[{\"p\":[\"a\"],\"od\":1},"
        + "{\"p\":[\"b\",\"c\",0],\"lm\":2},{\"p\":[\"b\",\"d\",4],\"si\":\"!\"},{\"p\":[\"e\"],\"od\":null},"
        + "{\"p\":[\"e\"],\"oi\":3},{\"p\":[\"f\"],\"na\":1},{\"p\":[\"b\",\"c\",1],\"ld\":2,\"li\":[]}]"));
    assertJson("{\"b\":{\"c\":[2,[],1],\"d\":\"text!\"},\"f\":3,\"e\":3}", applied.doc());
    applied.revert().run();
    assertEquals(json, Vectors.toJson(doc));
    applied.revert().run();
    assertEquals(json, Vectors.toJson(doc), "a second revert must do nothing");
  }

  @Test
  void revertAfterRootReplacementRestoresTheOriginalRoot() throws OtException {
    String json = "{\"a\":{\"b\":1},\"c\":2}";
    Object doc = Vectors.parseJson(json);
    Applied applied = Json0.applyReversibly(doc, Vectors.op(
        "[{\"p\":[\"a\",\"b\"],\"od\":1},{\"p\":[],\"od\":{},\"oi\":[0]},{\"p\":[0],\"na\":1}]"));
    assertJson("[1]", applied.doc());
    applied.revert().run();
    assertEquals(json, Vectors.toJson(doc));
  }
}

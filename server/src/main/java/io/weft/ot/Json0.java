package io.weft.ot;

import java.util.ArrayList;
import java.util.List;

/**
 * The json0 OT type (ot-json0 1.1.0 semantics) over decoded JSON: Map (LinkedHashMap), List
 * (ArrayList), String, Number, Boolean and null. Subtype components ({@code t}/{@code o}) are not
 * supported.
 *
 * <p>Documents passed to apply must be mutable: apply edits them in place.
 */
public final class Json0 {
  public static final String TYPE_URI = "http://sharejs.org/types/JSONv0";

  private Json0() {}

  /**
   * Strictly decodes an op (a List of component Maps). Everything checkable without the document is
   * checked. The op's values are kept by reference, so do not modify {@code json} afterwards.
   */
  public static List<Component> parse(Object json) throws OtException {
    return ComponentParser.parse(json);
  }

  /** The op as decoded JSON (a List of Maps); values are shared with the components, not copied. */
  public static List<Object> toJson(List<Component> op) {
    List<Object> out = new ArrayList<>(op.size());
    for (Component c : op) {
      out.add(c.toJson());
    }
    return out;
  }

  /**
   * Applies {@code op} to {@code doc} in place and returns the new root (a different object, or null,
   * when the op replaces or removes the root). Atomic: when a component fails, the changes made by the
   * earlier ones are undone before the exception is thrown, leaving {@code doc} as it was.
   */
  public static Object apply(Object doc, List<Component> op) throws OtException {
    return Apply.apply(doc, op, null);
  }

  /** Like {@link #apply}, and also returns a way to undo the whole op later (see {@link Applied}). */
  public static Applied applyReversibly(Object doc, List<Component> op) throws OtException {
    UndoLog log = new UndoLog();
    Object result = Apply.apply(doc, op, log);
    return new Applied(result, log::revert);
  }

  /**
   * Transforms {@code op} so that it applies after {@code other}; both must apply to the same document.
   * {@code side} breaks ties: a server transforms a late op as LEFT against each committed op.
   */
  public static List<Component> transform(List<Component> op, List<Component> other, Side side)
      throws OtException {
    return Transform.transform(op, other, side);
  }

  /** An op equivalent to applying {@code a} then {@code b} (json0's non-minimal compose). */
  public static List<Component> compose(List<Component> a, List<Component> b) throws OtException {
    return Compose.compose(a, b);
  }

  /**
   * The op undoing {@code op}. It trusts the op's ld/od values (apply does not verify them), and refuses
   * ones that contain a "__proto__" key since the inverse would insert them.
   */
  public static List<Component> invert(List<Component> op) throws OtException {
    return Invert.invert(op);
  }

  /** A deep copy of decoded JSON with fresh LinkedHashMaps and ArrayLists. */
  /**
   * Null when {@code json} is safe to store and hand to JavaScript clients (plain JSON, no "__proto__"
   * key anywhere); otherwise what is wrong. Ops are checked by {@link #parse}; this is for other values,
   * such as a create's initial data.
   */
  public static String problemWithValue(Object json) {
    return DeepJson.findInvalid(json);
  }

  public static Object deepCopy(Object json) {
    return DeepJson.deepCopy(json);
  }

  /** Structural equality: numbers compare numerically (3 == 3L == 3.0), object key order is ignored. */
  public static boolean deepEquals(Object a, Object b) {
    return DeepJson.deepEquals(a, b);
  }
}

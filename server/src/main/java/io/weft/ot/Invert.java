package io.weft.ot;

import io.weft.ot.Component.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * ot-json0's invert: components reversed, each undone. It relies on the op's claimed ld/od/sd values,
 * so it is only exact for ops whose deleted values were true (which apply does not check for ld/od).
 */
final class Invert {
  private Invert() {}

  static List<Component> invert(List<Component> op) throws OtException {
    List<Component> result = new ArrayList<>(op.size());
    for (int i = op.size() - 1; i >= 0; i--) {
      Component c = op.get(i);
      if (c.kind().hasLd() || c.kind().hasOd()) {
        // Deleted values were not scanned when parsing; the inverse would insert them.
        String bad = DeepJson.findInvalid(c.deleted());
        if (bad != null) {
          throw OtException.at(i, "cannot invert: the " + (c.kind().hasLd() ? "\"ld\"" : "\"od\"") + " value "
              + bad);
        }
      }
      result.add(invert(c));
    }
    return result;
  }

  private static Component invert(Component c) {
    Object[] p = c.pathArray();
    return switch (c.kind()) {
      case STRING_INSERT -> new Component(p, Kind.STRING_DELETE, null, c.inserted(), null, -1);
      case STRING_DELETE -> new Component(p, Kind.STRING_INSERT, c.deleted(), null, null, -1);
      case NUMBER_ADD -> new Component(p, Kind.NUMBER_ADD, null, null, Numbers.negate(c.numberDelta()), -1);
      case LIST_MOVE -> {
        Object[] back = p.clone();
        back[back.length - 1] = c.moveTarget();
        yield new Component(back, Kind.LIST_MOVE, null, null, null, (Integer) p[p.length - 1]);
      }
      case LIST_INSERT -> new Component(p, Kind.LIST_DELETE, null, c.inserted(), null, -1);
      case LIST_DELETE -> new Component(p, Kind.LIST_INSERT, c.deleted(), null, null, -1);
      case LIST_REPLACE -> new Component(p, Kind.LIST_REPLACE, c.deleted(), c.inserted(), null, -1);
      case OBJECT_INSERT -> new Component(p, Kind.OBJECT_DELETE, null, c.inserted(), null, -1);
      case OBJECT_DELETE -> new Component(p, Kind.OBJECT_INSERT, c.deleted(), null, null, -1);
      case OBJECT_REPLACE -> new Component(p, Kind.OBJECT_REPLACE, c.deleted(), c.inserted(), null, -1);
    };
  }
}

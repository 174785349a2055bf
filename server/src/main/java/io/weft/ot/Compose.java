package io.weft.ot;

import java.util.ArrayList;
import java.util.List;

/**
 * ot-json0's compose: a's components followed by b's, merged only where {@link Append} merges. The
 * result is correct but not minimal, and matches json0's output exactly.
 */
final class Compose {
  private Compose() {}

  static List<Component> compose(List<Component> a, List<Component> b) throws OtException {
    List<Component> result = new ArrayList<>(a.size() + b.size());
    result.addAll(a);
    for (Component c : b) {
      Append.append(result, c);
    }
    return result;
  }
}

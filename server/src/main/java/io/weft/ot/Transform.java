package io.weft.ot;

import java.util.ArrayList;
import java.util.List;

/**
 * Port of ot-json0's bootstrapTransform: lifts {@link TransformComponent} to whole ops. Each component
 * of the right op is pushed through the left op; when that splits it in two, the rest of the left op is
 * transformed against the pieces recursively.
 */
final class Transform {
  private Transform() {}

  static List<Component> transform(List<Component> op, List<Component> other, Side side) throws OtException {
    if (other.isEmpty()) {
      return new ArrayList<>(op);
    }
    if (op.size() == 1 && other.size() == 1) {
      List<Component> dest = new ArrayList<>(2);
      TransformComponent.transform(dest, op.get(0), other.get(0), side);
      return dest;
    }
    return side == Side.LEFT ? transformX(op, other).left : transformX(other, op).right;
  }

  private record Pair(List<Component> left, List<Component> right) {}

  private static Pair transformX(List<Component> leftOp, List<Component> rightOp) throws OtException {
    List<Component> newRightOp = new ArrayList<>(rightOp.size());
    for (Component right : rightOp) {
      Component rightComponent = right;
      List<Component> newLeftOp = new ArrayList<>(leftOp.size() + 1);
      int k = 0;
      while (k < leftOp.size()) {
        List<Component> nextC = new ArrayList<>(2);
        Component left = leftOp.get(k);
        TransformComponent.transform(newLeftOp, left, rightComponent, Side.LEFT);
        TransformComponent.transform(nextC, rightComponent, left, Side.RIGHT);
        k++;
        if (nextC.size() == 1) {
          rightComponent = nextC.get(0);
        } else if (nextC.isEmpty()) {
          for (int j = k; j < leftOp.size(); j++) {
            Append.append(newLeftOp, leftOp.get(j));
          }
          rightComponent = null;
          break;
        } else {
          Pair pair = transformX(leftOp.subList(k, leftOp.size()), nextC);
          for (Component c : pair.left) {
            Append.append(newLeftOp, c);
          }
          for (Component c : pair.right) {
            Append.append(newRightOp, c);
          }
          rightComponent = null;
          break;
        }
      }
      if (rightComponent != null) {
        Append.append(newRightOp, rightComponent);
      }
      leftOp = newLeftOp;
    }
    return new Pair(leftOp, newRightOp);
  }
}

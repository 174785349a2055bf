// ShareDB's bootstrapTransform: the transform of whole ops (lists of components), built from a type's
// component transform and its append. Shared by json0 and text0.

/** The generic op-list transform built from a component transform (ShareDB's bootstrapTransform). */
export function bootstrapTransform(transformComp, appendComp) {
  function transformX(leftOp, rightOp) {
    const newRightOp = [];
    for (let i = 0; i < rightOp.length; i++) {
      let rightComponent = rightOp[i];
      const newLeftOp = [];
      let k = 0;
      while (k < leftOp.length) {
        const nextC = [];
        transformComp(newLeftOp, leftOp[k], rightComponent, 'left');
        transformComp(nextC, rightComponent, leftOp[k], 'right');
        k++;
        if (nextC.length === 1) {
          rightComponent = nextC[0];
        } else if (nextC.length === 0) {
          for (let j = k; j < leftOp.length; j++) appendComp(newLeftOp, leftOp[j]);
          rightComponent = null;
          break;
        } else {
          const pair = transformX(leftOp.slice(k), nextC);
          for (const l of pair[0]) appendComp(newLeftOp, l);
          for (const r of pair[1]) appendComp(newRightOp, r);
          rightComponent = null;
          break;
        }
      }
      if (rightComponent != null) appendComp(newRightOp, rightComponent);
      leftOp = newLeftOp;
    }
    return [leftOp, newRightOp];
  }

  function transform(op, otherOp, type) {
    if (type !== 'left' && type !== 'right') throw new Error("type must be 'left' or 'right'");
    if (otherOp.length === 0) return op;
    if (op.length === 1 && otherOp.length === 1) return transformComp([], op[0], otherOp[0], type);
    return type === 'left' ? transformX(op, otherOp)[0] : transformX(otherOp, op)[1];
  }

  return { transform, transformX };
}

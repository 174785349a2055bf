// json0, the JSON OT type ShareDB and Webstrates use (http://sharejs.org/types/JSONv0): apply,
// transform, compose and invert, with the exact results of the reference implementation (ot-json0
// 1.1.0), which the server's Java type also follows. String edits (si/sd) transform as text0.

import { bootstrapTransform } from './bootstrap-transform.js';
import { text0 } from './text0.js';

export const TYPE_URI = 'http://sharejs.org/types/JSONv0';

const clone = (v) => (v === undefined ? v : JSON.parse(JSON.stringify(v)));
const isArray = Array.isArray;
const isObject = (v) => v !== null && typeof v === 'object' && !isArray(v);

// ---- apply ----

/** Applies `op` to `snapshot` in place where it can; returns the new snapshot (a new root on p: []). */
export function apply(snapshot, op) {
  if (!isArray(op)) throw new Error('Op must be an array of components');
  op = clone(op);
  const container = { data: snapshot };
  for (const c of op) {
    if (!isArray(c.p)) throw new Error('Component has no path');
    let parent = null;
    let parentKey = null;
    let elem = container;
    let key = 'data';
    for (const p of c.p) {
      parent = elem;
      parentKey = key;
      elem = elem[key];
      key = p;
      if (elem === null || typeof elem !== 'object' && typeof elem !== 'string') throw new Error('Path invalid');
    }
    if (c.na !== undefined) {
      if (typeof elem[key] !== 'number') throw new Error('Referenced element not a number');
      elem[key] += c.na;
    } else if (c.si !== undefined) {
      if (typeof elem !== 'string') throw new Error('Referenced element not a string');
      if (key > elem.length) throw new Error('Insert past the end of a string');
      parent[parentKey] = elem.slice(0, key) + c.si + elem.slice(key);
    } else if (c.sd !== undefined) {
      if (typeof elem !== 'string') throw new Error('Referenced element not a string');
      if (elem.slice(key, key + c.sd.length) !== c.sd) throw new Error('Deleted string does not match');
      parent[parentKey] = elem.slice(0, key) + elem.slice(key + c.sd.length);
    } else if (c.li !== undefined && c.ld !== undefined) {
      checkList(elem, key, false);
      elem[key] = c.li;
    } else if (c.li !== undefined) {
      checkList(elem, key, true);
      elem.splice(key, 0, c.li);
    } else if (c.ld !== undefined) {
      checkList(elem, key, false);
      elem.splice(key, 1);
    } else if (c.lm !== undefined) {
      checkList(elem, key, false);
      if (c.lm !== key) {
        const e = elem[key];
        elem.splice(key, 1);
        elem.splice(c.lm, 0, e);
      }
    } else if (c.oi !== undefined) {
      checkObject(elem);
      elem[key] = c.oi;
    } else if (c.od !== undefined) {
      checkObject(elem);
      delete elem[key];
    } else {
      throw new Error('Invalid / unknown op component');
    }
  }
  return container.data;
}

function checkList(elem, key, inserting) {
  if (!isArray(elem)) throw new Error('Referenced element not a list');
  if (typeof key !== 'number' || key < 0 || key > elem.length - (inserting ? 0 : 1)) {
    throw new Error('List index out of range');
  }
}

function checkObject(elem) {
  if (!isObject(elem)) throw new Error('Referenced element not an object');
}

// ---- string edits as text0 components ----

function toText(c) {
  c.t = 'text0';
  const o = { p: c.p.pop() };
  if (c.si != null) o.i = c.si;
  if (c.sd != null) o.d = c.sd;
  c.o = [o];
}

function fromText(c) {
  c.p.push(c.o[0].p);
  if (c.o[0].i != null) c.si = c.o[0].i;
  if (c.o[0].d != null) c.sd = c.o[0].d;
  delete c.t;
  delete c.o;
}

const isText = (c) => c.si != null || c.sd != null;

// ---- compose ----

function pathMatches(p1, p2) {
  if (p1.length !== p2.length) return false;
  for (let i = 0; i < p1.length; i++) if (p1[i] !== p2[i]) return false;
  return true;
}

/** Appends component `c` to `dest`, merging it with the last component where json0 does. */
export function append(dest, c) {
  c = clone(c);
  if (dest.length === 0) {
    dest.push(c);
    return;
  }
  const last = dest[dest.length - 1];
  const bothText = isText(c) && isText(last);
  if (bothText) {
    toText(c);
    toText(last);
  }
  if (pathMatches(c.p, last.p)) {
    if (bothText) {
      last.o = text0.compose(last.o, c.o);
      const p = c.p;
      for (let i = 0; i < last.o.length - 1; i++) {
        c.o = [last.o.pop()];
        c.p = p.slice();
        fromText(c);
        dest.push(c);
      }
      fromText(last);
    } else if (last.na != null && c.na != null) {
      dest[dest.length - 1] = { p: last.p, na: last.na + c.na };
    } else if (last.li !== undefined && c.li === undefined && c.ld === last.li) {
      if (last.ld !== undefined) delete last.li;
      else dest.pop();
    } else if (last.od !== undefined && last.oi === undefined && c.oi !== undefined && c.od === undefined) {
      last.oi = c.oi;
    } else if (last.oi !== undefined && c.od !== undefined) {
      if (c.oi !== undefined) last.oi = c.oi;
      else if (last.od !== undefined) delete last.oi;
      else dest.pop();
    } else if (c.lm !== undefined && c.p[c.p.length - 1] === c.lm) {
      // a move to where it is: nothing
    } else {
      dest.push(c);
    }
  } else {
    if (bothText) {
      fromText(c);
      fromText(last);
    }
    dest.push(c);
  }
}

/** op1 then op2 as one op. */
export function compose(op1, op2) {
  const out = clone(op1);
  for (const c of op2) append(out, c);
  return out;
}

// ---- invert ----

function invertComponent(c) {
  const r = { p: c.p };
  if (c.si !== undefined) r.sd = c.si;
  if (c.sd !== undefined) r.si = c.sd;
  if (c.oi !== undefined) r.od = c.oi;
  if (c.od !== undefined) r.oi = c.od;
  if (c.li !== undefined) r.ld = c.li;
  if (c.ld !== undefined) r.li = c.ld;
  if (c.na !== undefined) r.na = -c.na;
  if (c.lm !== undefined) {
    r.lm = c.p[c.p.length - 1];
    r.p = c.p.slice(0, c.p.length - 1).concat([c.lm]);
  }
  return r;
}

/** The op that undoes `op` (its deletions must carry what they deleted, as ours always do). */
export function invert(op) {
  return op.slice().reverse().map(invertComponent);
}

// ---- transform ----

function commonLengthForOps(a, b) {
  let alen = a.p.length;
  let blen = b.p.length;
  if (a.na != null || a.t) alen++;
  if (b.na != null || b.t) blen++;
  if (alen === 0) return -1;
  if (blen === 0) return null;
  alen--;
  blen--;
  for (let i = 0; i < alen; i++) {
    if (i >= blen || a.p[i] !== b.p[i]) return null;
  }
  return alen;
}

/** Transforms component `c` by the concurrent `otherC`, appending the result (0 or more components) to dest. */
function transformComponent(dest, c, otherC, type) {
  c = clone(c);
  const common = commonLengthForOps(otherC, c);
  const common2 = commonLengthForOps(c, otherC);
  let cplength = c.p.length;
  let otherCplength = otherC.p.length;
  if (c.na != null || c.t) cplength++;
  if (otherC.na != null || otherC.t) otherCplength++;

  // c deletes something otherC changes: keep c's deleted value current, so it stays invertible.
  if (common2 != null && otherCplength > cplength && c.p[common2] === otherC.p[common2]) {
    if (c.ld !== undefined) {
      const oc = clone(otherC);
      oc.p = oc.p.slice(cplength);
      c.ld = apply(clone(c.ld), [oc]);
    } else if (c.od !== undefined) {
      const oc = clone(otherC);
      oc.p = oc.p.slice(cplength);
      c.od = apply(clone(c.od), [oc]);
    }
  }

  if (common != null) {
    const commonOperand = cplength === otherCplength;
    let oc = otherC;
    if (isText(c) && isText(otherC)) {
      toText(c);
      oc = clone(otherC);
      toText(oc);
    }

    if (oc.t) {
      if (c.t && c.t === oc.t) {
        const res = text0.transform(c.o, oc.o, type);
        const p = c.p;
        for (const r of res) {
          c.o = [r];
          c.p = p.slice();
          fromText(c);
          append(dest, c);
        }
        return dest;
      }
    } else if (otherC.na !== undefined) {
      // numbers change nothing structural
    } else if (otherC.li !== undefined && otherC.ld !== undefined) {
      if (otherC.p[common] === c.p[common]) {
        if (!commonOperand) {
          return dest;
        } else if (c.ld !== undefined) {
          if (c.li !== undefined && type === 'left') {
            c.ld = clone(otherC.li);
          } else {
            return dest;
          }
        }
      }
    } else if (otherC.li !== undefined) {
      if (c.li !== undefined && c.ld === undefined && commonOperand && c.p[common] === otherC.p[common]) {
        if (type === 'right') c.p[common]++;
      } else if (otherC.p[common] <= c.p[common]) {
        c.p[common]++;
      }
      if (c.lm !== undefined && commonOperand && otherC.p[common] <= c.lm) c.lm++;
    } else if (otherC.ld !== undefined) {
      if (c.lm !== undefined && commonOperand) {
        if (otherC.p[common] === c.p[common]) return dest;
        const p = otherC.p[common];
        const from = c.p[common];
        const to = c.lm;
        if (p < to || (p === to && from < to)) c.lm--;
      }
      if (otherC.p[common] < c.p[common]) {
        c.p[common]--;
      } else if (otherC.p[common] === c.p[common]) {
        if (otherCplength < cplength) {
          return dest;
        } else if (c.ld !== undefined) {
          if (c.li !== undefined) delete c.ld;
          else return dest;
        }
      }
    } else if (otherC.lm !== undefined) {
      if (c.lm !== undefined && cplength === otherCplength) {
        const from = c.p[common];
        const to = c.lm;
        const otherFrom = otherC.p[common];
        const otherTo = otherC.lm;
        if (otherFrom !== otherTo) {
          if (from === otherFrom) {
            if (type === 'left') {
              c.p[common] = otherTo;
              if (from === to) c.lm = otherTo;
            } else {
              return dest;
            }
          } else {
            if (from > otherFrom) c.p[common]--;
            if (from > otherTo) c.p[common]++;
            else if (from === otherTo && otherFrom > otherTo) {
              c.p[common]++;
              if (from === to) c.lm++;
            }
            if (to > otherFrom) c.lm--;
            else if (to === otherFrom && to > from) c.lm--;
            if (to > otherTo) {
              c.lm++;
            } else if (to === otherTo) {
              if ((otherTo > otherFrom && to > from) || (otherTo < otherFrom && to < from)) {
                if (type === 'right') c.lm++;
              } else if (to > from) {
                c.lm++;
              } else if (to === otherFrom) {
                c.lm--;
              }
            }
          }
        }
      } else if (c.li !== undefined && c.ld === undefined && commonOperand) {
        const from = otherC.p[common];
        const to = otherC.lm;
        const p = c.p[common];
        if (p > from) c.p[common]--;
        if (p > to) c.p[common]++;
      } else {
        const from = otherC.p[common];
        const to = otherC.lm;
        const p = c.p[common];
        if (p === from) {
          c.p[common] = to;
        } else {
          if (p > from) c.p[common]--;
          if (p > to) c.p[common]++;
          else if (p === to && from > to) c.p[common]++;
        }
      }
    } else if (otherC.oi !== undefined && otherC.od !== undefined) {
      if (c.p[common] === otherC.p[common]) {
        if (c.oi !== undefined && commonOperand) {
          if (type === 'right') return dest;
          c.od = otherC.oi;
        } else {
          return dest;
        }
      }
    } else if (otherC.oi !== undefined) {
      if (c.oi !== undefined && c.p[common] === otherC.p[common]) {
        if (type === 'left') append(dest, { p: c.p, od: otherC.oi });
        else return dest;
      }
    } else if (otherC.od !== undefined) {
      if (c.p[common] === otherC.p[common]) {
        if (!commonOperand) return dest;
        if (c.oi !== undefined) delete c.od;
        else return dest;
      }
    }
  }
  append(dest, c);
  return dest;
}

const json0 = bootstrapTransform(transformComponent, append);

/** `op` transformed by the concurrent `otherOp`; `type` 'left' or 'right' breaks ties. */
export const transform = json0.transform;

/** Both ops transformed against each other: [left', right'] with left winning ties. */
export const transformX = json0.transformX;

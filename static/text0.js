// text0, the plain-text OT type json0 uses for its string edits (si/sd): components {p, i} insert and
// {p, d} delete at character offset p. Only what json0 needs: compose and transform.
import { bootstrapTransform } from './bootstrap-transform.js';

const strInject = (s1, pos, s2) => s1.slice(0, pos) + s2 + s1.slice(pos);

function textAppend(op, c) {
  if (c.i === '' || c.d === '') return;
  if (op.length === 0) {
    op.push(c);
    return;
  }
  const last = op[op.length - 1];
  if (last.i != null && c.i != null && last.p <= c.p && c.p <= last.p + last.i.length) {
    op[op.length - 1] = { i: strInject(last.i, c.p - last.p, c.i), p: last.p };
  } else if (last.d != null && c.d != null && c.p <= last.p && last.p <= c.p + c.d.length) {
    op[op.length - 1] = { d: strInject(c.d, last.p - c.p, last.d), p: c.p };
  } else {
    op.push(c);
  }
}

function textCompose(op1, op2) {
  const out = op1.slice();
  for (const c of op2) textAppend(out, c);
  return out;
}

function textTransformPosition(pos, c, insertAfter) {
  if (c.i != null) {
    return c.p < pos || (c.p === pos && insertAfter) ? pos + c.i.length : pos;
  }
  if (pos <= c.p) return pos;
  if (pos <= c.p + c.d.length) return c.p;
  return pos - c.d.length;
}

function textTransformComponent(dest, c, otherC, side) {
  if (c.i != null) {
    textAppend(dest, { i: c.i, p: textTransformPosition(c.p, otherC, side === 'right') });
  } else if (otherC.i != null) {
    let s = c.d;
    if (c.p < otherC.p) {
      textAppend(dest, { d: s.slice(0, otherC.p - c.p), p: c.p });
      s = s.slice(otherC.p - c.p);
    }
    if (s !== '') textAppend(dest, { d: s, p: c.p + otherC.i.length });
  } else if (c.p >= otherC.p + otherC.d.length) {
    textAppend(dest, { d: c.d, p: c.p - otherC.d.length });
  } else if (c.p + c.d.length <= otherC.p) {
    textAppend(dest, c);
  } else {
    const newC = { d: '', p: c.p };
    if (c.p < otherC.p) newC.d = c.d.slice(0, otherC.p - c.p);
    if (c.p + c.d.length > otherC.p + otherC.d.length) newC.d += c.d.slice(otherC.p + otherC.d.length - c.p);
    if (newC.d !== '') {
      newC.p = textTransformPosition(newC.p, otherC);
      textAppend(dest, newC);
    }
  }
  return dest;
}

export const text0 = { compose: textCompose, ...bootstrapTransform(textTransformComponent, textAppend) };

package io.weft.ot;

import io.weft.ot.Component.Kind;

/**
 * Mutable working copy of a component while it is being transformed, mirroring how ot-json0 clones a
 * component and then edits its fields ({@code c.p[i]++}, {@code delete c.ld}, ...). The path is copied;
 * values are shared and must never be modified.
 */
final class Draft {
  final Object[] p;
  Kind kind;
  Object inserted;
  Object deleted;
  final Number na;
  int lm;

  Draft(Component c) {
    this.p = c.pathArray().clone();
    this.kind = c.kind();
    this.inserted = c.inserted();
    this.deleted = c.deleted();
    this.na = c.numberDelta();
    this.lm = c.moveTarget();
  }

  /** Path element {@code i}, or null (JavaScript's undefined) when there is none. */
  Object at(int i) {
    return i >= 0 && i < p.length ? p[i] : null;
  }

  /** {@code c.p[i] += delta}; callers only do this after seeing an Integer there. */
  void shift(int i, int delta) {
    p[i] = (Integer) p[i] + delta;
  }

  Component toComponent() {
    return new Component(p, kind, inserted, deleted, na, lm);
  }
}

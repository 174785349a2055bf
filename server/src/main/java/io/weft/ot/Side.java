package io.weft.ot;

/**
 * Tie-breaker for concurrent edits at the same place: the LEFT op is considered to have happened
 * first (a server transforms late ops as LEFT against ops it has already committed).
 */
public enum Side {
  LEFT,
  RIGHT
}

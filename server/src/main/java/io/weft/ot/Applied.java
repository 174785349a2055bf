package io.weft.ot;

/**
 * Result of {@link Json0#applyReversibly}: {@code doc} is the new root (which may be a different object
 * than the one passed in, or null, when the op replaced or removed the root). {@code revert} undoes every
 * in-place change, restoring the root that was passed to applyReversibly exactly as it was; after calling
 * it, discard {@code doc} and keep using the original root. Call it at most once (further calls do
 * nothing), and only before anything else modifies the document.
 */
public record Applied(Object doc, Runnable revert) {}

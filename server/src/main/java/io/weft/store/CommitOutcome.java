package io.weft.store;

/**
 * What became of a batch of ops offered to {@link DocumentStore#commit}: the first {@code committed}
 * ops are durable; if {@code conflict}, the version was already taken by another writer and the rest
 * of the batch was not written (with one record per batch, that is the whole batch). Losing that race
 * is expected, so it is a value, not an error.
 */
public record CommitOutcome(int committed, boolean conflict) {
}

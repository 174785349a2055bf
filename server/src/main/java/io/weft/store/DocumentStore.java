package io.weft.store;

import io.vertx.core.Future;
import java.util.List;

/**
 * Where documents live: an op log (the truth; one op per version, never two) and snapshots (caches
 * of the log: the current one, and milestones every so many versions for reading old versions).
 * Futures complete on the caller's Vert.x context.
 */
public interface DocumentStore {

  /** The latest stored snapshot, possibly behind the op log; {@link Snapshot#NONE} if there is none. */
  Future<Snapshot> latestSnapshot(DocKey key);

  /** The committed ops with from <= version < to, in order; stops early at the end of the log. */
  Future<List<StoredOp>> ops(DocKey key, long from, long to);

  /**
   * Every op after {@code boundary}, a version where a commit ended (a stored snapshot's version, a
   * document's head as last read): cheaper than {@link #ops}, which must also find versions inside a commit.
   */
  Future<List<StoredOp>> opsAfterBoundary(DocKey key, long boundary);

  /**
   * Appends ops with consecutive versions, starting at the end of the log as the caller last read it,
   * as one record; completes only once they are durable. If that version was already taken (by another
   * process sharing the database) nothing is written and the outcome is a conflict.
   */
  Future<CommitOutcome> commit(DocKey key, List<StoredOp> ops);

  /**
   * Replaces the current snapshot (which must be taken at the end of a commit) if the stored one is still at {@code expectedVersion} (-1: none yet),
   * so a slow writer never rolls it back. Completes with the version stored afterwards.
   */
  Future<Long> saveSnapshot(DocKey key, long expectedVersion, Snapshot snapshot);

  /**
   * Keeps a historical snapshot taken at the end of a commit, as the milestone of the bucket of
   * {@code every} versions it falls in; the first one kept for a bucket stays.
   */
  Future<Void> saveMilestone(DocKey key, Snapshot snapshot, int every);

  /** The newest milestone at or before {@code version} ({@link Snapshot#NONE} if there is none). */
  Future<Snapshot> milestoneAtOrBefore(DocKey key, long version, int every);

  Future<Void> close();
}

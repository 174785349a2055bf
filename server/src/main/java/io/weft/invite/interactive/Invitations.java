package io.weft.invite.interactive;

import io.vertx.core.Future;
import io.weft.auth.Secrets;
import io.weft.protocol.ErrorCode;
import io.weft.protocol.ProtocolException;
import io.weft.store.InteractiveInviteStore;
import io.weft.store.InteractiveInviteStore.StoredInvitation;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Stored interactive invitations, changed only by {@link #move}: read, compute the next state, write
 * it on the condition that nothing changed since, and on losing that race compute again from the
 * state that won. Transitions that time makes (expiry, PIN timeout) are stored first, by whoever reads
 * the invitation once they are due, and told to both sides.
 */
final class Invitations {
  /** More lost races than this in a row for one request: the invitation is too contended; try later. */
  private static final int MAX_RACES = 1_000;

  private final InteractiveInviteStore store;
  private final InvitationEvents events;
  private final LivePins pins;

  Invitations(InteractiveInviteStore store, InvitationEvents events, LivePins pins) {
    this.store = store;
    this.events = events;
    this.pins = pins;
  }

  /** A stored change: the state it was computed from (settled) and the state stored now. Equal when nothing changed. */
  record Moved(StoredInvitation before, StoredInvitation after) {
    boolean changed() {
      return before != after;
    }
  }

  /** Stores a new invitation; its id is drawn here. */
  Future<StoredInvitation> insert(StoredInvitation draft) {
    StoredInvitation stored = new StoredInvitation(Secrets.random(72), draft.codeHash(), draft.docId(), draft.rights(),
        draft.inviter(), draft.createdAtMillis(), draft.expiresAtMillis(), draft.multiUse(), draft.state(), null, null, 0,
        0, 0, 0);
    return store.insert(stored).map(inserted -> {
      if (!inserted) {
        throw new IllegalStateException("invitation code or id taken");
      }
      return stored;
    });
  }

  /** The invitation the typed code opens, settled; null if none. */
  Future<StoredInvitation> byCode(String typed) {
    return store.byCodeHash(InvitationSecrets.codeHash(typed)).compose(this::settled);
  }

  /** The invitation {@code id}, settled; null if none. */
  Future<StoredInvitation> byId(String id) {
    return store.byId(id).compose(this::settled);
  }

  /** Every invitation to {@code docId}, settled, oldest first. */
  Future<List<StoredInvitation>> ofDocument(String docId) {
    return store.ofDocument(docId).compose(found -> Future.all(found.stream().map(this::settled).toList()))
        .map(all -> all.<StoredInvitation>list().stream()
            .sorted(java.util.Comparator.comparingLong(StoredInvitation::createdAtMillis)).toList());
  }

  /**
   * Moves invitation {@code id} on by {@code step}, applied to its settled state; {@code step} refuses
   * by throwing a {@link ProtocolException}, and returns its argument to change nothing.
   */
  Future<Moved> move(String id, UnaryOperator<StoredInvitation> step) {
    return move(id, step, 0);
  }

  private Future<Moved> move(String id, UnaryOperator<StoredInvitation> step, int races) {
    if (races > MAX_RACES) {
      return Future.failedFuture(InvitationProblem.BUSY.refusal());
    }
    return byId(id).compose(now -> {
      if (now == null) {
        return Future.failedFuture(new ProtocolException(ErrorCode.ERR_NOT_FOUND, "No such invitation"));
      }
      StoredInvitation next = step.apply(now);
      if (next == now) {
        return Future.succeededFuture(new Moved(now, now));
      }
      return store.replace(now.version(), next).compose(stored -> stored == null ? move(id, step, races + 1)
          : Future.succeededFuture(new Moved(now, stored)));
    });
  }

  /** Stores the transition {@code read} is due now, if any, and tells both sides; completes with the state now. */
  Future<StoredInvitation> settled(StoredInvitation read) {
    if (read == null) {
      return Future.succeededFuture(null);
    }
    Transitions.Due due = Transitions.due(read, System.currentTimeMillis());
    if (due == null) {
      return Future.succeededFuture(read);
    }
    return store.replace(read.version(), due.next()).compose(stored -> {
      if (stored == null) {
        // Someone else changed it first (and told of it if it was this): settle what they left.
        return store.byId(read.id()).compose(this::settled);
      }
      pins.ended(stored.id());
      events.tell(due.event(), stored, read.guest(), null);
      return Future.succeededFuture(stored);
    });
  }

  /** Settles every open invitation that is due at {@code nowMillis}: the sweep, so time's transitions are told unasked. */
  Future<Void> sweep(long nowMillis) {
    List<String> open = List.of(InvitationState.WAITING.wire, InvitationState.READY.wire);
    return store.due(open, nowMillis)
        .compose(due -> Future.join(due.stream().map(this::settled).toList()))
        .mapEmpty();
  }

  /**
   * Acceptances still under way once their PIN's time is past (so far past any live one): what a crash
   * between the right PIN and the stored success leaves behind.
   */
  Future<List<StoredInvitation>> stalled(long nowMillis) {
    return store.due(List.of(InvitationState.ACCEPTING.wire), nowMillis).map(found -> found.stream()
        .filter(i -> i.pinExpiresAtMillis() != 0 && i.pinExpiresAtMillis() <= nowMillis).toList());
  }

  /** Deletes {@code ended} (as read), unless it changed since; completes with whether it went. */
  Future<Boolean> delete(StoredInvitation ended) {
    return store.delete(ended.id(), ended.version());
  }

  /** Deletes invitations whose lifetime ended before {@code cutoffMillis}. */
  Future<Void> deleteEnded(long cutoffMillis) {
    return store.deleteEnded(cutoffMillis);
  }
}

package io.weft.invite.interactive;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.weft.access.Rights;
import io.weft.auth.Caller;
import io.weft.config.WeftConfig;
import io.weft.doc.DocumentRegistry;
import io.weft.doc.PageAccess;
import io.weft.invite.InviteDesk;
import io.weft.invite.InviteProblem;
import io.weft.protocol.ErrorCode;
import io.weft.protocol.MessageDecoder;
import io.weft.protocol.ProtocolException;
import io.weft.store.DocKey;
import io.weft.store.InteractiveInviteStore;
import io.weft.store.InteractiveInviteStore.StoredInvitation;
import io.weft.user.User;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interactive invitations, with every rule in one place: an admin creates one and shares its code; a
 * logged-in user redeems the code and is bound as its guest; a fresh PIN is shown to the inviter only,
 * who reads it out; the guest enters it and is let in exactly as an accepted invite key lets them in
 * ({@link InviteDesk#merge}, {@link InviteDesk#announce}). The code alone gets nobody in, and wrong PINs
 * are counted per invitation, stored, so no reconnect or restart resets them.
 */
public final class InteractiveDesk {
  private static final Logger LOG = LoggerFactory.getLogger(InteractiveDesk.class);
  /** An ended invitation is kept this long before it is deleted, so a late code says what became of it. */
  static final long KEEP_ENDED_MILLIS = 7L * 24 * 3600 * 1000;
  private static final long DELETE_EVERY_MILLIS = 10 * 60 * 1000;

  private final InviteDesk keys;
  private final DocumentRegistry registry;
  private final Invitations invitations;
  private final InvitationEvents events;
  private final LivePins pins;
  private final WeftConfig.Invites config;
  private final Vertx vertx;
  /** The sweep's timers, cancelled by {@link #close}. */
  private long sweepTimer = -1;
  private long deleteTimer = -1;

  private InteractiveDesk(Vertx vertx, InviteDesk keys, DocumentRegistry registry, InteractiveInviteStore store,
      InvitationEvents events, WeftConfig.Invites config) {
    this.vertx = vertx;
    this.keys = keys;
    this.registry = registry;
    this.pins = new LivePins();
    this.invitations = new Invitations(store, events, pins);
    this.events = events;
    this.config = config;
  }

  /**
   * Starts the desk and its sweep, which stores and tells the transitions time makes (PIN timeouts,
   * expiry) often enough that a countdown's end is heard within a quarter of the PIN's lifetime.
   */
  public static InteractiveDesk start(Vertx vertx, InviteDesk keys, DocumentRegistry registry,
      InteractiveInviteStore store, WeftConfig.Invites config) {
    InvitationEvents events = new InvitationEvents(vertx, config.pinAttempts());
    InteractiveDesk desk = new InteractiveDesk(vertx, keys, registry, store, events, config);
    long every = Math.max(200, Math.min(5_000, config.pinTimeoutSeconds() * 250L));
    desk.sweepTimer = vertx.setPeriodic(every, id -> desk.sweep(System.currentTimeMillis()).onFailure(e ->
        LOG.warn("settling due interactive invitations failed", e)));
    desk.deleteTimer = vertx.setPeriodic(DELETE_EVERY_MILLIS, id -> desk.invitations
        .deleteEnded(System.currentTimeMillis() - KEEP_ENDED_MILLIS)
        .onFailure(e -> LOG.warn("deleting ended interactive invitations failed", e)));
    return desk;
  }

  /** Stops the sweep (before the store closes). */
  public void close() {
    vertx.cancelTimer(sweepTimer);
    vertx.cancelTimer(deleteTimer);
  }

  /**
   * Stores and tells every transition due at {@code nowMillis} (PIN timeouts, expiry), and finishes the
   * acceptances a crash left half-way (the right PIN was stored, the success was not).
   */
  public Future<Void> sweep(long nowMillis) {
    return invitations.sweep(nowMillis).compose(v -> invitations.stalled(nowMillis)).compose(stalled ->
        Future.join(stalled.stream().map(i -> complete(i, i.guest())).toList())).mapEmpty();
  }

  /** A new invitation to {@code docId}; the reply carries its code, this once. */
  public Future<Map<String, Object>> create(Caller caller, String docId, String permissions, Long maxAge,
      boolean multiUse) {
    return loggedIn(caller).compose(inviter -> {
      Rights rights = Rights.parse(permissions == null ? "r" : permissions);
      if (rights == null || rights.isEmpty()) {
        throw ProtocolException.malformed("'permissions' must be one or more of the letters r, w and a");
      }
      long seconds = maxAge == null ? config.defaultMaxAgeSeconds() : Math.min(maxAge, config.maxAgeSeconds());
      return rightsOn(docId, inviter).compose(held -> {
        requireAdmin(held, docId);
        if (!held.containsAll(rights)) {
          throw ProtocolException.forbidden("You hold '" + held + "' on " + docId + " and cannot grant '" + rights + "'");
        }
        String code = InvitationSecrets.newCode();
        long now = System.currentTimeMillis();
        return invitations.insert(new StoredInvitation(null, InvitationSecrets.codeHash(code), docId, rights, inviter,
                now, now + seconds * 1000L, multiUse, InvitationState.WAITING.wire, null, null, 0, 0, 0, 0))
            .map(created -> InvitationReplies.created(created, code, config.pinAttempts()));
      });
    });
  }

  /**
   * Redeems {@code code} for the caller: binds them as the invitation's guest and issues a PIN to the
   * inviter. A code that opens nothing counts in the wrong-key throttle. Redeeming again while bound
   * answers the same binding (no new PIN).
   */
  public Future<Map<String, Object>> redeem(Caller caller, String address, String code) {
    return loggedIn(caller).compose(guest -> keys.guess(guest, address, InvitationProblem.RATE_LIMITED.refusal(),
        () -> invitations.byCode(code)).compose(found -> {
      if (found == null) {
        return Future.failedFuture(InvitationProblem.UNKNOWN.refusal());
      }
      if (found.inviter().userId().equals(guest.userId())) {
        return Future.failedFuture(InvitationProblem.OWN.refusal());
      }
      refuseUnlessRedeemable(found, guest);
      if (InvitationState.of(found.state()) != InvitationState.WAITING) {
        return Future.succeededFuture(InvitationReplies.redeemed(found, config.pinAttempts()));
      }
      return backed(found).compose(v -> rightsOn(found.docId(), guest)).compose(held -> {
        if (held.containsAll(found.rights())) {
          throw InvitationProblem.NOT_NEEDED.refusal();
        }
        return bind(found.id(), guest);
      });
    }));
  }

  private Future<Map<String, Object>> bind(String id, User guest) {
    String pin = InvitationSecrets.newPin();
    String pinHash = InvitationSecrets.pinHash(id, pin);
    long pinExpires = System.currentTimeMillis() + config.pinTimeoutSeconds() * 1000L;
    return invitations.move(id, now -> {
      refuseUnlessRedeemable(now, guest);
      return InvitationState.of(now.state()) == InvitationState.WAITING
          ? Transitions.bound(now, guest, pinHash, pinExpires) : now;
    }).map(moved -> {
      if (moved.changed()) {
        pins.issued(id, pinHash, pin);
        events.tell(InvitationState.READY.wire, moved.after(), guest, pin);
      }
      return InvitationReplies.redeemed(moved.after(), config.pinAttempts());
    });
  }

  /** Refuses a redeem of {@code i} by {@code guest} unless it is waiting, or bound to them already. */
  private static void refuseUnlessRedeemable(StoredInvitation i, User guest) {
    InvitationState state = InvitationState.of(i.state());
    if (!state.open()) {
      throw InvitationProblem.closed(state).refusal();
    }
    if (state != InvitationState.WAITING && !guest.equals(i.guest())) {
      throw InvitationProblem.BUSY.refusal();
    }
  }

  /**
   * Judges {@code pin} from the caller for invitation {@code id}. Each judgement is stored before it
   * is answered, so however many are sent at once, at most {@code invites.pinAttempts} wrong ones are
   * judged over the invitation's life; then it locks.
   */
  public Future<Map<String, Object>> authenticate(Caller caller, String id, String pin) {
    return loggedIn(caller).compose(guest -> invitations.move(id, now -> {
      InvitationState state = InvitationState.of(now.state());
      if (!state.open()) {
        throw InvitationProblem.closed(state).refusal();
      }
      if (state == InvitationState.WAITING || !guest.equals(now.guest())) {
        throw InvitationProblem.NOT_BOUND.refusal();
      }
      boolean right = InvitationSecrets.pinMatches(id, now.pinHash(), pin);
      if (state == InvitationState.ACCEPTING) {
        // The right PIN again finishes an acceptance that stopped half-way; nothing else is judged meanwhile.
        if (!right) {
          throw InvitationProblem.BUSY.refusal();
        }
        return now;
      }
      return right ? Transitions.accepting(now) : Transitions.wrongPin(now, config.pinAttempts());
    }).compose(moved -> {
      StoredInvitation after = moved.after();
      if (InvitationState.of(after.state()) == InvitationState.ACCEPTING) {
        return complete(after, guest);
      }
      if (InvitationState.of(after.state()) == InvitationState.FAILED) {
        pins.ended(id);
        LOG.info("interactive invitation {} to {} locked after {} wrong PINs", id, after.docId(), after.wrongPins());
      }
      // The inviter's copy carries the PIN while it is still live, so their screen can keep showing it.
      events.tell(after.state(), after, guest, pins.live(id, after.pinHash()));
      return Future.succeededFuture(InvitationReplies.wrongPin(after, config.pinAttempts()));
    }));
  }

  /**
   * Lets the guest of {@code accepting} in: merges the rights as an accepted key does, then stores the
   * success. If the inviter can no longer back the grant, the guest is let go and told why.
   */
  private Future<Map<String, Object>> complete(StoredInvitation accepting, User guest) {
    return keys.merge(accepting.docId(), accepting.inviter(), accepting.rights(), guest).transform(merged -> {
      if (merged.failed()) {
        if (!(merged.cause() instanceof ProtocolException refused)) {
          // Left accepting: the right PIN again finishes it.
          return Future.failedFuture(merged.cause());
        }
        return invitations.move(accepting.id(), now -> ours(now, guest) ? Transitions.unbound(now) : now).compose(moved -> {
          if (moved.changed()) {
            pins.ended(accepting.id());
            events.tell("rejected", moved.after(), guest, null);
          }
          return Future.failedFuture(refused);
        });
      }
      InviteDesk.Accepted accepted = merged.result();
      return invitations.move(accepting.id(), now -> ours(now, guest) ? Transitions.succeeded(now) : now).map(moved -> {
        if (moved.changed()) {
          pins.ended(accepting.id());
          events.tell("success", moved.after(), guest, null);
          keys.announce(accepting.id(), accepting.inviter(), guest, accepted);
        }
        return InvitationReplies.succeeded(accepting, accepted);
      });
    });
  }

  private static boolean ours(StoredInvitation now, User guest) {
    return InvitationState.of(now.state()) == InvitationState.ACCEPTING && guest.equals(now.guest());
  }

  /**
   * Cancels invitation {@code id} of {@code docId}, at any moment (a PIN showing included); any admin of
   * the page may. One that has ended already (failed, expired, used, cancelled) is removed from the list
   * instead: {@code {"id","state","removed":true}}.
   */
  public Future<Map<String, Object>> cancel(Caller caller, String docId, String id) {
    return asAdmin(caller, docId, id).compose(found -> {
      if (!InvitationState.of(found.state()).open()) {
        return invitations.delete(found).compose(gone -> gone
            ? Future.succeededFuture(InvitationReplies.removed(found))
            : cancel(caller, docId, id));
      }
      return cancelOpen(id);
    });
  }

  private Future<Map<String, Object>> cancelOpen(String id) {
    return invitations.move(id, now -> {
      InvitationState state = InvitationState.of(now.state());
      return state.open() ? Transitions.cancelled(now) : now;
    }).map(moved -> {
      if (moved.changed()) {
        pins.ended(id);
        events.tell(InvitationState.CANCELLED.wire, moved.after(), moved.before().guest(), null);
      }
      return InvitationReplies.changed(moved.after());
    });
  }

  /** Turns away the guest bound to invitation {@code id} (the wrong person redeemed the code): it waits again. */
  public Future<Map<String, Object>> rejectGuest(Caller caller, String docId, String id) {
    return asAdmin(caller, docId, id).compose(found -> invitations.move(id, now -> {
      if (InvitationState.of(now.state()) != InvitationState.READY) {
        throw new ProtocolException(ErrorCode.ERR_NOT_FOUND, "No guest is waiting to enter a PIN for this invitation");
      }
      return Transitions.unbound(now);
    })).map(moved -> {
      pins.ended(id);
      events.tell("rejected", moved.after(), moved.before().guest(), null);
      return InvitationReplies.changed(moved.after());
    });
  }

  /**
   * The page's interactive invitations, for its admins: state, guest, attempts left, expiry, and the
   * live PIN where this process issued it and the caller is not the guest.
   */
  public Future<List<Map<String, Object>>> list(Caller caller, String docId) {
    return loggedIn(caller).compose(user -> rightsOn(docId, user).compose(held -> {
      requireAdmin(held, docId);
      return invitations.ofDocument(docId).map(found -> found.stream().map(i -> {
        Map<String, Object> m = InvitationReplies.invitation(i, config.pinAttempts());
        String pin = InvitationState.of(i.state()) == InvitationState.READY && !user.equals(i.guest())
            ? pins.live(i.id(), i.pinHash()) : null;
        if (pin != null) {
          m.put("pin", pin);
        }
        return m;
      }).toList());
    }));
  }

  /** The invitation {@code id}, if it is one of {@code docId}'s and the caller administers that page. */
  private Future<StoredInvitation> asAdmin(Caller caller, String docId, String id) {
    return loggedIn(caller).compose(user -> rightsOn(docId, user)).compose(held -> {
      requireAdmin(held, docId);
      return invitations.byId(id);
    }).map(found -> {
      if (found == null || !found.docId().equals(docId)) {
        throw new ProtocolException(ErrorCode.ERR_NOT_FOUND, "No interactive invitation of " + docId + " has that id");
      }
      return found;
    });
  }

  /** Whether the inviter can still back {@code i}: an admin of its page, holding every right it grants. */
  private Future<Void> backed(StoredInvitation i) {
    return rightsOn(i.docId(), i.inviter()).map(held -> {
      if (!held.isAdmin()) {
        throw InviteProblem.INVITER_NOT_ADMIN.refusal();
      }
      if (!held.containsAll(i.rights())) {
        throw InviteProblem.INVITER_LACKS_RIGHTS.refusal();
      }
      return null;
    });
  }

  /** {@code user}'s rights on {@code docId} as committed (an access token never stands in for a person here). */
  private Future<Rights> rightsOn(String docId, User user) {
    return registry.withDocument(new DocKey(MessageDecoder.PAGES, docId),
        doc -> doc.committed(new Caller(user, null, null))).map(PageAccess::rights);
  }

  private static void requireAdmin(Rights held, String docId) {
    if (!held.isAdmin()) {
      throw ProtocolException.forbidden(
          "Need admin permissions to manage invitations. You hold '" + held + "' on " + docId);
    }
  }

  private static Future<User> loggedIn(Caller caller) {
    return caller.isLoggedIn() ? Future.succeededFuture(caller.user())
        : Future.failedFuture(new ProtocolException(ErrorCode.ERR_LOGIN_REQUIRED,
            "Must be logged in to create or redeem invitations"));
  }
}

package io.weft.invite;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.weft.access.Rights;
import io.weft.auth.Secrets;
import io.weft.store.InviteStore;
import io.weft.store.InviteStore.StoredAcceptance;
import io.weft.store.InviteStore.StoredInvite;
import io.weft.user.User;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stored invites and their acceptances. Only a hash of each key is kept, so a key is found by hashing
 * what was typed: no comparison ever runs over the key itself. Uses are counted with one conditional
 * update, so an invite for ten is accepted by ten however many try at once.
 */
public final class Invites {
  private static final Logger LOG = LoggerFactory.getLogger(Invites.class);
  /**
   * An ended invite (expired or cancelled) is kept this long before the sweep deletes it, with its
   * acceptances, so a late click on its link says what happened rather than "unknown".
   */
  static final long KEEP_ENDED_MILLIS = 7L * 24 * 3600 * 1000;
  private static final long SWEEP_MILLIS = 10 * 60 * 1000;
  /** Keys are base64url of 256 bits: anything much longer is not one, and is not worth hashing. */
  private static final int MAX_KEY_LENGTH = 128;
  /** Most acceptances listed per invite (the newest); the count of uses is always exact. */
  static final int MAX_LISTED_ACCEPTANCES = 100;

  private final InviteStore store;

  private Invites(InviteStore store) {
    this.store = store;
  }

  public static Invites start(Vertx vertx, InviteStore store) {
    Invites invites = new Invites(store);
    vertx.setPeriodic(SWEEP_MILLIS, id -> invites.sweep(System.currentTimeMillis()).onFailure(e ->
        LOG.warn("removing ended invites failed", e)));
    return invites;
  }

  /** A new invite and its key, which is shown once and never stored. */
  public record Created(String key, Invite invite) {
  }

  /** Who accepted an invite, when, and their rights on the document before and after. */
  public record Acceptance(User user, long atMillis, Rights before, Rights after) {
  }

  Future<Created> create(String docId, User creator, Rights rights, int seconds, int maxUses) {
    String key = Secrets.random(256);
    long now = System.currentTimeMillis();
    Invite invite = new Invite(Secrets.random(72), docId, rights, creator, now, now + seconds * 1000L, maxUses, 0, 0);
    StoredInvite stored = new StoredInvite(Secrets.hash(key), invite.id(), docId, rights, creator, now,
        invite.expiresAtMillis(), maxUses, 0, 0);
    return store.insert(stored).map(inserted -> {
      if (!inserted) {
        throw new IllegalStateException("invite key or id taken");
      }
      return new Created(key, invite);
    });
  }

  /** The invite {@code key} opens on {@code docId}, in whatever state it is; null if there is none. */
  Future<Invite> byKey(String key, String docId) {
    // Hashed whatever it is, so a malformed key takes as long to refuse as a well-formed wrong one.
    String hash = Secrets.hash(key == null || key.length() > MAX_KEY_LENGTH ? "" : key);
    return store.byKeyHash(hash, docId).map(Invites::decode);
  }

  /** {@code creator}'s invites for {@code docId} that have not expired or been cancelled, oldest first. */
  Future<List<Invite>> activeOf(String docId, User creator) {
    return store.liveOf(docId, creator, System.currentTimeMillis()).map(found -> found.stream().map(Invites::decode)
        .sorted(Comparator.comparingLong(Invite::createdAtMillis)).toList());
  }

  /** Cancels the invite of {@code docId} named by its key or its id; null if there was no such live invite. */
  Future<Invite> cancel(String docId, String keyOrId) {
    if (keyOrId == null || keyOrId.isEmpty() || keyOrId.length() > MAX_KEY_LENGTH) {
      return Future.succeededFuture(null);
    }
    return store.cancel(docId, Secrets.hash(keyOrId), keyOrId, System.currentTimeMillis()).map(Invites::decode);
  }

  /**
   * Takes one use of the invite if it has one left and is still live, in one atomic step; completes
   * with the invite as it is now if it took one, else null.
   */
  Future<Invite> takeUse(Invite invite) {
    return store.takeUse(invite.id(), invite.maxUses(), System.currentTimeMillis()).map(Invites::decode);
  }

  /** Gives back a use taken for an acceptance that did not go through. */
  Future<Void> returnUse(Invite invite) {
    return store.returnUse(invite.id()).mapEmpty();
  }

  /** The invite's current state, by its id. */
  Future<Invite> byId(String inviteId) {
    return store.byId(inviteId).map(Invites::decode);
  }

  // ---- acceptances: one record per (invite, user), claimed before the use is taken ----

  /**
   * A user's claim on an invite: whether this call made it, whether its use is taken, whether it was
   * accepted, and when it was made (the time names this claim in the conditional steps that follow).
   */
  record Claim(boolean fresh, boolean useTaken, boolean accepted, long claimedAtMillis) {
    private static Claim of(StoredAcceptance stored) {
      return new Claim(false, stored.useTaken(), stored.acceptedAtMillis() != 0, stored.claimedAtMillis());
    }
  }

  /**
   * Claims the invite for {@code user}: at most one claim per invite and user ever exists, so two
   * accepts by one user race for it and only the winner takes a use.
   */
  Future<Claim> claim(Invite invite, User user) {
    long now = System.currentTimeMillis();
    StoredAcceptance claim = new StoredAcceptance(invite.id(), invite.docId(), user, now, invite.expiresAtMillis(),
        false, 0, null, null);
    // A claim released between the two steps is claimed again, so a fresh claim is always stored.
    return store.claim(claim).compose(fresh -> fresh ? Future.succeededFuture(new Claim(true, false, false, now))
        : store.claimOf(invite.id(), user).compose(existing -> existing == null ? claim(invite, user)
            : Future.succeededFuture(Claim.of(existing))));
  }

  /**
   * Takes over a claim left by an acceptance that died half-way; null if someone else changed it first
   * (took it over, finished or dropped it).
   */
  Future<Claim> reclaim(Invite invite, User user, Claim stale) {
    return store.reclaim(invite.id(), user, stale.claimedAtMillis(), System.currentTimeMillis())
        .map(taken -> taken == null ? null : Claim.of(taken));
  }

  /** Notes on the claim that its use is taken; false if the claim is no longer the one made then. */
  Future<Boolean> markUseTaken(Invite invite, User user, Claim claim) {
    return store.markUseTaken(invite.id(), user, claim.claimedAtMillis());
  }

  /** Drops a claim whose acceptance did not go through, so the user may try again. */
  Future<Void> release(Invite invite, User user) {
    return store.release(invite.id(), user).mapEmpty();
  }

  /** Completes a claim: the user now has {@code after} (they had {@code before}). */
  Future<Void> recordAcceptance(Invite invite, User user, Rights before, Rights after) {
    return store.accept(invite.id(), user, System.currentTimeMillis(), before, after).mapEmpty();
  }

  /**
   * Notes a completed acceptance of an invitation that is not a key (it has no uses to count): one
   * record per invitation and user, as a key's, so the ledger holds both kinds.
   */
  Future<Void> recordGrant(String inviteId, String docId, long expiresAtMillis, User user, Rights before, Rights after) {
    long now = System.currentTimeMillis();
    return store.claim(new StoredAcceptance(inviteId, docId, user, now, expiresAtMillis, true, now, before, after))
        .compose(fresh -> fresh ? Future.succeededFuture()
            : store.accept(inviteId, user, now, before, after).mapEmpty());
  }

  /** The completed acceptances of each invite, newest first, at most {@link #MAX_LISTED_ACCEPTANCES} each. */
  Future<Map<String, List<Acceptance>>> acceptancesOf(List<Invite> invites) {
    if (invites.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return store.acceptancesOf(invites.stream().map(Invite::id).toList()).map(found -> {
      Map<String, List<Acceptance>> out = new LinkedHashMap<>();
      List<StoredAcceptance> newestFirst = new ArrayList<>(found);
      newestFirst.sort(Comparator.comparingLong(StoredAcceptance::acceptedAtMillis).reversed());
      for (StoredAcceptance a : newestFirst) {
        List<Acceptance> list = out.computeIfAbsent(a.inviteId(), k -> new ArrayList<>());
        if (list.size() < MAX_LISTED_ACCEPTANCES) {
          list.add(new Acceptance(a.user(), a.acceptedAtMillis(), a.before(), a.after()));
        }
      }
      return out;
    });
  }

  /**
   * Deletes invites that ended (expired, or were cancelled) more than {@link #KEEP_ENDED_MILLIS} before
   * {@code now}, and the acceptances of expired ones. There is no TTL index to do it on every store.
   */
  public Future<Void> sweep(long now) {
    return store.deleteEnded(now - KEEP_ENDED_MILLIS);
  }

  private static Invite decode(StoredInvite stored) {
    return stored == null ? null : new Invite(stored.id(), stored.docId(), stored.rights(), stored.creator(),
        stored.createdAtMillis(), stored.expiresAtMillis(), stored.maxUses(), stored.uses(), stored.removedAtMillis());
  }
}

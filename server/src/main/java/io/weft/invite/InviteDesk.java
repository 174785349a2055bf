package io.weft.invite;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.weft.access.Rights;
import io.weft.auth.AttemptThrottle;
import io.weft.auth.Caller;
import io.weft.user.User;
import io.weft.config.WeftConfig;
import io.weft.doc.DocumentRegistry;
import io.weft.doc.LiveDocument;
import io.weft.doc.PageAccess;
import io.weft.protocol.ErrorCode;
import io.weft.protocol.MessageDecoder;
import io.weft.protocol.ProtocolException;
import io.weft.store.DocKey;
import io.weft.store.InviteStore;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Invites to a document, whichever way they arrive (socket, console, link): create, list, cancel,
 * check and accept, with every rule in one place.
 * <ul>
 *   <li>Only logged-in users create or accept; creating takes {@code a}, and an invite never grants a
 *       right its creator lacks, when created or when accepted.</li>
 *   <li>Accepting merges: the user's rights become what they had plus what the invite grants, written
 *       as one server-made op on {@code data-auth}. One use per user, however often they accept.</li>
 *   <li>Wrong keys are counted per user and per address; too many and checks are refused for a while.</li>
 * </ul>
 */
public final class InviteDesk {
  /** Event-bus address of accepted invites: every process tells the inviter's sockets it holds. */
  public static final String ACCEPTED_ADDRESS = "weft.invites.accepted";
  /** The header naming the inviter ({@link User#userId}) on {@link #ACCEPTED_ADDRESS} messages. */
  public static final String INVITER_HEADER = "inviter";
  /** The header naming the page whose invite was accepted: only sockets acting for the inviter there hear it. */
  public static final String DOC_HEADER = "doc";
  /** A claim left this long without completing belongs to an acceptance that died half-way (a crash). */
  static final long STALE_CLAIM_MILLIS = 60_000;
  private static final int MAX_USES_LIMIT = 1_000_000;

  private final Vertx vertx;
  private final DocumentRegistry registry;
  private final Invites invites;
  private final AttemptThrottle throttle;
  private final WeftConfig.Invites config;

  private InviteDesk(Vertx vertx, DocumentRegistry registry, Invites invites, WeftConfig.Invites config) {
    this.vertx = vertx;
    this.registry = registry;
    this.invites = invites;
    this.throttle = AttemptThrottle.forInviteKeys(config);
    this.config = config;
  }

  public static InviteDesk start(Vertx vertx, DocumentRegistry registry, InviteStore store, WeftConfig.Invites config) {
    return new InviteDesk(vertx, registry, Invites.start(vertx, store), config);
  }

  /** Deletes invites that ended long enough before {@code nowMillis} (the periodic sweep runs this with the time now). */
  public Future<Void> sweep(long nowMillis) {
    return invites.sweep(nowMillis);
  }

  /** What {@code create} was asked for: rights letters, lifetime in seconds (null: default), most uses (null: any). */
  public record Request(String permissions, Long maxAge, Long maxUses) {
  }

  /**
   * A new invite to {@code docId}: the reply carries the key, once, and a ready link
   * {@code /<id>/?acceptInvite=<key>}.
   */
  public Future<Map<String, Object>> create(Caller caller, String docId, Request request) {
    return loggedIn(caller, "create invites").compose(creator -> {
      Rights rights = Rights.parse(request.permissions() == null ? "r" : request.permissions());
      if (rights == null || rights.isEmpty()) {
        throw ProtocolException.malformed("'permissions' must be one or more of the letters r, w and a");
      }
      int seconds = seconds(request.maxAge());
      int maxUses = maxUses(request.maxUses());
      return onDocument(docId, doc -> doc.committed(asThemselves(caller))).compose(access -> {
        requireAdmin(access, docId);
        if (!access.rights().containsAll(rights)) {
          throw ProtocolException.forbidden(
              "You hold '" + access.rights() + "' on " + docId + " and cannot grant '" + rights + "'");
        }
        return invites.create(docId, creator, rights, seconds, maxUses);
      });
    }).map(created -> InviteReplies.created(created.invite(), created.key()));
  }

  /** The link that accepts {@code key}: the path on this server, {@code /<id>/?acceptInvite=<key>}. */
  public static String link(String docId, String key) {
    return "/" + docId + "/?acceptInvite=" + key;
  }

  /** The caller's live invites for {@code docId} (never their keys), each with who has accepted it. */
  public Future<List<Map<String, Object>>> list(Caller caller, String docId) {
    return loggedIn(caller, "list invites")
        .compose(creator -> onDocument(docId, doc -> doc.committed(asThemselves(caller))).compose(access -> {
          requireAdmin(access, docId);
          return invites.activeOf(docId, creator);
        }))
        .compose(found -> invites.acceptancesOf(found).map(accepted -> InviteReplies.listed(found, accepted)));
  }

  /** Cancels an invite of {@code docId}, named by key or id; any admin of the document may. */
  public Future<Map<String, Object>> cancel(Caller caller, String docId, String keyOrId) {
    return loggedIn(caller, "remove invites")
        .compose(user -> onDocument(docId, doc -> doc.committed(asThemselves(caller))))
        .compose(access -> {
          requireAdmin(access, docId);
          return invites.cancel(docId, keyOrId);
        })
        .map(cancelled -> {
          if (cancelled == null) {
            throw new ProtocolException(ErrorCode.ERR_NOT_FOUND,
                "Unable to delete invite: no live invite of " + docId + " has that key or id");
          }
          return InviteReplies.cancelled(cancelled);
        });
  }

  /**
   * Whether {@code key} opens an invite to {@code docId} now, and what it grants and from whom; fails
   * with a refusal whose code ({@code INVITE_*}) says why not. Needs no rights on the document.
   */
  public Future<Map<String, Object>> check(Caller caller, String address, String docId, String key) {
    return loggedIn(caller, "check invites").compose(user -> usable(user, address, docId, key))
        .map(InviteReplies::checked);
  }

  /** An accepted invite: the user's rights on the document before and after, and the version that wrote them (-1: none needed). */
  public record Accepted(String docId, Rights before, Rights after, long version) {
  }

  /**
   * Accepts {@code key} for the caller on {@code docId}. Each user's acceptance goes through one claim:
   * claimed, its use taken, the use noted on the claim, the rights merged, the claim marked accepted.
   * Every step is one conditional write, so a crash between two of them leaves a claim that says how far
   * it got, and a later accept finishes from there: never a merge without a use. An accepted claim never
   * merges again: a user removed since must be given a new invite.
   */
  public Future<Accepted> accept(Caller caller, String address, String docId, String key) {
    return loggedIn(caller, "accept invites").compose(user -> usableOrUsedUp(user, address, docId, key)
        .compose(invite -> invites.claim(invite, user).compose(claim -> {
          if (claim.fresh()) {
            return firstAcceptance(invite, user, claim);
          }
          if (claim.accepted()) {
            return acceptedBefore(invite, user);
          }
          if (System.currentTimeMillis() - claim.claimedAtMillis() > STALE_CLAIM_MILLIS) {
            return resumed(invite, user, claim);
          }
          return Future.failedFuture(InviteProblem.IN_PROGRESS.refusal());
        })));
  }

  /**
   * Takes a use, notes it on the claim, then writes the rights. The claim is dropped and the use given
   * back (in that order, so a crash between the two loses a use rather than making one up) if the merge
   * is refused, or if the user already held everything the invite grants: then nothing was accepted.
   */
  private Future<Accepted> firstAcceptance(Invite invite, User user, Invites.Claim claim) {
    return invites.takeUse(invite).compose(taken -> {
      if (taken == null) {
        return invites.release(invite, user).compose(v -> invites.byId(invite.id()))
            .compose(now -> Future.failedFuture(problemOf(now).refusal()));
      }
      return invites.markUseTaken(invite, user, claim).compose(marked -> {
        if (!marked) {
          // Someone took the claim over meanwhile (this acceptance ran past the stale time); theirs goes on.
          return invites.returnUse(invite).compose(v -> Future.failedFuture(InviteProblem.IN_PROGRESS.refusal()));
        }
        return merge(invite, user).transform(ar -> {
          if (ar.succeeded() && ar.result().version() >= 0) {
            return recorded(invite, user, ar.result());
          }
          Future<Void> undone = invites.release(invite, user).compose(v -> invites.returnUse(invite));
          return ar.succeeded() ? undone.map(ar.result()) : undone.transform(ignored -> Future.failedFuture(ar.cause()));
        });
      });
    });
  }

  /**
   * Finishes an acceptance that died half-way (a crash), once it is taken over. If its use was taken,
   * only the merge may be missing: it is made again (writing nothing if it was made) and recorded; if it
   * fails the claim and its use stay, so trying later finishes it. Otherwise it starts over from taking
   * a use, and gets rights only if one is left.
   */
  private Future<Accepted> resumed(Invite invite, User user, Invites.Claim stale) {
    return invites.reclaim(invite, user, stale).compose(claim -> {
      if (claim == null) {
        return Future.failedFuture(InviteProblem.IN_PROGRESS.refusal());
      }
      return claim.useTaken() ? merge(invite, user).compose(accepted -> recorded(invite, user, accepted))
          : firstAcceptance(invite, user, claim);
    });
  }

  /**
   * A user who accepted this invite before: if they still hold everything it grants, accepting again
   * is a double click and writes nothing; if they lost some of it since (an admin removed them), the
   * invite does not give it back.
   */
  private Future<Accepted> acceptedBefore(Invite invite, User user) {
    return onDocument(invite.docId(), doc -> doc.committed(new Caller(user, null, null))).map(access -> {
      if (!access.rights().containsAll(invite.rights())) {
        throw InviteProblem.ALREADY_ACCEPTED.refusal();
      }
      return new Accepted(invite.docId(), access.rights(), access.rights(), -1);
    });
  }

  private Future<Accepted> merge(Invite invite, User user) {
    return merge(invite.docId(), invite.creator(), invite.rights(), user);
  }

  /**
   * Merges {@code granted} into {@code user}'s rights on {@code docId} as {@code inviter}'s grant: one
   * server-made op, the document's next, judged at its turn against the inviter's rights then (refused
   * with {@code INVITER_*} if they can no longer back it). The one path every kind of invitation lets
   * someone in by; version -1 when the user held it all already.
   */
  public Future<Accepted> merge(String docId, User inviter, Rights granted, User user) {
    MergeGrant grant = new MergeGrant(inviter, granted, user);
    return onDocument(docId, doc -> doc.editAsServer(grant))
        .map(version -> new Accepted(docId, grant.before, grant.after, version));
  }

  /**
   * Notes in the ledger of acceptances that {@code user} accepted invitation {@code inviteId} of
   * {@code docId} (an email invitation: its id), as a key's acceptance is noted.
   */
  public Future<Void> recordGrant(String inviteId, String docId, long expiresAtMillis, User user, Accepted accepted) {
    return invites.recordGrant(inviteId, docId, expiresAtMillis, user, accepted.before(), accepted.after());
  }

  private Future<Accepted> recorded(Invite invite, User user, Accepted accepted) {
    return invites.recordAcceptance(invite, user, accepted.before(), accepted.after()).map(v -> {
      tellInviter(invite, user, accepted);
      return accepted;
    });
  }

  private void tellInviter(Invite invite, User user, Accepted accepted) {
    announce(invite.id(), invite.creator(), user, accepted);
  }

  /**
   * The inviter's sockets on the page, in every process, hear at once that {@code user} came in through invitation
   * {@code inviteId} ({@code inviteAccepted}), whichever kind it was.
   */
  public void announce(String inviteId, User inviter, User user, Accepted accepted) {
    vertx.eventBus().publish(ACCEPTED_ADDRESS, InviteReplies.acceptedEvent(inviteId, user, accepted),
        new DeliveryOptions().addHeader(INVITER_HEADER, inviter.userId()).addHeader(DOC_HEADER, accepted.docId()));
  }

  /**
   * A guess at an invitation secret by {@code user} from {@code address}, in the wrong-key throttle that
   * counts every kind of secret (keys, interactive codes): refused with {@code refused} while over its
   * limit, else {@code lookup} runs and a null answer counts as wrong; a failed lookup neither counts
   * nor clears.
   */
  public <T> Future<T> guess(User user, String address, ProtocolException refused, Supplier<Future<T>> lookup) {
    return throttle.attempt(user.userId(), address).compose(attempt -> {
      if (attempt.refusedSeconds() > 0) {
        return Future.failedFuture(refused);
      }
      return lookup.get().onComplete(found -> {
        if (found.failed()) {
          attempt.undecided();
        } else if (found.result() == null) {
          attempt.wrong();
        } else {
          attempt.right();
        }
      });
    });
  }

  /** The invite {@code key} opens, if it is valid in every way now. */
  private Future<Invite> usable(User user, String address, String docId, String key) {
    return usableOrUsedUp(user, address, docId, key).map(invite -> {
      InviteProblem problem = invite.problemAt(System.currentTimeMillis());
      if (problem != null) {
        throw problem.refusal();
      }
      return invite;
    });
  }

  /**
   * The invite {@code key} opens, if it is known, unexpired, not cancelled and its inviter can still
   * back it; it may have no uses left (accepting again needs none). Counts a wrong key against the
   * user and the address.
   */
  private Future<Invite> usableOrUsedUp(User user, String address, String docId, String key) {
    return guess(user, address, InviteProblem.RATE_LIMITED.refusal(), () -> invites.byKey(key, docId)).compose(invite -> {
      if (invite == null) {
        return Future.failedFuture(InviteProblem.UNKNOWN.refusal());
      }
      InviteProblem problem = invite.problemAt(System.currentTimeMillis());
      if (problem != null && problem != InviteProblem.USED_UP) {
        return Future.failedFuture(problem.refusal());
      }
      return onDocument(docId, doc -> doc.committed(new Caller(invite.creator(), null, null))).map(access -> {
        InviteProblem inviter = Invite.inviterProblem(access.rights(), invite.rights());
        if (inviter != null) {
          throw inviter.refusal();
        }
        return invite;
      });
    });
  }

  private static InviteProblem problemOf(Invite now) {
    InviteProblem problem = now == null ? InviteProblem.UNKNOWN : now.problemAt(System.currentTimeMillis());
    return problem != null ? problem : InviteProblem.USED_UP;
  }

  private <T> Future<T> onDocument(String docId, Function<LiveDocument, Future<T>> action) {
    return registry.withDocument(new DocKey(MessageDecoder.PAGES, docId), action);
  }

  /** Invites are about people: an access token in the request does not make its caller someone else. */
  private static Caller asThemselves(Caller caller) {
    return new Caller(caller.user(), caller.sessionId(), null);
  }

  private static Future<User> loggedIn(Caller caller, String doing) {
    return caller.isLoggedIn() ? Future.succeededFuture(caller.user())
        : Future.failedFuture(new ProtocolException(ErrorCode.ERR_LOGIN_REQUIRED,
            "Must be logged in to handle invites (to " + doing + ")"));
  }

  /** Runs inside a {@code compose}, where a throw fails the future. */
  private static void requireAdmin(PageAccess access, String docId) {
    if (!access.rights().isAdmin()) {
      throw ProtocolException.forbidden(
          "Need admin permissions to manage invites. You hold '" + access.rights() + "' on " + docId);
    }
  }

  private int seconds(Long maxAge) {
    if (maxAge == null) {
      return config.defaultMaxAgeSeconds();
    }
    if (maxAge <= 0) {
      throw ProtocolException.malformed("'maxAge' must be a positive number of seconds");
    }
    return (int) Math.min(maxAge, config.maxAgeSeconds());
  }

  private static int maxUses(Long maxUses) {
    if (maxUses == null) {
      return 0;
    }
    if (maxUses <= 0 || maxUses > MAX_USES_LIMIT) {
      throw ProtocolException.malformed(
          "'maxUses' must be a whole number from 1 to " + MAX_USES_LIMIT + " (or absent: any number)");
    }
    return maxUses.intValue();
  }
}

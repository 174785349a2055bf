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
import io.weft.json.Json;
import io.weft.protocol.ErrorCode;
import io.weft.protocol.MessageDecoder;
import io.weft.protocol.ProtocolException;
import io.weft.store.DocKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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

  public static Future<InviteDesk> start(Vertx vertx, DocumentRegistry registry, io.weft.store.mongo.Records records,
      WeftConfig.Invites config) {
    return Invites.start(vertx, records).map(invites -> new InviteDesk(vertx, registry, invites, config));
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
    User creator = requireLogin(caller, "create invites");
    Rights rights = Rights.parse(request.permissions() == null ? "r" : request.permissions());
    if (rights == null || rights.isEmpty()) {
      throw refused("'permissions' must be one or more of the letters r, w and a");
    }
    int seconds = seconds(request.maxAge());
    int maxUses = maxUses(request.maxUses());
    return onDocument(docId, doc -> doc.committed(asThemselves(caller))).compose(access -> {
      requireAdmin(access, docId);
      if (!access.rights().containsAll(rights)) {
        throw refused("You hold '" + access.rights() + "' on " + docId + " and cannot grant '" + rights + "'");
      }
      return invites.create(docId, creator, rights, seconds, maxUses);
    }).map(created -> {
      Map<String, Object> m = created.invite().describe();
      m.put("key", created.key());
      m.put("url", link(docId, created.key()));
      return m;
    });
  }

  /** The link that accepts {@code key}: the path on this server, {@code /<id>/?acceptInvite=<key>}. */
  public static String link(String docId, String key) {
    return "/" + docId + "/?acceptInvite=" + key;
  }

  /** The caller's live invites for {@code docId} (never their keys), each with who has accepted it. */
  public Future<List<Map<String, Object>>> list(Caller caller, String docId) {
    User creator = requireLogin(caller, "list invites");
    return onDocument(docId, doc -> doc.committed(asThemselves(caller)))
        .compose(access -> {
          requireAdmin(access, docId);
          return invites.activeOf(docId, creator);
        })
        .compose(found -> invites.acceptancesOf(found).map(accepted -> {
          List<Map<String, Object>> out = new ArrayList<>(found.size());
          for (Invite invite : found) {
            Map<String, Object> m = invite.describe();
            m.put("acceptedBy", accepted.getOrDefault(invite.id(), List.of()).stream().map(InviteDesk::describe).toList());
            out.add(m);
          }
          return out;
        }));
  }

  /** Cancels an invite of {@code docId}, named by key or id; any admin of the document may. */
  public Future<Map<String, Object>> cancel(Caller caller, String docId, String keyOrId) {
    requireLogin(caller, "remove invites");
    return onDocument(docId, doc -> doc.committed(asThemselves(caller)))
        .compose(access -> {
          requireAdmin(access, docId);
          return invites.cancel(docId, keyOrId);
        })
        .map(cancelled -> {
          if (cancelled == null) {
            throw refused("Unable to delete invite: no live invite of " + docId + " has that key or id");
          }
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("acknowledged", true);
          m.put("deletedCount", 1);
          m.put("id", cancelled.id());
          return m;
        });
  }

  /**
   * Whether {@code key} opens an invite to {@code docId} now, and what it grants and from whom; fails
   * with an {@link InviteRefusedException} saying why not. Needs no rights on the document.
   */
  public Future<Map<String, Object>> check(Caller caller, String address, String docId, String key) {
    User user = requireLogin(caller, "check invites");
    return usable(user, address, docId, key).map(invite -> {
      Map<String, Object> m = invite.describe();
      m.put("valid", true);
      m.put("inviter", invite.creator().displayName());
      return m;
    });
  }

  /** An accepted invite: the user's rights on the document before and after, and the version that wrote them (-1: none needed). */
  public record Accepted(String docId, Rights before, Rights after, long version) {
    public Map<String, Object> describe() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("webstrateId", docId);
      m.put("permissions", after.toString());
      m.put("before", before.toString());
      m.put("version", version < 0 ? null : version);
      return m;
    }
  }

  /**
   * Accepts {@code key} for the caller on {@code docId}. The first accept by a user that changes their
   * rights takes one use; accepting again takes none and merges again (nothing to write unless rights
   * were lost since).
   */
  public Future<Accepted> accept(Caller caller, String address, String docId, String key) {
    User user = requireLogin(caller, "accept invites");
    return usableOrUsedUp(user, address, docId, key)
        .compose(invite -> invites.claim(invite, user).compose(claim -> {
          if (claim.fresh()) {
            return firstAcceptance(invite, user);
          }
          if (claim.accepted() || System.currentTimeMillis() - claim.claimedAtMillis() > STALE_CLAIM_MILLIS) {
            return merge(invite, user).compose(accepted -> accepted.version() < 0 ? Future.succeededFuture(accepted)
                : recorded(invite, user, accepted));
          }
          return Future.failedFuture(new InviteRefusedException(InviteProblem.IN_PROGRESS));
        }));
  }

  /**
   * Takes a use, then writes the rights. The use is given back (and the claim dropped) if the merge is
   * refused, or if the user already held everything the invite grants: then nothing was accepted.
   */
  private Future<Accepted> firstAcceptance(Invite invite, User user) {
    return invites.takeUse(invite).compose(taken -> {
      if (taken == null) {
        return invites.release(invite, user).compose(v -> invites.byId(invite.id()))
            .compose(now -> Future.failedFuture(new InviteRefusedException(problemOf(now))));
      }
      return merge(invite, user).transform(ar -> {
        if (ar.succeeded() && ar.result().version() >= 0) {
          return recorded(invite, user, ar.result());
        }
        Future<Void> undone = invites.returnUse(invite).compose(v -> invites.release(invite, user));
        return ar.succeeded() ? undone.map(ar.result()) : undone.transform(ignored -> Future.failedFuture(ar.cause()));
      });
    });
  }

  /** Writes the merged rights as the document's next op, judged when its turn comes. */
  private Future<Accepted> merge(Invite invite, User user) {
    MergeGrant grant = new MergeGrant(invite, user);
    return onDocument(invite.docId(), doc -> doc.editAsServer(grant))
        .map(version -> new Accepted(invite.docId(), grant.before, grant.after, version));
  }

  private Future<Accepted> recorded(Invite invite, User user, Accepted accepted) {
    return invites.recordAcceptance(invite, user, accepted.before(), accepted.after()).map(v -> {
      tellInviter(invite, user, accepted);
      return accepted;
    });
  }

  /** The inviter's sockets, in every process, hear of the acceptance at once. */
  private void tellInviter(Invite invite, User user, Accepted accepted) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("wa", "inviteAccepted");
    m.put("d", invite.docId());
    m.put("invite", invite.id());
    m.put("user", user.toHello());
    m.put("permissions", accepted.after().toString());
    m.put("before", accepted.before().toString());
    m.put("at", Instant.now().toString());
    m.put("c", MessageDecoder.PAGES);
    vertx.eventBus().publish(ACCEPTED_ADDRESS, Json.encode(m),
        new DeliveryOptions().addHeader(INVITER_HEADER, invite.creator().userId()));
  }

  /** The invite {@code key} opens, if it is valid in every way now. */
  private Future<Invite> usable(User user, String address, String docId, String key) {
    return usableOrUsedUp(user, address, docId, key).map(invite -> {
      InviteProblem problem = invite.problemAt(System.currentTimeMillis());
      if (problem != null) {
        throw new InviteRefusedException(problem);
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
    return throttle.attempt(user.userId(), address).compose(attempt -> {
      if (attempt.refusedSeconds() > 0) {
        return Future.failedFuture(new InviteRefusedException(InviteProblem.RATE_LIMITED));
      }
      // Only a key that opens no invite counts; a failed lookup neither counts nor clears.
      return invites.byKey(key, docId).onComplete(found -> {
        if (found.failed()) {
          attempt.undecided();
        } else if (found.result() == null) {
          attempt.wrong();
        } else {
          attempt.right();
        }
      });
    }).compose(invite -> {
      if (invite == null) {
        return Future.failedFuture(new InviteRefusedException(InviteProblem.UNKNOWN));
      }
      InviteProblem problem = invite.problemAt(System.currentTimeMillis());
      if (problem != null && problem != InviteProblem.USED_UP) {
        return Future.failedFuture(new InviteRefusedException(problem));
      }
      return onDocument(docId, doc -> doc.committed(new Caller(invite.creator(), null, null))).map(access -> {
        InviteProblem inviter = Invite.inviterProblem(access.rights(), invite.rights());
        if (inviter != null) {
          throw new InviteRefusedException(inviter);
        }
        return invite;
      });
    });
  }

  private static InviteProblem problemOf(Invite now) {
    InviteProblem problem = now == null ? InviteProblem.UNKNOWN : now.problemAt(System.currentTimeMillis());
    return problem != null ? problem : InviteProblem.USED_UP;
  }

  private static Map<String, Object> describe(Invites.Acceptance a) {
    Map<String, Object> m = new LinkedHashMap<>(Invite.person(a.user()));
    m.put("at", Instant.ofEpochMilli(a.atMillis()).toString());
    m.put("before", a.before().toString());
    m.put("after", a.after().toString());
    return m;
  }

  private <T> Future<T> onDocument(String docId, Function<LiveDocument, Future<T>> action) {
    return registry.withDocument(new DocKey(MessageDecoder.PAGES, docId), action);
  }

  /** Invites are about people: an access token in the request does not make its caller someone else. */
  private static Caller asThemselves(Caller caller) {
    return new Caller(caller.user(), caller.sessionId(), null);
  }

  private static User requireLogin(Caller caller, String doing) {
    if (!caller.isLoggedIn()) {
      throw refused("Must be logged in to handle invites (to " + doing + ")");
    }
    return caller.user();
  }

  private static void requireAdmin(PageAccess access, String docId) {
    if (!access.rights().isAdmin()) {
      throw refused("Need admin permissions to manage invites. You hold '" + access.rights() + "' on " + docId);
    }
  }

  private int seconds(Long maxAge) {
    if (maxAge == null) {
      return config.defaultMaxAgeSeconds();
    }
    if (maxAge <= 0) {
      throw refused("'maxAge' must be a positive number of seconds");
    }
    return (int) Math.min(maxAge, config.maxAgeSeconds());
  }

  private static int maxUses(Long maxUses) {
    if (maxUses == null) {
      return 0;
    }
    if (maxUses <= 0 || maxUses > MAX_USES_LIMIT) {
      throw refused("'maxUses' must be a whole number from 1 to " + MAX_USES_LIMIT + " (or absent: any number)");
    }
    return maxUses.intValue();
  }

  static ProtocolException refused(String message) {
    return new ProtocolException(ErrorCode.ERR_FORBIDDEN, message);
  }
}

package io.weft.invite.email;

import io.vertx.core.Future;
import io.weft.access.Rights;
import io.weft.auth.Caller;
import io.weft.auth.Secrets;
import io.weft.config.WeftConfig;
import io.weft.mail.Outbox;
import io.weft.protocol.ErrorCode;
import io.weft.protocol.ProtocolException;
import io.weft.store.EmailInviteStore.StoredEmailInvite;
import io.weft.user.User;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inviting side of email invitations: send to up to {@link #MAX_ADDRESSES} addresses at once, list
 * a page's invitations, resend, cancel; and the sweep that stores expiries. Only admins of the page
 * invite, never granting more than they hold. Each address succeeds or fails alone, with a code.
 */
public final class EmailInvitations {
  private static final Logger LOG = LoggerFactory.getLogger(EmailInvitations.class);
  /** Event-bus address of status and delivery changes; the body is the {@code emailInvitation} frame. */
  public static final String STATUS_ADDRESS = "weft.invites.email.status";
  /** Headers of {@link #STATUS_ADDRESS} messages: the inviter's userId, and the page. */
  public static final String INVITER_HEADER = "inviter";
  public static final String DOC_HEADER = "doc";
  /**
   * Event-bus address of "your invitations changed", for the account whose proven address an invitation
   * is to; the body is the {@code myInvitationsChanged} frame, the {@link #RECIPIENT_HEADER} its userId.
   */
  public static final String RECIPIENT_ADDRESS = "weft.invites.email.recipient";
  public static final String RECIPIENT_HEADER = "recipient";
  static final int MAX_ADDRESSES = 50;
  static final int MAX_MESSAGE = 1000;
  static final int RESENDS_PER_HOUR = 3;
  private static final long HOUR = 3600_000;
  private static final long DAY = 24 * HOUR;
  private static final long EXPIRY_SWEEP_MILLIS = 5_000;
  /** Ended invitations are kept this long, so their links still say what happened. */
  private static final long KEEP_ENDED_MILLIS = 30 * DAY;

  private final Parts parts;
  private final Outbox outbox;
  private final WeftConfig.Invites limits;
  private final String publicUrl;
  private long sweepTimer = -1;

  EmailInvitations(Parts parts, Outbox outbox, WeftConfig.Invites limits, String publicUrl) {
    this.parts = parts;
    this.outbox = outbox;
    this.limits = limits;
    this.publicUrl = publicUrl;
  }

  /** What {@code send} was asked for: addresses, rights letters (null: r), lifetime in seconds (null: default), message. */
  public record Request(List<?> emails, String permissions, Long maxAge, String message) {
  }

  /**
   * Invites each address to {@code docId}: {@code {"success":[record..],"errors":[{email,code,error}..]}}.
   * A bad call as a whole (not an admin, rights they lack, too many addresses) fails as a whole.
   */
  public Future<Map<String, Object>> send(Caller caller, String docId, Request request) {
    return Parts.loggedIn(caller, "invite people by email").compose(inviter -> {
      Rights rights = Rights.parse(request.permissions() == null ? "r" : request.permissions());
      if (rights == null || rights.isEmpty()) {
        throw ProtocolException.malformed("'permissions' must be one or more of the letters r, w and a");
      }
      if (request.emails() == null || request.emails().isEmpty() || request.emails().size() > MAX_ADDRESSES) {
        throw ProtocolException.malformed("'emails' must list 1 to " + MAX_ADDRESSES + " addresses");
      }
      if (request.message() != null && request.message().length() > MAX_MESSAGE) {
        throw ProtocolException.malformed("'message' may hold at most " + MAX_MESSAGE + " characters");
      }
      long seconds = seconds(request.maxAge());
      return adminPage(docId, inviter, rights).compose(title -> {
        List<Map<String, Object>> success = new ArrayList<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        // One address after another, so the rate limits count each mail before the next is judged.
        Future<Void> chain = Future.succeededFuture();
        for (Object raw : request.emails()) {
          chain = chain.compose(v -> one(inviter, docId, rights, seconds, request.message(), title, raw, seen)
              .map(record -> {
                success.add(record);
                return (Void) null;
              })
              .recover(e -> {
                if (!(e instanceof ProtocolException refused)) {
                  LOG.error("inviting an address to {} for {} failed", docId, inviter.userId(), e);
                  errors.add(EmailInviteReplies.error(raw, ErrorCode.ERR_UNKNOWN_ERROR.name(), "Could not invite; try again"));
                } else {
                  errors.add(EmailInviteReplies.error(raw, refused.code().name(), refused.getMessage()));
                }
                return Future.succeededFuture();
              }));
        }
        return chain.map(v -> EmailInviteReplies.sent(success, errors));
      });
    });
  }

  private Future<Map<String, Object>> one(User inviter, String docId, Rights rights, long seconds, String message,
      String title, Object raw, Set<String> seen) {
    String email = EmailAddresses.normalised(raw);
    if (email == null) {
      return Future.failedFuture(new ProtocolException(ErrorCode.EMAIL_INVALID, "Not one plain email address"));
    }
    if (!seen.add(email)) {
      return Future.failedFuture(new ProtocolException(ErrorCode.EMAIL_DUPLICATE, "This address is in the list twice"));
    }
    long now = System.currentTimeMillis();
    return parts.store.ofDocument(docId, email).compose(existing -> {
      if (existing.stream().map(EmailInvite::of).anyMatch(i -> i.statusAt(now) == Status.PENDING)) {
        throw new ProtocolException(ErrorCode.EMAIL_DUPLICATE,
            "This address has a pending invitation to the page already; resend that one");
      }
      return parts.userWithEmail(email);
    }).compose(account -> account == null ? Future.succeededFuture()
        : parts.access(docId, account).map(access -> {
          if (access.rights().containsAll(rights)) {
            throw new ProtocolException(ErrorCode.EMAIL_ALREADY_HOLDS,
                "The account with this address holds '" + access.rights() + "' on the page already");
          }
          return null;
        }))
        .compose(v -> withinLimits(inviter, email))
        .compose(v -> {
          String token = Secrets.random(256);
          String mailId = Secrets.random(96);
          EmailInvite invite = new EmailInvite(Secrets.random(72), Secrets.hash(token), docId, email, rights,
              message == null || message.isBlank() ? null : message, inviter, now, now + seconds * 1000, Status.PENDING,
              now, null, 0, mailId, "queued", 0, null, 0, List.of());
          return parts.store.insert(stored(invite))
              .compose(inserted -> {
                if (!inserted) {
                  throw new IllegalStateException("invitation id or token taken");
                }
                return outbox.enqueue(invite.id(), mailId, InvitationMail.compose(invite, token, title, publicUrl));
              })
              .compose(queued -> parts.store.logMail(inviter.userId(), email, now))
              .map(logged -> {
                parts.publish(invite);
                return EmailInviteReplies.record(invite, now);
              });
        });
  }

  /** The page's invitations, newest first, filtered by status and address (null: any), with counts per status. */
  public Future<Map<String, Object>> list(Caller caller, String docId, String status, String email) {
    Status only = status == null ? null : Status.filter(status);
    if (status != null && only == null) {
      return Future.failedFuture(ProtocolException.malformed(
          "'status' must be pending, accepted, declined, canceled or expired"));
    }
    String address = email == null ? null : EmailAddresses.normalised(email);
    if (email != null && address == null) {
      return Future.failedFuture(new ProtocolException(ErrorCode.EMAIL_INVALID, "Not one plain email address"));
    }
    return Parts.loggedIn(caller, "list email invitations")
        .compose(user -> adminPage(docId, user, Rights.NONE))
        .compose(title -> parts.store.ofDocument(docId, address))
        .map(found -> EmailInviteReplies.listed(found.stream().map(EmailInvite::of)
            .sorted(Comparator.comparingLong(EmailInvite::createdAtMillis).reversed()).toList(), only,
            System.currentTimeMillis()));
  }

  /**
   * Sends invitation {@code id} anew: a new token (the old link stops working), expiry from now, pending
   * again. Only pending or expired invitations, at most {@link #RESENDS_PER_HOUR} times an hour.
   */
  public Future<Map<String, Object>> resend(Function<String, Caller> callerOn, String id) {
    return parts.byId(id).compose(invite -> {
      if (invite == null) {
        throw Parts.notFound();
      }
      return Parts.loggedIn(callerOn.apply(invite.docId()), "resend email invitations").compose(user -> {
        long now = System.currentTimeMillis();
        Status status = invite.statusAt(now);
        return adminPage(invite.docId(), user, invite.rights()).compose(title -> {
          if (status != Status.PENDING && status != Status.EXPIRED) {
            throw new ProtocolException(ErrorCode.INVITATION_NOT_PENDING,
                "Only pending or expired invitations are sent again; this one is " + status.wire());
          }
          List<Long> recent = new ArrayList<>(invite.resends().stream().filter(t -> t > now - HOUR).toList());
          if (recent.size() >= RESENDS_PER_HOUR) {
            throw new ProtocolException(ErrorCode.INVITATION_RESEND_LIMIT,
                "This invitation was sent again " + RESENDS_PER_HOUR + " times in the last hour; wait");
          }
          recent.add(now);
          return withinLimits(user, invite.email()).compose(v -> {
            String token = Secrets.random(256);
            String mailId = Secrets.random(96);
            long expires = now + Math.max(1000, invite.expiresAtMillis() - invite.createdAtMillis());
            return parts.store.renew(invite.id(), invite.tokenHash(), Secrets.hash(token), expires, now, mailId, recent)
                .compose(renewed -> {
                  if (renewed == null) {
                    throw new ProtocolException(ErrorCode.INVITATION_NOT_PENDING, "The invitation changed meanwhile; look again");
                  }
                  EmailInvite renewedInvite = EmailInvite.of(renewed);
                  return outbox.withdraw(invite.id())
                      .compose(w -> outbox.enqueue(invite.id(), mailId, InvitationMail.compose(renewedInvite, token, title, publicUrl)))
                      .compose(q -> parts.store.logMail(user.userId(), invite.email(), now))
                      .map(logged -> {
                        parts.publish(renewedInvite);
                        return EmailInviteReplies.record(renewedInvite, now);
                      });
                });
          });
        });
      });
    });
  }

  /** Cancels pending invitation {@code id}: its link then says it was canceled, and a mail not yet sent is not. */
  public Future<Map<String, Object>> cancel(Function<String, Caller> callerOn, String id) {
    return parts.byId(id).compose(invite -> {
      if (invite == null) {
        throw Parts.notFound();
      }
      return Parts.loggedIn(callerOn.apply(invite.docId()), "cancel email invitations").compose(user -> {
        long now = System.currentTimeMillis();
        return adminPage(invite.docId(), user, Rights.NONE)
            .compose(title -> parts.store.moveStatus(invite.id(), List.of(Status.PENDING.wire()), Status.CANCELED.wire(),
                now, now, null, null, 0))
            .compose(canceled -> {
              if (canceled == null) {
                return parts.byId(id).map(latest -> {
                  throw new ProtocolException(ErrorCode.INVITATION_NOT_PENDING, "Only pending invitations are canceled; this one is "
                      + (latest == null ? "gone" : latest.statusAt(now).wire()));
                });
              }
              EmailInvite after = EmailInvite.of(canceled);
              return outbox.withdraw(id).map(v -> {
                parts.publish(after);
                return EmailInviteReplies.record(after, now);
              });
            });
      });
    });
  }

  /** The outbox's word on a mail: stored on the invitation it carries (unless a newer mail replaced it), and told live. */
  void delivered(Outbox.Delivery delivery) {
    parts.store.delivery(delivery.tag(), delivery.mailId(), delivery.state(), delivery.attempts(), delivery.error(),
            delivery.state().equals("sent") ? delivery.atMillis() : 0)
        .onSuccess(changed -> parts.publish(EmailInvite.of(changed)))
        .onFailure(e -> LOG.warn("recording the delivery of mail {} failed", delivery.mailId(), e));
  }

  /** Stores the expiry of pending invitations past it, and tells; deletes invitations that ended long ago. */
  Future<Void> sweep(long now, boolean deleteOld) {
    Future<Void> expired = parts.store.expiredPending(now).compose(due -> {
      Future<Void> chain = Future.succeededFuture();
      for (StoredEmailInvite invite : due) {
        chain = chain.compose(v -> parts.store.expire(invite.id(), now).map(changed -> {
          parts.publish(EmailInvite.of(changed));
          return null;
        }));
      }
      return chain;
    });
    return deleteOld ? expired.compose(v -> parts.store.deleteEnded(now - KEEP_ENDED_MILLIS, now - DAY)) : expired;
  }

  void startSweeps() {
    long[] passes = {0};
    sweepTimer = parts.vertx.setPeriodic(EXPIRY_SWEEP_MILLIS, id -> sweep(System.currentTimeMillis(), passes[0]++ % 720 == 0)
        .onFailure(e -> LOG.warn("sweeping email invitations failed", e)));
  }

  /** Stops the sweeps and the outbox's, before the store closes. */
  void close() {
    parts.vertx.cancelTimer(sweepTimer);
    outbox.close();
  }

  /** Per inviter an hour, per address a day: refused with EMAIL_RATE_LIMITED. */
  private Future<Void> withinLimits(User inviter, String email) {
    long now = System.currentTimeMillis();
    return parts.store.mailsBy(inviter.userId(), now - HOUR).compose(byInviter -> {
      if (byInviter >= parts.config.emailsPerHour()) {
        throw new ProtocolException(ErrorCode.EMAIL_RATE_LIMITED, "You sent " + parts.config.emailsPerHour()
            + " invitation mails in the last hour (invites.emailsPerHour); wait");
      }
      return parts.store.mailsTo(email, now - DAY);
    }).map(toAddress -> {
      if (toAddress >= parts.config.emailsPerAddressPerDay()) {
        throw new ProtocolException(ErrorCode.EMAIL_RATE_LIMITED, "This address got " + parts.config.emailsPerAddressPerDay()
            + " invitation mails from this server today (invites.emailsPerAddressPerDay); try tomorrow");
      }
      return null;
    });
  }

  /** Checks {@code user} is an admin of {@code docId} holding {@code granting}; completes with the page's title. */
  private Future<String> adminPage(String docId, User user, Rights granting) {
    return parts.access(docId, user).map(access -> {
      if (!access.rights().isAdmin()) {
        throw ProtocolException.forbidden("Need admin permissions to manage invitations. You hold '" + access.rights()
            + "' on " + docId);
      }
      if (!access.rights().containsAll(granting)) {
        throw ProtocolException.forbidden("You hold '" + access.rights() + "' on " + docId + " and cannot grant '"
            + granting + "'");
      }
      return PageTitle.of(access.view(), docId);
    });
  }

  private long seconds(Long maxAge) {
    if (maxAge == null) {
      return limits.defaultMaxAgeSeconds();
    }
    if (maxAge <= 0) {
      throw ProtocolException.malformed("'maxAge' must be a positive number of seconds");
    }
    return Math.min(maxAge, limits.maxAgeSeconds());
  }

  static StoredEmailInvite stored(EmailInvite i) {
    return new StoredEmailInvite(i.id(), i.tokenHash(), i.docId(), i.email(), i.rights(), i.message(), i.inviter(),
        i.createdAtMillis(), i.expiresAtMillis(), i.stored().wire(), i.statusAtMillis(), i.by(), i.claimedAtMillis(),
        i.mailId(), i.delivery(), i.attempts(), i.lastError(), i.sentAtMillis(), i.resends());
  }
}

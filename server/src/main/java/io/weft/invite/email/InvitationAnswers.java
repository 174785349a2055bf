package io.weft.invite.email;

import io.vertx.core.Future;
import io.weft.auth.Caller;
import io.weft.auth.Secrets;
import io.weft.invite.InviteDesk;
import io.weft.invite.InviteProblem;
import io.weft.protocol.ErrorCode;
import io.weft.protocol.ProtocolException;
import io.weft.user.User;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The invited side: what a mailed token opens, accepting (logged in; the rights merge exactly as an
 * invite key's do) and declining (the token alone proves the mail arrived). From the console, a person
 * answers by id the invitations to their account's address once that address is verified: its owner
 * followed a link mailed to it.
 */
public final class InvitationAnswers {
  private static final Logger LOG = LoggerFactory.getLogger(InvitationAnswers.class);
  /** An acceptance left in {@link Status#ACCEPTING} this long died half-way (a crash); the next try finishes it. */
  static final long STALE_ACCEPTANCE_MILLIS = 60_000;
  private static final int MAX_TOKEN_LENGTH = 128;

  private final Parts parts;

  InvitationAnswers(Parts parts) {
    this.parts = parts;
  }

  /** What a link shows: the invitation, its page title, and whether the viewer's account has the invited address. */
  public record Shown(EmailInvite invite, Status status, String pageTitle, boolean addressMatches, String inviterName) {
  }

  /**
   * The invitation {@code token} opens on {@code docId}, as {@code caller} sees it; null if none. Looking
   * changes nothing, except that a logged-in viewer whose account has the invited address now counts
   * as its proven owner.
   */
  public Future<Shown> view(Caller caller, String docId, String token) {
    return byToken(docId, token).compose(invite -> {
      if (invite == null) {
        return Future.succeededFuture(null);
      }
      Future<String> email = caller.isLoggedIn() ? parts.emailOf(caller.user()) : Future.succeededFuture(null);
      return email.compose(address -> {
        boolean matches = invite.email().equals(address);
        Future<Void> verified = matches ? parts.store.markVerified(address, System.currentTimeMillis())
            : Future.succeededFuture();
        return verified.compose(v -> parts.access(docId, invite.inviter())).map(access -> new Shown(invite,
            invite.statusAt(System.currentTimeMillis()), PageTitle.of(access.view(), docId), matches,
            invite.inviter().displayName()));
      });
    });
  }

  /** Accepts the invitation {@code token} opens on {@code docId}, for the logged-in caller. */
  public Future<InviteDesk.Accepted> acceptByToken(Caller caller, String docId, String token) {
    return Parts.loggedIn(caller, "accept invitations").compose(user -> byToken(docId, token).compose(invite -> {
      if (invite == null) {
        throw InviteProblem.UNKNOWN.refusal();
      }
      return accept(user, invite, invite.tokenHash());
    }));
  }

  /** Declines the invitation {@code token} opens on {@code docId}; no login needed. */
  public Future<EmailInvite> declineByToken(String docId, String token) {
    return byToken(docId, token).compose(invite -> {
      if (invite == null) {
        throw InviteProblem.UNKNOWN.refusal();
      }
      return decline(invite, invite.tokenHash());
    });
  }

  /** The pending invitations to the caller's verified address: {@code {"email","verified","invitations":[..]}}. */
  public Future<Map<String, Object>> mine(Caller caller) {
    return Parts.loggedIn(caller, "list invitations to you").compose(user -> verifiedEmail(user).compose(email -> {
      if (email == null) {
        return parts.emailOf(user).map(address -> Map.<String, Object>of("email", address == null ? "" : address,
            "verified", false, "invitations", List.of()));
      }
      long now = System.currentTimeMillis();
      return parts.store.toAddress(email, Status.PENDING.wire()).map(found -> Map.<String, Object>of("email", email,
          "verified", true, "invitations", found.stream().map(EmailInvite::of).filter(i -> i.statusAt(now) == Status.PENDING)
              .sorted(Comparator.comparingLong(EmailInvite::createdAtMillis))
              .map(i -> EmailInviteReplies.record(i, now)).toList()));
    }));
  }

  /** Accepts invitation {@code id} to the caller's verified address. */
  public Future<InviteDesk.Accepted> acceptMine(Caller caller, String id) {
    return Parts.loggedIn(caller, "accept invitations")
        .compose(user -> mineById(user, id).compose(invite -> accept(user, invite, null)));
  }

  /** Declines invitation {@code id} to the caller's verified address. */
  public Future<Map<String, Object>> declineMine(Caller caller, String id) {
    return Parts.loggedIn(caller, "decline invitations")
        .compose(user -> mineById(user, id).compose(invite -> decline(invite, null)))
        .map(declined -> EmailInviteReplies.record(declined, System.currentTimeMillis()));
  }

  private Future<EmailInvite> mineById(User user, String id) {
    return verifiedEmail(user).compose(email -> parts.byId(id).map(invite -> {
      // Someone else's invitation is answered as no invitation: ids are not for guessing addresses.
      if (invite == null || email == null || !email.equals(invite.email())) {
        throw Parts.notFound();
      }
      return invite;
    }));
  }

  private Future<String> verifiedEmail(User user) {
    return parts.emailOf(user).compose(email -> email == null ? Future.succeededFuture(null)
        : parts.store.isVerified(email).map(verified -> verified ? email : null));
  }

  /**
   * Moves the invitation to accepting (one conditional update: of racing answers one wins), merges the
   * rights as a key does, notes it in the acceptances ledger, and marks it accepted. A refused merge puts
   * it back to pending; a crash leaves it accepting, and the next try after a minute finishes it.
   */
  private Future<InviteDesk.Accepted> accept(User user, EmailInvite invite, String tokenHash) {
    long now = System.currentTimeMillis();
    Status status = invite.statusAt(now);
    ProtocolException ended = EmailInviteProblems.of(status);
    if (ended != null) {
      return Future.failedFuture(ended);
    }
    Future<String> address = parts.emailOf(user);
    return address.compose(email -> {
      boolean matches = invite.email().equals(email);
      if (!matches && parts.config.requireMatchingAddress()) {
        throw new ProtocolException(ErrorCode.INVITATION_WRONG_ADDRESS, "This invitation is for " + invite.email()
            + "; log in with the account that has that address");
      }
      boolean resuming = invite.stored() == Status.ACCEPTING;
      if (resuming && now - invite.claimedAtMillis() < STALE_ACCEPTANCE_MILLIS) {
        throw InviteProblem.IN_PROGRESS.refusal();
      }
      List<String> from = List.of(resuming ? Status.ACCEPTING.wire() : Status.PENDING.wire());
      return parts.store.moveStatus(invite.id(), from, Status.ACCEPTING.wire(), now, now, tokenHash, user, now)
          .compose(claimed -> {
            if (claimed == null) {
              return parts.byId(invite.id()).map(latest -> {
                ProtocolException why = latest == null ? InviteProblem.UNKNOWN.refusal()
                    : EmailInviteProblems.of(latest.statusAt(System.currentTimeMillis()));
                throw why != null ? why : InviteProblem.IN_PROGRESS.refusal();
              });
            }
            return merged(user, invite, matches ? email : null);
          });
    });
  }

  private Future<InviteDesk.Accepted> merged(User user, EmailInvite invite, String verifiedEmail) {
    List<String> accepting = List.of(Status.ACCEPTING.wire());
    return parts.keys.merge(invite.docId(), invite.inviter(), invite.rights(), user).transform(ar -> {
      if (ar.failed()) {
        // Nothing was merged: the invitation waits again (its inviter may regain the rights).
        return parts.store.moveStatus(invite.id(), accepting, Status.PENDING.wire(), System.currentTimeMillis(), 0,
            null, null, 0).transform(v -> Future.<InviteDesk.Accepted>failedFuture(ar.cause()));
      }
      InviteDesk.Accepted accepted = ar.result();
      return parts.keys.recordGrant(invite.id(), invite.docId(), invite.expiresAtMillis(), user, accepted)
          .compose(v -> parts.store.moveStatus(invite.id(), accepting, Status.ACCEPTED.wire(),
              System.currentTimeMillis(), 0, null, user, 0))
          .compose(done -> (verifiedEmail == null ? Future.<Void>succeededFuture()
              : parts.store.markVerified(verifiedEmail, System.currentTimeMillis())).map(done))
          .map(done -> {
            parts.publish(EmailInvite.of(done));
            LOG.info("{} accepted the email invitation {} to {} (sent to {})", user.userId(), invite.id(),
                invite.docId(), invite.email());
            return accepted;
          });
    });
  }

  private Future<EmailInvite> decline(EmailInvite invite, String tokenHash) {
    long now = System.currentTimeMillis();
    ProtocolException ended = EmailInviteProblems.of(invite.statusAt(now));
    if (ended != null) {
      return Future.failedFuture(ended);
    }
    return parts.store.moveStatus(invite.id(), List.of(Status.PENDING.wire()), Status.DECLINED.wire(), now, now,
        tokenHash, null, 0).compose(declined -> {
          if (declined == null) {
            return parts.byId(invite.id()).map(latest -> {
              ProtocolException why = latest == null ? InviteProblem.UNKNOWN.refusal()
                  : EmailInviteProblems.of(latest.statusAt(System.currentTimeMillis()));
              throw why != null ? why : InviteProblem.IN_PROGRESS.refusal();
            });
          }
          EmailInvite after = EmailInvite.of(declined);
          parts.publish(after);
          return Future.succeededFuture(after);
        });
  }

  private Future<EmailInvite> byToken(String docId, String token) {
    String hash = Secrets.hash(token == null || token.length() > MAX_TOKEN_LENGTH ? "" : token);
    return parts.store.byTokenHash(hash).map(found -> found == null || !found.docId().equals(docId) ? null
        : EmailInvite.of(found));
  }
}

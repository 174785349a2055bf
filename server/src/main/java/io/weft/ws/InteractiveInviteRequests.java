package io.weft.ws;

import io.vertx.core.Future;
import io.weft.invite.email.EmailInvitations;
import io.weft.invite.interactive.InteractiveDesk;
import io.weft.protocol.ErrorCode;
import io.weft.protocol.InteractiveInviteRequests.AuthenticateInvite;
import io.weft.protocol.InteractiveInviteRequests.CancelInvitation;
import io.weft.protocol.InteractiveInviteRequests.CreateInteractiveInvite;
import io.weft.protocol.InteractiveInviteRequests.RedeemInviteCode;
import io.weft.protocol.InteractiveInviteRequests.RejectInviteGuest;
import io.weft.protocol.ProtocolException;
import io.weft.protocol.WebstratesRequest;

/**
 * Interactive invitations over the socket, {@code wa} actions with {@code d} naming the page (for
 * redeeming and authenticating, the caller's own page: the code and the id name the invitation's);
 * the rules are {@link InteractiveDesk}'s. Each acts as the socket's caller for the page it names
 * ({@code Session.callerFor}): a page's own socket acts for its visitor on that page only, so managing
 * another page's invitations takes that page's console; redeeming and entering a PIN only ever add to
 * the visitor's own rights.
 * <ul>
 *   <li>{@code createInteractiveInvite {options:{permissions, maxAge, multiUse}}}: the invitation, with its code, once.</li>
 *   <li>{@code redeemInviteCode {options:{code}}}: binds the caller as guest; the PIN goes to the inviter.</li>
 *   <li>{@code authenticateInvite {options:{id, pin}}}: success, or a judged wrong PIN with attemptsLeft.</li>
 *   <li>{@code cancelInvitation {options:{id}}} (of an interactive or an email invitation), {@code rejectInviteGuest {options:{id}}}.</li>
 *   <li>{@code getInteractiveInvites}: the page's invitations, for its admins.</li>
 * </ul>
 */
final class InteractiveInviteRequests {
  private final InteractiveDesk desk;
  /** cancelInvitation is one action for every kind: an id no interactive invitation has may be an email invitation's. */
  private final EmailInvitations emailInvitations;

  InteractiveInviteRequests(InteractiveDesk desk, EmailInvitations emailInvitations) {
    this.desk = desk;
    this.emailInvitations = emailInvitations;
  }

  void handle(Session socket, WebstratesRequest.InteractiveRequest request) {
    Future<?> reply;
    if (request instanceof CreateInteractiveInvite create) {
      reply = desk.create(socket.callerFor(create.docId()), create.docId(), create.permissions(), create.maxAgeSeconds(),
          create.multiUse());
    } else if (request instanceof RedeemInviteCode redeem) {
      reply = desk.redeem(socket.callerFor(redeem.docId()), socket.remoteAddress(), redeem.code());
    } else if (request instanceof AuthenticateInvite authenticate) {
      reply = desk.authenticate(socket.callerFor(authenticate.docId()), authenticate.id(), authenticate.pin());
    } else if (request instanceof CancelInvitation cancel) {
      reply = desk.cancel(socket.callerFor(cancel.docId()), cancel.docId(), cancel.id()).recover(e -> isNotFound(e)
          ? emailInvitations.cancel(socket::callerFor, cancel.id()) : Future.failedFuture(e));
    } else if (request instanceof RejectInviteGuest reject) {
      reply = desk.rejectGuest(socket.callerFor(reject.docId()), reject.docId(), reject.id());
    } else {
      reply = desk.list(socket.callerFor(request.docId()), request.docId());
    }
    Replies.answer(socket, request, reply);
  }

  private static boolean isNotFound(Throwable e) {
    return e instanceof ProtocolException refused && refused.code() == ErrorCode.ERR_NOT_FOUND;
  }
}

package io.weft.ws;

import io.vertx.core.Future;
import io.weft.invite.InviteReplies;
import io.weft.invite.email.EmailInvitations;
import io.weft.invite.email.EmailInvites;
import io.weft.protocol.WebstratesRequest;
import io.weft.protocol.WebstratesRequest.AcceptEmailInvite;
import io.weft.protocol.WebstratesRequest.DeclineEmailInvite;
import io.weft.protocol.WebstratesRequest.EmailInvite;
import io.weft.protocol.WebstratesRequest.GetEmailInvites;
import io.weft.protocol.WebstratesRequest.ResendEmailInvite;

/**
 * Email invitations over the socket ({@code wa} actions; {@code d} names the page for sending and
 * listing, the id names the invitation otherwise); the rules are {@link EmailInvitations}' and
 * {@code InvitationAnswers}'. Each acts as the socket's caller for the page concerned ({@code Session.callerFor}):
 * managing an invitation takes the visitor's authority on the invitation's own page; answering one's own
 * invitations, which only ever adds to one's rights, works from any page the visitor acts on.
 * <ul>
 *   <li>{@code emailInvite {options:{emails, permissions, maxAge, message}}}: {@code {success, errors}}.</li>
 *   <li>{@code getEmailInvites {options:{status, email}}}: {@code {invitations, counts}}.</li>
 *   <li>{@code resendEmailInvite {options:{id}}}: the invitation as it is now ({@code cancelInvitation} is
 *       {@link InteractiveInviteRequests}', which passes an email invitation's id on to {@link EmailInvitations}).</li>
 *   <li>{@code getMyEmailInvites}: {@code {email, verified, invitations}}; {@code acceptEmailInvite {options:{id}}}
 *       ({@code {webstrateId, permissions, before, version}}), {@code declineEmailInvite {options:{id}}}.</li>
 *   <li>{@code verifyEmail}: mails a link proving the caller's address; {@code {email, verified, sent}}.</li>
 * </ul>
 */
final class EmailInviteRequests {
  private final EmailInvites invites;

  EmailInviteRequests(EmailInvites invites) {
    this.invites = invites;
  }

  void handle(Session socket, WebstratesRequest.EmailInviteRequest request) {
    Future<?> reply;
    if (request instanceof EmailInvite send) {
      reply = invites.sending().send(socket.callerFor(send.docId()), send.docId(),
          new EmailInvitations.Request(send.emails(), send.permissions(), send.maxAgeSeconds(), send.message()));
    } else if (request instanceof GetEmailInvites list) {
      reply = invites.sending().list(socket.callerFor(list.docId()), list.docId(), list.status(), list.email());
    } else if (request instanceof ResendEmailInvite resend) {
      reply = invites.sending().resend(socket::callerFor, resend.id());
    } else if (request instanceof AcceptEmailInvite accept) {
      reply = invites.answers().acceptMine(socket.callerFor(accept.docId()), accept.id()).map(InviteReplies::accepted);
    } else if (request instanceof DeclineEmailInvite decline) {
      reply = invites.answers().declineMine(socket.callerFor(decline.docId()), decline.id());
    } else if (request instanceof WebstratesRequest.VerifyEmail verify) {
      reply = invites.verification().request(socket.callerFor(verify.docId()), verify.docId());
    } else {
      reply = invites.answers().mine(socket.callerFor(request.docId()));
    }
    Replies.answer(socket, request, reply);
  }
}

package io.weft.ws;

import io.vertx.core.Future;
import io.weft.invite.InviteDesk;
import io.weft.invite.InviteReplies;
import io.weft.protocol.WebstratesRequest;
import io.weft.protocol.WebstratesRequest.AcceptInvite;
import io.weft.protocol.WebstratesRequest.CheckInvite;
import io.weft.protocol.WebstratesRequest.CreateInvite;
import io.weft.protocol.WebstratesRequest.GetInvites;
import io.weft.protocol.WebstratesRequest.RemoveInvite;

/**
 * Invites over the socket, Webstrates' {@code wa} actions with {@code d} naming any document, each as the
 * socket's caller for that document ({@code Session.callerFor}: on a page's own origin, the visitor on
 * that page only); the rules are {@link InviteDesk}'s, the reply shapes {@code InviteReplies}'.
 * <ul>
 *   <li>{@code createInvite {options:{permissions, maxAge, maxUses}}}: the invite, with its key and link, once.</li>
 *   <li>{@code getInvites}: the caller's live invites (never keys), each with who accepted it.</li>
 *   <li>{@code removeInvite {options:{key | id}}}: cancels one.</li>
 *   <li>{@code checkInvite {options:{key}}}, {@code acceptInvite {options:{key}}}.</li>
 * </ul>
 * A key or id may also come at the top level of the request, beside {@code options}.
 */
final class InviteRequests {
  private final InviteDesk desk;

  InviteRequests(InviteDesk desk) {
    this.desk = desk;
  }

  void handle(Session socket, WebstratesRequest.InviteRequest request) {
    Future<?> reply;
    if (request instanceof CreateInvite create) {
      reply = desk.create(socket.callerFor(create.docId()), create.docId(),
          new InviteDesk.Request(create.permissions(), create.maxAgeSeconds(), create.maxUses()));
    } else if (request instanceof GetInvites list) {
      reply = desk.list(socket.callerFor(list.docId()), list.docId());
    } else if (request instanceof RemoveInvite remove) {
      reply = desk.cancel(socket.callerFor(remove.docId()), remove.docId(), remove.keyOrId());
    } else if (request instanceof CheckInvite check) {
      reply = desk.check(socket.callerFor(check.docId()), socket.remoteAddress(), check.docId(), check.key());
    } else {
      AcceptInvite accept = (AcceptInvite) request;
      reply = desk.accept(socket.callerFor(accept.docId()), socket.remoteAddress(), accept.docId(), accept.key())
          .map(InviteReplies::accepted);
    }
    Replies.answer(socket, request, reply);
  }
}

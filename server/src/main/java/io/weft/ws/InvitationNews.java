package io.weft.ws;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.weft.auth.Caller;
import io.weft.doc.DocumentRegistry;
import io.weft.invite.InviteDesk;
import io.weft.invite.email.EmailInvitations;
import io.weft.invite.interactive.InvitationEvents;
import io.weft.protocol.MessageDecoder;
import io.weft.store.DocKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * News of invitations from the event bus (so from any process) to the open sockets it concerns: an
 * accepted key, an interactive invitation's move, an email invitation's status. News about a page goes
 * only to sockets that act for the user on that page ({@link Session#callerFor}): a page's own socket
 * never hears of another page's invitations, so another page's scripts never see a PIN shown to its
 * inviter. What only a guest hears (no PIN, their own redeem) reaches every socket of theirs; that the
 * invitations to a person's address changed, only the sockets that act for them everywhere.
 */
final class InvitationNews {
  private final Set<Session> sessions;
  private final DocumentRegistry registry;

  private InvitationNews(Set<Session> sessions, DocumentRegistry registry) {
    this.sessions = sessions;
    this.registry = registry;
  }

  static void listen(Vertx vertx, Set<Session> sessions, DocumentRegistry registry) {
    InvitationNews news = new InvitationNews(sessions, registry);
    vertx.eventBus().<String>consumer(InviteDesk.ACCEPTED_ADDRESS, m ->
        news.toUser(m.headers().get(InviteDesk.INVITER_HEADER), m.headers().get(InviteDesk.DOC_HEADER), m.body()));
    vertx.eventBus().<String>consumer(InvitationEvents.ADDRESS, m -> news.toUser(
        m.headers().get(InvitationEvents.TO_HEADER), m.headers().get(InvitationEvents.PAGE_HEADER), m.body()));
    vertx.eventBus().<String>consumer(EmailInvitations.STATUS_ADDRESS, news::toInviterAndAdmins);
    vertx.eventBus().<String>consumer(EmailInvitations.RECIPIENT_ADDRESS, m ->
        news.toUserEverywhere(m.headers().get(EmailInvitations.RECIPIENT_HEADER), m.body()));
  }

  /**
   * To the sockets that act as {@code userId} on every page (the main origin's, and clients that are no
   * browser), never to a page's own: what is about the person, not about a page, is no page script's business.
   */
  private void toUserEverywhere(String userId, String frame) {
    for (Session s : sessions) {
      if (s.actsOnEveryPage() && s.caller().isLoggedIn() && s.caller().user().userId().equals(userId)) {
        s.send(frame);
      }
    }
  }

  /** To every socket acting as {@code userId} on {@code docId} (any page of theirs if null). */
  private void toUser(String userId, String docId, String frame) {
    for (Session s : sessions) {
      Caller caller = docId == null ? s.caller() : s.callerFor(docId);
      if (caller.isLoggedIn() && caller.user().userId().equals(userId)) {
        s.send(frame);
      }
    }
  }

  /**
   * An email invitation changed: to its inviter, and to each admin of its page now, on the sockets that
   * act for them on that page. Rights are read once per user.
   */
  private void toInviterAndAdmins(Message<String> message) {
    String inviterId = message.headers().get(EmailInvitations.INVITER_HEADER);
    String docId = message.headers().get(EmailInvitations.DOC_HEADER);
    toUser(inviterId, docId, message.body());
    Map<String, List<Session>> byUser = new HashMap<>();
    for (Session s : sessions) {
      Caller caller = s.callerFor(docId);
      if (caller.isLoggedIn() && !caller.user().userId().equals(inviterId)) {
        byUser.computeIfAbsent(caller.user().userId(), k -> new ArrayList<>()).add(s);
      }
    }
    DocKey key = new DocKey(MessageDecoder.PAGES, docId);
    byUser.values().forEach(list -> registry.withDocument(key,
        doc -> doc.committed(new Caller(list.get(0).caller().user(), null, null))).onSuccess(access -> {
          if (access.rights().isAdmin()) {
            list.forEach(s -> s.send(message.body()));
          }
        }));
  }
}

package io.weft.invite.email;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.weft.auth.Caller;
import io.weft.auth.LocalAccounts;
import io.weft.config.WeftConfig;
import io.weft.doc.DocumentRegistry;
import io.weft.doc.PageAccess;
import io.weft.invite.InviteDesk;
import io.weft.protocol.ErrorCode;
import io.weft.protocol.MessageDecoder;
import io.weft.protocol.ProtocolException;
import io.weft.store.AccountStore;
import io.weft.store.DocKey;
import io.weft.store.EmailInviteStore;
import io.weft.user.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the sending side and the answering side of email invitations share: the stores, the page
 * rights, the accounts' addresses and the live events.
 */
final class Parts {
  private static final Logger LOG = LoggerFactory.getLogger(Parts.class);
  final Vertx vertx;
  final DocumentRegistry registry;
  final InviteDesk keys;
  final EmailInviteStore store;
  final AccountStore accounts;
  final WeftConfig.EmailInvites config;

  Parts(Vertx vertx, DocumentRegistry registry, InviteDesk keys, EmailInviteStore store, AccountStore accounts,
      WeftConfig.EmailInvites config) {
    this.vertx = vertx;
    this.registry = registry;
    this.keys = keys;
    this.store = store;
    this.accounts = accounts;
    this.config = config;
  }

  /** {@code user}'s rights on {@code docId} and the page as it is. */
  Future<PageAccess> access(String docId, User user) {
    return registry.withDocument(new DocKey(MessageDecoder.PAGES, docId),
        doc -> doc.committed(new Caller(user, null, null)));
  }

  Future<EmailInvite> byId(String id) {
    return id == null || id.length() > 64 ? Future.succeededFuture(null) : store.byId(id).map(EmailInvite::of);
  }

  /** The address of {@code user}'s account, normalised; null if their login provider keeps none here. */
  Future<String> emailOf(User user) {
    if (!LocalAccounts.PROVIDER.equals(user.provider())) {
      return Future.succeededFuture(null);
    }
    return accounts.byKey(LocalAccounts.key(user.username())).map(a -> a == null ? null : a.email());
  }

  /** The local account whose address is {@code email}, as a user; null if none. */
  Future<User> userWithEmail(String email) {
    return accounts.byEmail(email).map(a -> a == null ? null : new User(a.username(), LocalAccounts.PROVIDER, a.username()));
  }

  /** Tells the inviter's sockets and the page admins' sockets, in every process, how the invitation stands now. */
  void publish(EmailInvite invite) {
    if (invite == null) {
      return;
    }
    vertx.eventBus().publish(EmailInvitations.STATUS_ADDRESS, EmailInviteReplies.event(invite, System.currentTimeMillis()),
        new DeliveryOptions().addHeader(EmailInvitations.INVITER_HEADER, invite.inviter().userId())
            .addHeader(EmailInvitations.DOC_HEADER, invite.docId()));
    tellRecipient(invite);
  }

  /**
   * Tells the account whose address the invitation is to that its invitations changed, if that address
   * is proven (as the list it will ask for needs): an unproven one may be anyone's claim to it.
   */
  private void tellRecipient(EmailInvite invite) {
    store.isVerified(invite.email())
        .compose(verified -> verified ? userWithEmail(invite.email()) : Future.<User>succeededFuture(null))
        .onSuccess(user -> {
          if (user != null) {
            vertx.eventBus().publish(EmailInvitations.RECIPIENT_ADDRESS, EmailInviteReplies.RECIPIENT_EVENT,
                new DeliveryOptions().addHeader(EmailInvitations.RECIPIENT_HEADER, user.userId()));
          }
        })
        .onFailure(e -> LOG.warn("telling the recipient of email invitation {} failed", invite.id(), e));
  }

  static Future<User> loggedIn(Caller caller, String doing) {
    return caller.isLoggedIn() ? Future.succeededFuture(caller.user())
        : Future.failedFuture(new ProtocolException(ErrorCode.ERR_LOGIN_REQUIRED,
            "Must be logged in to " + doing));
  }

  static ProtocolException notFound() {
    return new ProtocolException(ErrorCode.ERR_NOT_FOUND, "No email invitation with that id");
  }
}

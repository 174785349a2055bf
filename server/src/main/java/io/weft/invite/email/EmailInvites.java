package io.weft.invite.email;

import io.vertx.core.Vertx;
import io.weft.config.WeftConfig;
import io.weft.doc.DocumentRegistry;
import io.weft.invite.InviteDesk;
import io.weft.mail.Mailer;
import io.weft.mail.Outbox;
import io.weft.store.AccountStore;
import io.weft.store.EmailInviteStore;
import io.weft.store.OutboxStore;

/**
 * Email invitations, started together: the inviting side, the invited side, and the outbox that
 * carries their mail.
 *
 * @param sending send, list, resend, cancel
 * @param answers view, accept, decline, and a person's own invitations
 * @param verification proving an address by mail, without an invitation
 */
public record EmailInvites(EmailInvitations sending, InvitationAnswers answers, AddressVerification verification) {

  /**
   * @param publicUrl this server's origin, as mailed links name it
   */
  public static EmailInvites start(Vertx vertx, DocumentRegistry registry, InviteDesk keys, EmailInviteStore store,
      AccountStore accounts, OutboxStore outboxStore, Mailer mailer, WeftConfig config, String publicUrl) {
    Parts parts = new Parts(vertx, registry, keys, store, accounts, config.emailInvites());
    EmailInvitations[] sending = new EmailInvitations[1];
    Outbox outbox = new Outbox(vertx, outboxStore, mailer, config.mail().retrySeconds() * 1000L,
        delivery -> sending[0].delivered(delivery));
    sending[0] = new EmailInvitations(parts, outbox, config.invites(), publicUrl);
    outbox.start();
    sending[0].startSweeps();
    return new EmailInvites(sending[0], new InvitationAnswers(parts), new AddressVerification(parts, outbox, publicUrl));
  }

  /** Stops the sweeps (expiry, outbox), before the store closes. */
  public void close() {
    sending.close();
  }
}

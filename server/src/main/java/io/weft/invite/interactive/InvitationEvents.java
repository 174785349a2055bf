package io.weft.invite.interactive;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.weft.store.InteractiveInviteStore.StoredInvitation;
import io.weft.user.User;

/**
 * Tells both sides of an interactive invitation of each transition, on the event bus (as
 * {@code inviteAccepted} goes), so every open socket of the inviter and of the guest hears it in
 * whichever process holds it. The inviter's copy may carry the PIN; the guest's never does.
 */
public final class InvitationEvents {
  /** Event-bus address of invitation transitions; each message is one frame for one user's sockets. */
  public static final String ADDRESS = "weft.invites.interactive";
  /** The header naming the user ({@link User#userId}) whose sockets get the frame. */
  public static final String TO_HEADER = "to";
  /**
   * On the inviter's copy, the invitation's page: only the inviter's sockets acting on that page hear it
   * (the copy may carry the PIN, which no other page's scripts may see). The guest's copy has none.
   */
  public static final String PAGE_HEADER = "page";

  private final Vertx vertx;
  private final int pinAttempts;

  InvitationEvents(Vertx vertx, int pinAttempts) {
    this.vertx = vertx;
    this.pinAttempts = pinAttempts;
  }

  /**
   * {@code transition} of {@code now}, about {@code guest} (null: nobody bound): to the inviter with
   * {@code pinForInviter} if not null, and to the guest without it.
   */
  void tell(String transition, StoredInvitation now, User guest, String pinForInviter) {
    DeliveryOptions toInviter = new DeliveryOptions().addHeader(TO_HEADER, now.inviter().userId())
        .addHeader(PAGE_HEADER, now.docId());
    vertx.eventBus().publish(ADDRESS, InvitationReplies.event(transition, now, guest, pinAttempts, pinForInviter), toInviter);
    if (guest != null && !guest.userId().equals(now.inviter().userId())) {
      vertx.eventBus().publish(ADDRESS, InvitationReplies.event(transition, now, guest, pinAttempts, null),
          new DeliveryOptions().addHeader(TO_HEADER, guest.userId()));
    }
  }
}

package io.weft.invite.interactive;

import io.weft.protocol.ErrorCode;
import io.weft.protocol.ProtocolException;

/** Why an interactive invitation refuses a request: its code in the one table and a message for people. */
enum InvitationProblem {
  BUSY(ErrorCode.INVITATION_BUSY, "Someone else is being let in with this invitation right now; try again in a few minutes"),
  OWN(ErrorCode.INVITATION_OWN, "This is your own invitation; share its code with the person you invite"),
  NOT_NEEDED(ErrorCode.INVITATION_NOT_NEEDED, "You hold every permission this invitation grants already"),
  FAILED(ErrorCode.INVITATION_FAILED, "Too many wrong PINs: this invitation is locked; ask for a new one"),
  NOT_BOUND(ErrorCode.INVITATION_NOT_BOUND,
      "You are not this invitation's guest now (the PIN timed out, or the inviter turned you away); redeem the code again"),
  UNKNOWN(ErrorCode.INVITE_UNKNOWN, "Invalid invitation code"),
  EXPIRED(ErrorCode.INVITE_EXPIRED, "This invitation has expired"),
  CANCELLED(ErrorCode.INVITE_REMOVED, "This invitation was cancelled"),
  USED(ErrorCode.INVITE_USED_UP, "This invitation has been used"),
  RATE_LIMITED(ErrorCode.INVITE_RATE_LIMITED, "Too many invalid invitation codes; try again later");

  private final ErrorCode code;
  private final String message;

  InvitationProblem(ErrorCode code, String message) {
    this.code = code;
    this.message = message;
  }

  ProtocolException refusal() {
    return new ProtocolException(code, message);
  }

  /** The refusal a closed invitation gives to anything but listing. */
  static InvitationProblem closed(InvitationState state) {
    return switch (state) {
      case FAILED -> FAILED;
      case EXPIRED -> EXPIRED;
      case CANCELLED -> CANCELLED;
      default -> USED;
    };
  }
}

package io.weft.invite;

import io.weft.protocol.ErrorCode;
import io.weft.protocol.ProtocolException;

/**
 * Why an invite key cannot be used: its code in the one table ({@link ErrorCode}) and a message for
 * people. The first two messages are Webstrates' own.
 */
public enum InviteProblem {
  UNKNOWN(ErrorCode.INVITE_UNKNOWN, "Invalid invitation key"),
  INVITER_NOT_ADMIN(ErrorCode.INVITER_NOT_ADMIN, "Inviter is no longer admin on the webstrate, invitation invalid"),
  EXPIRED(ErrorCode.INVITE_EXPIRED, "This invitation has expired"),
  REMOVED(ErrorCode.INVITE_REMOVED, "This invitation was cancelled"),
  USED_UP(ErrorCode.INVITE_USED_UP, "This invitation has been used as many times as it allows"),
  INVITER_LACKS_RIGHTS(ErrorCode.INVITER_LACKS_RIGHTS,
      "The inviter no longer holds every permission this invitation grants, invitation invalid"),
  RATE_LIMITED(ErrorCode.INVITE_RATE_LIMITED, "Too many invalid invitation keys; try again later"),
  IN_PROGRESS(ErrorCode.INVITE_IN_PROGRESS, "This invitation is being accepted for you already; try again in a moment"),
  ALREADY_ACCEPTED(ErrorCode.INVITE_ALREADY_ACCEPTED,
      "You accepted this invitation before and no longer hold what it grants; ask for a new one");

  private final ErrorCode code;
  private final String message;

  InviteProblem(ErrorCode code, String message) {
    this.code = code;
    this.message = message;
  }

  public ErrorCode code() {
    return code;
  }

  public String message() {
    return message;
  }

  /** The refusal that says so. */
  public ProtocolException refusal() {
    return new ProtocolException(code, message);
  }
}

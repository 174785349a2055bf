package io.weft.invite.email;

import io.weft.protocol.ErrorCode;
import io.weft.protocol.ProtocolException;

/** Why an email invitation can no longer be answered, as a refusal with its code. */
public final class EmailInviteProblems {
  private EmailInviteProblems() {
  }

  /** The refusal for an invitation in {@code status}; null if it can be answered (pending). */
  public static ProtocolException of(Status status) {
    return switch (status) {
      case PENDING, ACCEPTING -> null;
      case ACCEPTED -> new ProtocolException(ErrorCode.INVITATION_ACCEPTED, "This invitation was accepted already");
      case DECLINED -> new ProtocolException(ErrorCode.INVITATION_DECLINED, "This invitation was declined");
      case CANCELED -> new ProtocolException(ErrorCode.INVITE_REMOVED, "This invitation was canceled");
      case EXPIRED -> new ProtocolException(ErrorCode.INVITE_EXPIRED, "This invitation has expired");
    };
  }
}

package io.weft.invite;

import io.weft.protocol.ErrorCode;
import io.weft.protocol.ProtocolException;

/** An invite key that cannot be checked or accepted, and why. */
public final class InviteRefusedException extends ProtocolException {
  private final InviteProblem problem;

  public InviteRefusedException(InviteProblem problem) {
    super(ErrorCode.ERR_FORBIDDEN, problem.message());
    this.problem = problem;
  }

  public InviteProblem problem() {
    return problem;
  }
}

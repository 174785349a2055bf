package io.weft.invite;

/**
 * Why an invite key cannot be used, each with a code scripts can test, the HTTP status its link
 * answers with, and a message for people. The first two messages are Webstrates' own.
 */
public enum InviteProblem {
  UNKNOWN("INVITE_UNKNOWN", 404, "Invalid invitation key"),
  INVITER_NOT_ADMIN("INVITER_NOT_ADMIN", 410, "Inviter is no longer admin on the webstrate, invitation invalid"),
  EXPIRED("INVITE_EXPIRED", 410, "This invitation has expired"),
  REMOVED("INVITE_REMOVED", 410, "This invitation was cancelled"),
  USED_UP("INVITE_USED_UP", 410, "This invitation has been used as many times as it allows"),
  INVITER_LACKS_RIGHTS("INVITER_LACKS_RIGHTS", 410,
      "The inviter no longer holds every permission this invitation grants, invitation invalid"),
  RATE_LIMITED("INVITE_RATE_LIMITED", 429, "Too many invalid invitation keys; try again later"),
  IN_PROGRESS("INVITE_IN_PROGRESS", 409, "This invitation is being accepted for you already; try again in a moment");

  private final String code;
  private final int httpStatus;
  private final String message;

  InviteProblem(String code, int httpStatus, String message) {
    this.code = code;
    this.httpStatus = httpStatus;
    this.message = message;
  }

  public String code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public String message() {
    return message;
  }
}

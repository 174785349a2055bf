package io.weft.protocol;

/**
 * A request that is refused with a code and a message; the socket carries on. Subclasses say more
 * precisely why (an invite's problem), for callers that answer in their own terms.
 */
public class ProtocolException extends RuntimeException {
  private final ErrorCode code;

  public ProtocolException(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}

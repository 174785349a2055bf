package io.weft.protocol;

/**
 * The one way Weft refuses a request, on either wire: a code from {@link ErrorCode} for programs and a
 * message for people; the socket carries on. Checks report it as a failed {@code Future}; only the
 * decoders throw it, before any work has started.
 */
public final class ProtocolException extends RuntimeException {
  private final ErrorCode code;

  public ProtocolException(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  /** Input that is malformed: missing, of the wrong type or out of range. */
  public static ProtocolException malformed(String message) {
    return new ProtocolException(ErrorCode.ERR_MESSAGE_BADLY_FORMED, message);
  }

  /** The caller lacks a right the request needs. */
  public static ProtocolException forbidden(String message) {
    return new ProtocolException(ErrorCode.ERR_FORBIDDEN, message);
  }

  public ErrorCode code() {
    return code;
  }
}

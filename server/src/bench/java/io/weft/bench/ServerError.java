package io.weft.bench;

/** The server answered a request with an error; {@code code} is its ERR_... code. */
final class ServerError extends RuntimeException {
  final String code;

  ServerError(String request, String code) {
    super(request + ": " + code);
    this.code = code;
  }

  /** ERR_UNKNOWN_ERROR: storage failed and nothing was done; the protocol says to resend. */
  boolean isTransient() {
    return "ERR_UNKNOWN_ERROR".equals(code);
  }
}

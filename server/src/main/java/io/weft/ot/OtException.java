package io.weft.ot;

/**
 * An operation that cannot be parsed, applied, transformed or composed. The message is meant to be
 * shown to the client that sent the op, so it names the component and the path involved.
 */
public final class OtException extends Exception {
  private static final long serialVersionUID = 1L;

  public OtException(String message) {
    super(message);
  }

  static OtException at(int componentIndex, String detail) {
    return new OtException("component " + componentIndex + ": " + detail);
  }
}

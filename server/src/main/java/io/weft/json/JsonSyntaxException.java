package io.weft.json;

/** Text that is not one well-formed JSON value. */
public final class JsonSyntaxException extends RuntimeException {
  public JsonSyntaxException(String reason) {
    super(reason, null, false, false);
  }
}

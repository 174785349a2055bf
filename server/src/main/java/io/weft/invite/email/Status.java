package io.weft.invite.email;

import java.util.Locale;

/**
 * Where an email invitation stands. {@code ACCEPTING} is an acceptance under way (the rights are being
 * merged); it shows as pending, and an acceptance left there by a crash is finished by the next try.
 */
public enum Status {
  PENDING, ACCEPTING, ACCEPTED, DECLINED, CANCELED, EXPIRED;

  /** The name stored and put on the wire. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Status of(String wire) {
    return valueOf(wire.toUpperCase(Locale.ROOT));
  }

  /** Parses a status filter from a client; null if it names none of the statuses a client sees. */
  static Status filter(String wire) {
    for (Status s : values()) {
      if (s != ACCEPTING && s.wire().equals(wire)) {
        return s;
      }
    }
    return null;
  }
}

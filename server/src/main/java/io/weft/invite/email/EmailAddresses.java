package io.weft.invite.email;

import io.weft.auth.LocalAccounts;

/**
 * Invited addresses: checked strictly (they become a mail header) and normalised as local accounts
 * normalise theirs, so an invitation to {@code Bob@Example.org} matches the account of
 * {@code bob@example.org}.
 */
final class EmailAddresses {
  private static final int MAX_LENGTH = 254;

  private EmailAddresses() {
  }

  /** The normalised address, or null if {@code raw} is not one plain address. */
  static String normalised(Object raw) {
    if (!(raw instanceof String text) || text.chars().anyMatch(c -> c < ' ' || c == 0x7f)) {
      return null;
    }
    String address = LocalAccounts.key(text);
    int at = address.indexOf('@');
    if (address.isEmpty() || address.length() > MAX_LENGTH || at <= 0 || at != address.lastIndexOf('@')
        || at == address.length() - 1 || at > 64) {
      return null;
    }
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      // No CR/LF or other controls (header injection), no spaces, none of the characters that make an
      // address list or a display name.
      if (c <= ' ' || c == 0x7f || "<>()[]\\,;:\"".indexOf(c) >= 0) {
        return null;
      }
    }
    String domain = address.substring(at + 1);
    if (!domain.matches("[\\p{L}\\p{N}-]+(\\.[\\p{L}\\p{N}-]+)+") ) {
      return null;
    }
    return address;
  }
}

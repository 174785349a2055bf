package io.weft.store;

/**
 * One mail to one address, as the outbox keeps it until it is sent: plain text and HTML of the same
 * words. Every field is checked by whoever builds it; the mailers ({@code io.weft.mail.Mailers}) refuse a header with CR or LF.
 *
 * @param to one address, already checked ({@code EmailAddresses})
 * @param html the same content as {@code text}, every user-supplied value escaped
 */
public record Letter(String to, String subject, String text, String html) {
  public Letter {
    if (hasLineBreak(to) || hasLineBreak(subject)) {
      throw new IllegalArgumentException("a mail header holds a line break");
    }
  }

  private static boolean hasLineBreak(String header) {
    return header.indexOf('\r') >= 0 || header.indexOf('\n') >= 0;
  }
}

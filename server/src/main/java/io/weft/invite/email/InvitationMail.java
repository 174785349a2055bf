package io.weft.invite.email;

import io.weft.access.Rights;
import io.weft.store.Letter;
import io.weft.text.HtmlText;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The invitation mail: the same words as plain text and as HTML. Every value a person chose (their
 * name, the page title, the message) is escaped in the HTML, and stripped of line breaks in the subject.
 */
final class InvitationMail {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
      .withZone(ZoneOffset.UTC);
  private static final int MAX_SUBJECT_PART = 80;

  private InvitationMail() {
  }

  /** The link a mail carries: {@code <publicUrl>/<id>/?invitation=<token>}. */
  static String link(String publicUrl, String docId, String token) {
    return publicUrl + "/" + docId + "/?invitation=" + token;
  }

  static Letter compose(EmailInvite invite, String token, String pageTitle, String publicUrl) {
    String inviter = invite.inviter().displayName();
    String link = link(publicUrl, invite.docId(), token);
    String rights = inWords(invite.rights());
    String expires = DATE.format(Instant.ofEpochMilli(invite.expiresAtMillis()));
    String subject = oneLine(inviter) + " invites you to \u201c" + oneLine(pageTitle) + "\u201d";
    String why = "You got this mail because " + inviter + " entered " + invite.email() + " to invite its owner to a page on "
        + publicUrl + ". If you do not want it, ignore it or decline.";
    StringBuilder text = new StringBuilder()
        .append(inviter).append(" invites you to the page \"").append(pageTitle).append("\" (").append(invite.docId())
        .append(") with the permissions ").append(rights).append(".\n\n");
    StringBuilder html = new StringBuilder()
        .append("<p>").append(HtmlText.escape(inviter)).append(" invites you to the page <strong>")
        .append(HtmlText.escape(pageTitle)).append("</strong> (").append(HtmlText.escape(invite.docId()))
        .append(") with the permissions ").append(HtmlText.escape(rights)).append(".</p>\n");
    if (invite.message() != null && !invite.message().isBlank()) {
      text.append("Their message:\n").append(invite.message()).append("\n\n");
      html.append("<p>Their message:</p>\n<blockquote style=\"white-space:pre-wrap\">")
          .append(HtmlText.escape(invite.message())).append("</blockquote>\n");
    }
    text.append("Accept or decline: ").append(link).append("\n\nThe invitation expires on ").append(expires)
        .append(".\n\n").append(why).append('\n');
    html.append("<p><a href=\"").append(HtmlText.escape(link)).append("\">Accept or decline the invitation</a></p>\n")
        .append("<p>The invitation expires on ").append(HtmlText.escape(expires)).append(".</p>\n")
        .append("<p style=\"color:#666\">").append(HtmlText.escape(why)).append("</p>\n");
    return new Letter(invite.email(), subject, text.toString(), html.toString());
  }

  /** "read, write" for {@code rw}. */
  static String inWords(Rights rights) {
    StringBuilder out = new StringBuilder();
    for (char c : rights.toString().toCharArray()) {
      out.append(out.length() == 0 ? "" : ", ").append(Rights.nameOf(c));
    }
    return out.toString();
  }

  private static String oneLine(String value) {
    String flat = value.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
    return flat.length() > MAX_SUBJECT_PART ? flat.substring(0, MAX_SUBJECT_PART) + "\u2026" : flat;
  }
}

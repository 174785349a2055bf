package io.weft.invite.email;

import io.vertx.core.Future;
import io.weft.auth.Caller;
import io.weft.auth.Secrets;
import io.weft.store.Letter;
import io.weft.mail.Outbox;
import io.weft.protocol.ErrorCode;
import io.weft.protocol.ProtocolException;
import io.weft.text.HtmlText;
import java.util.Map;

/**
 * Proving an address without an invitation: a logged-in person asks, a mail with a link goes to their
 * account's address, and confirming from that link marks the address verified. The token is 256 bits,
 * stored as a hash, good for a day and once; each mail counts against the address's daily limit.
 */
public final class AddressVerification {
  static final String TOKEN_PARAM = "verifyEmail";
  private static final long LIFETIME_MILLIS = 24 * 3600_000L;
  private static final int MAX_TOKEN_LENGTH = 128;

  private final Parts parts;
  private final Outbox outbox;
  private final String publicUrl;

  AddressVerification(Parts parts, Outbox outbox, String publicUrl) {
    this.parts = parts;
    this.outbox = outbox;
    this.publicUrl = publicUrl;
  }

  /** Mails a link proving the caller's address (the link opens on {@code docId}): {@code {"email","verified","sent"}}. */
  public Future<Map<String, Object>> request(Caller caller, String docId) {
    return Parts.loggedIn(caller, "verify your address").compose(user -> parts.emailOf(user).compose(email -> {
      if (email == null) {
        throw new ProtocolException(ErrorCode.ERR_NOT_FOUND, "Your account keeps no email address here");
      }
      return parts.store.isVerified(email).compose(verified -> {
        if (verified) {
          return Future.succeededFuture(Map.<String, Object>of("email", email, "verified", true, "sent", false));
        }
        long now = System.currentTimeMillis();
        return parts.store.mailsTo(email, now - 24 * 3600_000L).compose(count -> {
          if (count >= parts.config.emailsPerAddressPerDay()) {
            throw new ProtocolException(ErrorCode.EMAIL_RATE_LIMITED, "Your address got "
                + parts.config.emailsPerAddressPerDay() + " mails from this server today; try tomorrow");
          }
          String token = Secrets.random(256);
          String hash = Secrets.hash(token);
          return parts.store.insertVerification(hash, email, now + LIFETIME_MILLIS)
              .compose(v -> outbox.enqueue("verify-" + hash.substring(0, 16), Secrets.random(96), letter(email, docId, token)))
              .compose(v -> parts.store.logMail(user.userId(), email, now))
              .map(v -> Map.<String, Object>of("email", email, "verified", false, "sent", true));
        });
      });
    }));
  }

  /** Confirms the address {@code token} was mailed to; completes with that address, or null if the token does not work. */
  public Future<String> confirm(String token) {
    String hash = Secrets.hash(token == null || token.length() > MAX_TOKEN_LENGTH ? "" : token);
    long now = System.currentTimeMillis();
    return parts.store.takeVerification(hash, now).compose(email -> email == null ? Future.succeededFuture(null)
        : parts.store.markVerified(email, now).map(email));
  }

  private Letter letter(String email, String docId, String token) {
    String link = publicUrl + "/" + docId + "/?" + TOKEN_PARAM + "=" + token;
    String why = "You got this mail because someone logged in to " + publicUrl + " with an account that has this "
        + "address asked to verify it. If it was not you, ignore it.";
    return new Letter(email, "Verify your address", "Open this link within a day to verify " + email + ":\n" + link
        + "\n\n" + why + "\n", "<p><a href=\"" + HtmlText.escape(link) + "\">Verify " + HtmlText.escape(email)
        + "</a> (within a day).</p>\n<p style=\"color:#666\">" + HtmlText.escape(why) + "</p>\n");
  }
}

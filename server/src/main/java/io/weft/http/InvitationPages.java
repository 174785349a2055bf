package io.weft.http;

import io.vertx.ext.web.RoutingContext;
import io.weft.auth.Caller;
import io.weft.invite.email.EmailInvite;
import io.weft.invite.email.EmailInviteProblems;
import io.weft.invite.email.InvitationAnswers;
import io.weft.invite.email.Status;
import io.weft.protocol.ProtocolException;
import io.weft.text.HtmlText;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** The pages of a mailed invitation link: the invitation with its buttons, declined, and why a link is dead. */
final class InvitationPages {
  private InvitationPages() {
  }

  static void invitation(RoutingContext ctx, InvitationAnswers.Shown shown, Caller caller, String back,
      boolean requireMatchingAddress, AuthRoutes auth) {
    if (shown.status() != Status.PENDING) {
      dead(ctx, shown.invite().docId(), EmailInviteProblems.of(shown.status()));
      return;
    }
    var invite = shown.invite();
    StringBuilder body = new StringBuilder("<p>").append(HtmlText.escape(shown.inviterName()))
        .append(" invites <strong>").append(HtmlText.escape(invite.email())).append("</strong> to the page <strong>")
        .append(HtmlText.escape(shown.pageTitle())).append("</strong> (").append(HtmlText.escape(invite.docId()))
        .append(") with the permissions <strong>").append(HtmlText.escape(rightsInWords(invite.rights().toString())))
        .append("</strong>.</p>");
    if (invite.message() != null) {
      body.append("<blockquote class=\"message\">").append(HtmlText.escape(invite.message())).append("</blockquote>");
    }
    body.append("<p>The invitation expires at ").append(HtmlText.escape(Instant.ofEpochMilli(invite.expiresAtMillis()).toString()))
        .append(".</p>");
    String accept = "<form action=\"" + HtmlText.escape(back) + "=accept\" method=\"post\"><button type=\"submit\" id=\"accept\">";
    if (!caller.isLoggedIn()) {
      String signup = auth.signupPath(back);
      body.append("<p>To accept, <a id=\"login\" href=\"").append(HtmlText.escape(auth.loginPath(back))).append("\">log in</a>");
      if (signup != null) {
        body.append(" or <a id=\"signup\" href=\"").append(HtmlText.escape(signup + "&email="
            + URLEncoder.encode(invite.email(), StandardCharsets.UTF_8))).append("\">sign up with ")
            .append(HtmlText.escape(invite.email())).append("</a>");
      }
      body.append(", then come back here.</p>");
    } else if (shown.addressMatches()) {
      body.append("<p>You are logged in as ").append(HtmlText.escape(caller.user().username())).append(".</p>")
          .append(accept).append("Accept</button></form>");
    } else if (requireMatchingAddress) {
      body.append("<p>You are logged in as ").append(HtmlText.escape(caller.user().username()))
          .append(", whose address is not ").append(HtmlText.escape(invite.email()))
          .append(". Only the account with that address may accept.</p>");
    } else {
      body.append("<p>You are logged in as ").append(HtmlText.escape(caller.user().username()))
          .append(", whose address is not ").append(HtmlText.escape(invite.email())).append(".</p>")
          .append(accept).append("Accept as ").append(HtmlText.escape(caller.user().username())).append("</button></form>");
    }
    body.append("<form action=\"").append(HtmlText.escape(back)).append("=decline\" method=\"post\">")
        .append("<button type=\"submit\" id=\"decline\">Decline</button></form>");
    Html.send(ctx.response(), 200, "Invitation", body.toString());
  }

  static void declined(RoutingContext ctx, EmailInvite invite) {
    Html.send(ctx.response(), 200, "Invitation declined", "<p>You declined the invitation to "
        + HtmlText.escape(invite.docId()) + ". " + HtmlText.escape(invite.inviter().displayName()) + " will see that.</p>");
  }

  static void noneWaiting(RoutingContext ctx) {
    Html.send(ctx.response(), 404, "No invitation here", "<p>No invitation to this page is waiting for an answer. "
        + "Open the link in the mail again.</p>");
  }

  /** A link that does not work (any more): why, with 404 (unknown) or 410 (ended), 403 or 409. */
  static void dead(RoutingContext ctx, String docId, ProtocolException why) {
    int status = switch (why.code()) {
      case INVITE_UNKNOWN, ERR_NOT_FOUND -> 404;
      case INVITE_EXPIRED, INVITE_REMOVED, INVITATION_ACCEPTED, INVITATION_DECLINED, INVITER_NOT_ADMIN,
          INVITER_LACKS_RIGHTS -> 410;
      case INVITE_IN_PROGRESS -> 409;
      default -> 403;
    };
    Html.send(ctx.response(), status, "Invitation", "<p id=\"why\">" + HtmlText.escape(why.getMessage()) + ".</p><p><a href=\"/"
        + HtmlText.escape(docId) + "/\">Open " + HtmlText.escape(docId) + "</a></p>");
  }

  private static String rightsInWords(String letters) {
    StringBuilder out = new StringBuilder();
    for (char c : letters.toCharArray()) {
      out.append(out.length() == 0 ? "" : ", ").append(io.weft.access.Rights.nameOf(c));
    }
    return out.toString();
  }
}

package io.weft.protocol;

import java.util.List;

/**
 * Every Webstrates ({@code wa}) request a client may send, decoded once by {@link WebstratesDecoder}.
 * Each names its document in {@code d} and may carry a {@code token}, any JSON value, echoed in the
 * reply so the client can match it to the request.
 */
public sealed interface WebstratesRequest {

  /** The client's reply token; null when it sent none. */
  Object token();

  /** The document the request is about (for tokens and invites: any document, not only the socket's). */
  String docId();

  /** The action's name on the wire, for messages and logs: the record's name in lower camel case. */
  default String action() {
    String name = getClass().getSimpleName();
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  /** The access-token requests: createToken, getTokens, removeToken. */
  sealed interface TokenRequest extends WebstratesRequest {
  }

  /** The invite requests: createInvite, getInvites, removeInvite, checkInvite, acceptInvite. */
  sealed interface InviteRequest extends WebstratesRequest {
  }

  /** The email invitation requests: emailInvite, getEmailInvites, resendEmailInvite, and the invited's (cancelInvitation is one for every kind: {@link InteractiveInviteRequests.CancelInvitation}). */
  sealed interface EmailInviteRequest extends WebstratesRequest {
  }

  /** The interactive invitation requests (a code and a PIN); the records are {@link InteractiveInviteRequests}'. */
  sealed interface InteractiveRequest extends WebstratesRequest
      permits InteractiveInviteRequests.CreateInteractiveInvite, InteractiveInviteRequests.RedeemInviteCode,
      InteractiveInviteRequests.AuthenticateInvite, InteractiveInviteRequests.CancelInvitation,
      InteractiveInviteRequests.RejectInviteGuest, InteractiveInviteRequests.GetInteractiveInvites {
  }

  /** {@code {"wa":"ready","d"}}: the client has loaded; the page hears clientJoin. */
  record Ready(Object token, String docId) implements WebstratesRequest {
  }

  /** {@code {"wa":"subscribe"|"unsubscribe","d","id"}}: start ({@code on}) or stop receiving signals on a node. */
  record Listen(Object token, String docId, String nodeId, boolean on) implements WebstratesRequest {
    @Override
    public String action() {
      return on ? "subscribe" : "unsubscribe";
    }
  }

  /** {@code {"wa":"publish","d","id","m"[,"recipients":[ids]]}}; {@code recipients} null: every listener. */
  record Publish(Object token, String docId, String nodeId, Object message, List<String> recipients)
      implements WebstratesRequest {
  }

  /** {@code {"wa":"getOps","d","from","to"}}: committed ops, {@code from} inclusive, {@code to} exclusive. */
  record GetOps(Object token, String docId, long from, long to) implements WebstratesRequest {
  }

  /** {@code {"wa":"createToken","d","options":{"maxAge"}}}; maxAgeSeconds null: the configured default. */
  record CreateToken(Object token, String docId, Long maxAgeSeconds) implements TokenRequest {
  }

  /** {@code {"wa":"getTokens","d"}} */
  record GetTokens(Object token, String docId) implements TokenRequest {
  }

  /** {@code {"wa":"removeToken","d","options":{"id"}}} */
  record RemoveToken(Object token, String docId, String tokenId) implements TokenRequest {
  }

  /**
   * {@code {"wa":"createInvite","d","options":{"permissions","maxAge","maxUses"}}}; each null when absent.
   * Their ranges are the invite rules' to judge.
   */
  record CreateInvite(Object token, String docId, String permissions, Long maxAgeSeconds, Long maxUses)
      implements InviteRequest {
  }

  /** {@code {"wa":"getInvites","d"}} */
  record GetInvites(Object token, String docId) implements InviteRequest {
  }

  /** {@code {"wa":"removeInvite","d","options":{"key"|"id"}}} */
  record RemoveInvite(Object token, String docId, String keyOrId) implements InviteRequest {
  }

  /** {@code {"wa":"checkInvite","d","options":{"key"}}} */
  record CheckInvite(Object token, String docId, String key) implements InviteRequest {
  }

  /** {@code {"wa":"acceptInvite","d","options":{"key"}}} */
  record AcceptInvite(Object token, String docId, String key) implements InviteRequest {
  }

  /**
   * {@code {"wa":"emailInvite","d","options":{"emails":[..],"permissions","maxAge","message"}}}; each null
   * when absent. The addresses are judged one by one by the rules, so a bad one fails alone.
   */
  record EmailInvite(Object token, String docId, List<?> emails, String permissions, Long maxAgeSeconds,
      String message) implements EmailInviteRequest {
  }

  /** {@code {"wa":"getEmailInvites","d","options":{"status","email"}}}; each null: any. */
  record GetEmailInvites(Object token, String docId, String status, String email) implements EmailInviteRequest {
  }

  /** {@code {"wa":"resendEmailInvite","d","options":{"id"}}} */
  record ResendEmailInvite(Object token, String docId, String id) implements EmailInviteRequest {
  }

  /** {@code {"wa":"getMyEmailInvites","d"}}: pending invitations to the caller's verified address. */
  record GetMyEmailInvites(Object token, String docId) implements EmailInviteRequest {
  }

  /** {@code {"wa":"acceptEmailInvite","d","options":{"id"}}} */
  record AcceptEmailInvite(Object token, String docId, String id) implements EmailInviteRequest {
  }

  /** {@code {"wa":"declineEmailInvite","d","options":{"id"}}} */
  record DeclineEmailInvite(Object token, String docId, String id) implements EmailInviteRequest {
  }

  /** {@code {"wa":"verifyEmail","d"}}: mail a link proving the caller's address (it opens on {@code d}). */
  record VerifyEmail(Object token, String docId) implements EmailInviteRequest {
  }
}

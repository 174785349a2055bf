package io.weft.protocol;

/**
 * Every error code Weft sends, on both wires: ShareDB errors ({@code "error":{"code","message"}}) and
 * Webstrates replies ({@code {"wa":"reply","token","error":"<message>","code"}}). Codes are the contract
 * (ShareDB's names where ShareDB has one, so its clients react the same way; the invite codes as the
 * browser client and scripts test them); the accompanying message is for people.
 */
public enum ErrorCode {
  /** Not JSON, not an object, a missing or ill-typed field, a value out of range: never "forbidden". */
  ERR_MESSAGE_BADLY_FORMED,
  /** An action this server does not know. */
  ERR_UNKNOWN_ACTION,
  /** A document id outside [A-Za-z0-9_-]{1,64}. */
  ERR_INVALID_DOC_ID,
  /** A collection other than the ones this server hosts. */
  ERR_UNKNOWN_COLLECTION,
  /** An op, or Webstrates presence or a signal, for a document the socket has not subscribed to. */
  ERR_NOT_SUBSCRIBED,
  ERR_DOC_DOES_NOT_EXIST,
  ERR_DOC_ALREADY_CREATED,
  ERR_DOC_TYPE_NOT_RECOGNIZED,
  /** A version that is negative, or newer than the document. */
  ERR_OP_VERSION_NEWER_THAN_CURRENT_SNAPSHOT,
  /** A json0 op that is not well formed. */
  ERR_OT_OP_BADLY_FORMED,
  /** A well-formed op that does not fit the document (missing path, wrong node kind). */
  ERR_OT_OP_NOT_APPLIED,
  /** An op refused by the document's rules (e.g. the page would stop being valid JsonML). */
  ERR_OP_SUBMIT_REJECTED,
  /** The sender lacks the right (r, w or a) the request needs on the document; the message names it. */
  ERR_FORBIDDEN,
  /** A subscribe past ws.maxSubscriptions documents on one socket. */
  ERR_TOO_MANY_SUBSCRIPTIONS,
  /** A signal subscribe ({@code wa}) past ws.maxSignalListeners node ids on one socket. */
  ERR_TOO_MANY_SIGNAL_LISTENERS,
  /** A {@code getOps} while the same socket still waits for the reply to its previous one. */
  ERR_TOO_MANY_HISTORY_READS,
  /**
   * An op that found its document's queue full (documents.maxQueuedSubmissions): not applied; resend later.
   * Sockets submitting to a filling document are paused first, so well-behaved clients rarely see it.
   */
  ERR_DOCUMENT_BUSY,
  /**
   * An op whose {@code src} names a socket of someone else: another user's, another browser's, or (for
   * an anonymous socket without a visitor cookie) any socket but this one.
   */
  ERR_SRC_NOT_YOURS,
  /** Gave up after losing the race for a version to other writers too many times. */
  ERR_MAX_SUBMIT_RETRIES_EXCEEDED,
  /** Storage failed, or another fault on the server; nothing was acknowledged. */
  ERR_UNKNOWN_ERROR,
  /** A request only a logged-in user may make (access tokens, invites). */
  ERR_LOGIN_REQUIRED,
  /** Nothing to remove: no such access token or invite, or not the caller's. */
  ERR_NOT_FOUND,
  /** An invite key that opens no invite of the document. */
  INVITE_UNKNOWN,
  /** An invite past its expiry. */
  INVITE_EXPIRED,
  /** An invite an admin removed. */
  INVITE_REMOVED,
  /** An invite as many people have accepted as it allows. */
  INVITE_USED_UP,
  /** An invite whose creator is no longer an admin of the document. */
  INVITER_NOT_ADMIN,
  /** An invite whose creator no longer holds every right it grants. */
  INVITER_LACKS_RIGHTS,
  /** Too many wrong invite keys from the user or the address; wait. */
  INVITE_RATE_LIMITED,
  /** The same key is being accepted for the same user right now. */
  INVITE_IN_PROGRESS,
  /** An invite the user accepted before, whose rights they no longer hold: it does not give them back. */
  INVITE_ALREADY_ACCEPTED,
  /** Email invitations: an address that is not one plain address (or holds a line break). */
  EMAIL_INVALID,
  /** An address named twice in one call, or with a pending invitation to the page already (resend that). */
  EMAIL_DUPLICATE,
  /** The account with that address holds every right the invitation would grant already. */
  EMAIL_ALREADY_HOLDS,
  /** invites.emailsPerHour for the inviter, or invites.emailsPerAddressPerDay for the address, is reached. */
  EMAIL_RATE_LIMITED,
  /** Resend or cancel of an invitation in a status that does not allow it (the message names it). */
  INVITATION_NOT_PENDING,
  /** More than 3 resends of one invitation within an hour. */
  INVITATION_RESEND_LIMIT,
  /** An email invitation already accepted (its link is used). */
  INVITATION_ACCEPTED,
  /** An email invitation its recipient declined. */
  INVITATION_DECLINED,
  /** invites.email.requireMatchingAddress is on and the account's address is not the invited one. */
  INVITATION_WRONG_ADDRESS,
  /** An interactive invitation another guest is authenticating for right now; try again later. */
  INVITATION_BUSY,
  /** An interactive invitation redeemed by the user who created it. */
  INVITATION_OWN,
  /** An interactive invitation granting nothing the guest does not hold already; no PIN is issued. */
  INVITATION_NOT_NEEDED,
  /** A PIN that is not the one issued (in the authenticate reply, with attemptsLeft; it is not a refusal). */
  INVITATION_WRONG_PIN,
  /** An interactive invitation locked by too many wrong PINs. */
  INVITATION_FAILED,
  /** A PIN from a user who is not the invitation's guest now (the PIN timed out, or the guest was turned away). */
  INVITATION_NOT_BOUND
}

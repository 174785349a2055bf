package io.weft.protocol;

/**
 * The error codes Weft sends. Codes are the contract on the wire (ShareDB's names where ShareDB has
 * one, so its clients react the same way); the accompanying message is for people.
 */
public enum ErrorCode {
  /** Not JSON, not an object, a missing or ill-typed field. */
  ERR_MESSAGE_BADLY_FORMED,
  /** An action this server does not know. */
  ERR_UNKNOWN_ACTION,
  /** A document id outside [A-Za-z0-9_-]{1,64}. */
  ERR_INVALID_DOC_ID,
  /** A collection other than the ones this server hosts. */
  ERR_UNKNOWN_COLLECTION,
  /** An op for a document the socket has not subscribed to. */
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
  /** Gave up after losing the race for a version to other writers too many times. */
  ERR_MAX_SUBMIT_RETRIES_EXCEEDED,
  /** Storage failed; nothing was acknowledged. */
  ERR_UNKNOWN_ERROR
}

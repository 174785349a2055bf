package io.weft.ws;

/** WebSocket close codes Weft uses; 4xxx mirror the HTTP statuses they resemble. */
public final class CloseCodes {
  /** Binary frames: the protocol is JSON text. */
  public static final short UNSUPPORTED_DATA = 1003;
  /** A frame over ws.maxFrameBytes (sent by the WebSocket layer itself). */
  public static final short MESSAGE_TOO_BIG = 1009;
  /** The server dropped a document after a storage failure: reconnect and resubscribe. */
  public static final short DOCUMENT_RESET = 1011;
  /** The socket's user lost the right to read a document it was subscribed to. */
  public static final short FORBIDDEN = 4403;
  /** The login session the socket was opened with ended (logout). */
  public static final short SESSION_ENDED = 4401;
  /** The access token the socket was opened with was removed or expired: its credentials ended, as at logout. */
  public static final short TOKEN_ENDED = 4401;
  /** Nothing received for ws.idleTimeoutSeconds. */
  public static final short IDLE = 4408;
  /**
   * The socket read too slowly: its send queue passed ws.sendQueueBytes, or it held the most while all
   * queues together passed ws.totalSendQueueBytes.
   */
  public static final short SLOW_CONSUMER = 4429;

  private CloseCodes() {
  }
}

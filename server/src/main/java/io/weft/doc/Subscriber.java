package io.weft.doc;

import io.weft.store.DocKey;

/** A socket as documents see it: somewhere to send frames. Called from any thread. */
public interface Subscriber {
  /** The id the server gave this connection; ops it submits without a src carry it. */
  String connectionId();

  boolean isOpen();

  /** Queues one text frame; a subscriber that cannot keep up closes itself. */
  void send(String frame);

  /** The document failed and was dropped from memory; the subscriber must resynchronise. */
  void documentLost(DocKey key, String reason);
}

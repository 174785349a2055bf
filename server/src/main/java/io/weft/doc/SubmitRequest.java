package io.weft.doc;

import io.weft.protocol.ClientMessage;
import io.weft.protocol.ProtocolException;
import io.weft.store.StoredOp;
import java.util.ArrayList;
import java.util.List;

/**
 * One submitted op on its way through the {@link CommitPipeline}: prepare (transform, apply, check)
 * → commit → publish → reply. Exactly one outcome is set by prepare: {@code committed},
 * {@code duplicateOf} or {@code rejection}. A request that loses a storage race is reset and
 * prepared again from its original message.
 */
final class SubmitRequest {
  /** The same submission may lose the race for a version this often before giving up. */
  static final int MAX_ATTEMPTS = 1000;

  final Subscriber origin;
  final ClientMessage.Submit message;
  final String src;
  /** Size of the frame it came in, to keep commit records small. */
  final int frameBytes;
  int attempts;

  /** The op as committed (transformed, with its final version), once prepared. */
  StoredOp committed;
  /** When this submission was already committed earlier (a resend after reconnect): at that version. */
  long duplicateOf = -1;
  ProtocolException rejection;
  /** Undoes the in-memory application, newest last. */
  final List<Undo> undo = new ArrayList<>(2);

  /** Restores the document root (components may replace it) after running the component's revert. */
  record Undo(Runnable revert, Object rootBefore, String typeBefore) {
  }

  SubmitRequest(Subscriber origin, ClientMessage.Submit message, int frameBytes) {
    this.origin = origin;
    this.message = message;
    this.frameBytes = frameBytes;
    this.src = message.src() != null ? message.src() : origin.connectionId();
  }

  void reset() {
    committed = null;
    duplicateOf = -1;
    rejection = null;
    undo.clear();
  }
}

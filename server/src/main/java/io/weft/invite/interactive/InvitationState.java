package io.weft.invite.interactive;

/**
 * The stored states of an interactive invitation, by their wire names. {@code timeout} and
 * {@code rejected} are transitions, not states: the invitation is {@code waiting} again after them.
 */
enum InvitationState {
  /** Open: a redeemed code binds a guest. */
  WAITING("waiting"),
  /** A guest is bound and their PIN is live. */
  READY("ready_for_authentication"),
  /** The guest entered the right PIN; their rights are being merged (a crash here is finished later). */
  ACCEPTING("accepting"),
  /** A single-use invitation let its guest in. */
  SUCCESS("success"),
  /** Locked by too many wrong PINs. */
  FAILED("failed"),
  CANCELLED("cancelled"),
  EXPIRED("expired");

  final String wire;

  InvitationState(String wire) {
    this.wire = wire;
  }

  /** Whether the invitation may still change (be redeemed, authenticated, time out, expire). */
  boolean open() {
    return this == WAITING || this == READY || this == ACCEPTING;
  }

  static InvitationState of(String wire) {
    for (InvitationState s : values()) {
      if (s.wire.equals(wire)) {
        return s;
      }
    }
    throw new IllegalStateException("unknown stored invitation state " + wire);
  }
}

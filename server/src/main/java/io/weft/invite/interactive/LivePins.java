package io.weft.invite.interactive;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The PINs this process issued that may still be live, in memory only (never stored in plain text), so
 * a page's admins can read a live PIN again in a listing. One is shown only while the stored PIN hash
 * is still the one it was issued with; after a restart no PIN is shown (the inviter saw it in the
 * event, or turns the guest away and lets them redeem again).
 */
final class LivePins {
  private record Issued(String pinHash, String pin) {
  }

  private final Map<String, Issued> byInvitation = new ConcurrentHashMap<>();

  void issued(String invitationId, String pinHash, String pin) {
    byInvitation.put(invitationId, new Issued(pinHash, pin));
  }

  void ended(String invitationId) {
    byInvitation.remove(invitationId);
  }

  /** The PIN issued for {@code invitationId} if {@code storedPinHash} is still its hash; else null. */
  String live(String invitationId, String storedPinHash) {
    Issued issued = byInvitation.get(invitationId);
    return issued != null && issued.pinHash().equals(storedPinHash) ? issued.pin() : null;
  }
}

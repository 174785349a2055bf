package io.weft.invite.interactive;

import io.weft.invite.InviteDesk;
import io.weft.json.Json;
import io.weft.protocol.ErrorCode;
import io.weft.protocol.MessageDecoder;
import io.weft.store.InteractiveInviteStore.StoredInvitation;
import io.weft.user.User;
import java.time.Instant;
import java.util.Map;

/**
 * Every shape interactive invitations put on the wire: the replies to their requests and the
 * {@code invitationState} event. A PIN is only ever added by the caller that knows it may show it (to
 * the inviter, and to admins of the page who are not the guest).
 */
final class InvitationReplies {
  private InvitationReplies() {
  }

  /**
   * An invitation as an admin sees it: {@code {"id","kind":"interactive","webstrateId","permissions",
   * "state","multiUse","createdAt","expiresAt","inviter","guest","verification","attemptsLeft",
   * "pinExpiresAt","successes"}} ({@code guest}, {@code verification}, {@code pinExpiresAt} null when no one is bound).
   */
  static Map<String, Object> invitation(StoredInvitation i, int pinAttempts) {
    return Json.object(
        "id", i.id(),
        "kind", "interactive",
        "webstrateId", i.docId(),
        "permissions", i.rights().toString(),
        "state", i.state(),
        "multiUse", i.multiUse(),
        "createdAt", Instant.ofEpochMilli(i.createdAtMillis()).toString(),
        "expiresAt", Instant.ofEpochMilli(i.expiresAtMillis()).toString(),
        "inviter", person(i.inviter()),
        "guest", i.guest() == null ? null : person(i.guest()),
        "verification", i.guest() == null ? null : VerificationPhrase.of(i.id(), i.guest().userId()),
        "attemptsLeft", attemptsLeft(i, pinAttempts),
        "pinExpiresAt", i.pinExpiresAtMillis() == 0 ? null : Instant.ofEpochMilli(i.pinExpiresAtMillis()).toString(),
        "successes", i.successes());
  }

  /** createInteractiveInvite: the invitation with its {@code code}, shown this once. */
  static Map<String, Object> created(StoredInvitation i, String code, int pinAttempts) {
    Map<String, Object> m = invitation(i, pinAttempts);
    m.put("code", code);
    return m;
  }

  /**
   * redeemInviteCode, to the guest: {@code {"id","webstrateId","permissions","inviter","verification",
   * "attemptsLeft","state","pinExpiresAt"}}; never the PIN.
   */
  static Map<String, Object> redeemed(StoredInvitation i, int pinAttempts) {
    return Json.object(
        "id", i.id(),
        "webstrateId", i.docId(),
        "permissions", i.rights().toString(),
        "inviter", person(i.inviter()),
        "verification", VerificationPhrase.of(i.id(), i.guest().userId()),
        "attemptsLeft", attemptsLeft(i, pinAttempts),
        "state", i.state(),
        "pinExpiresAt", Instant.ofEpochMilli(i.pinExpiresAtMillis()).toString());
  }

  /** authenticateInvite, the right PIN: {@code {"id","webstrateId","state":"success","permissions","before","version"}}. */
  static Map<String, Object> succeeded(StoredInvitation i, InviteDesk.Accepted accepted) {
    return Json.object(
        "id", i.id(),
        "webstrateId", i.docId(),
        "state", "success",
        "permissions", accepted.after().toString(),
        "before", accepted.before().toString(),
        "version", accepted.version() < 0 ? null : accepted.version());
  }

  /**
   * authenticateInvite, a wrong PIN (judged, so a reply, not a refusal): {@code {"id","webstrateId",
   * "state","code","attemptsLeft"}}, state {@code ready_for_authentication} with attempts left, or
   * {@code failed} with code INVITATION_FAILED once none are.
   */
  static Map<String, Object> wrongPin(StoredInvitation i, int pinAttempts) {
    boolean failed = InvitationState.of(i.state()) == InvitationState.FAILED;
    return Json.object(
        "id", i.id(),
        "webstrateId", i.docId(),
        "state", i.state(),
        "code", (failed ? ErrorCode.INVITATION_FAILED : ErrorCode.INVITATION_WRONG_PIN).name(),
        "attemptsLeft", attemptsLeft(i, pinAttempts));
  }

  /** cancelInvitation and rejectInviteGuest: {@code {"id","state"}} as it is now. */
  static Map<String, Object> changed(StoredInvitation i) {
    return Json.object("id", i.id(), "state", i.state());
  }

  /** cancelInvitation of one that had ended: {@code {"id","state","removed":true}}, gone from the list. */
  static Map<String, Object> removed(StoredInvitation i) {
    return Json.object("id", i.id(), "state", i.state(), "removed", true);
  }

  /**
   * The event to both sides: {@code {"wa":"invitationState","d","id","webstrateId","state","guest",
   * "attemptsLeft","pinExpiresAt","verification"[,"pin"],"c":"webstrates"}}; {@code state} is the
   * transition ({@code timeout}, {@code rejected} leave the invitation waiting).
   */
  static String event(String transition, StoredInvitation i, User guest, int pinAttempts, String pin) {
    Map<String, Object> m = Json.object(
        "wa", "invitationState",
        "d", i.docId(),
        "id", i.id(),
        "webstrateId", i.docId(),
        "state", transition,
        "guest", guest == null ? null : person(guest),
        "attemptsLeft", attemptsLeft(i, pinAttempts),
        "pinExpiresAt", i.pinExpiresAtMillis() == 0 ? null : Instant.ofEpochMilli(i.pinExpiresAtMillis()).toString(),
        "verification", guest == null ? null : VerificationPhrase.of(i.id(), guest.userId()));
    if (pin != null) {
      m.put("pin", pin);
    }
    m.put("c", MessageDecoder.PAGES);
    return Json.encode(m);
  }

  static int attemptsLeft(StoredInvitation i, int pinAttempts) {
    return Math.max(0, pinAttempts - i.wrongPins());
  }

  private static Map<String, Object> person(User user) {
    return Json.object("userId", user.userId(), "username", user.username(), "provider", user.provider(),
        "displayName", user.displayName());
  }
}

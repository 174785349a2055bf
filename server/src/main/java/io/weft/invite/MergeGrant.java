package io.weft.invite;

import io.weft.access.PermissionList;
import io.weft.access.Rights;
import io.weft.user.User;
import io.weft.doc.ServerEdit;
import io.weft.json.Json;
import io.weft.ot.Component;
import io.weft.ot.Json0;
import io.weft.ot.OtException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The op an accepted invitation (a key, an email invitation, an interactive invitation's right PIN)
 * writes: the user's own entry in {@code data-auth} becomes the union of what
 * they had and what the invite grants. Worked out at its turn in the document's pipeline, against the
 * list in force then, so the inviter's rights are checked as of that moment. A document still on the
 * defaults gets them written out as its list first, so nobody's rights change but the user's.
 */
final class MergeGrant implements ServerEdit {
  private final User inviter;
  private final Rights granted;
  private final User user;
  /** The user's rights before and after, set when the edit's turn comes (read once it completed). */
  Rights before;
  Rights after;

  MergeGrant(User inviter, Rights granted, User user) {
    this.inviter = inviter;
    this.granted = granted;
    this.user = user;
  }

  @Override
  public List<Component> opAt(Turn turn) {
    PermissionList list = turn.inForce();
    InviteProblem problem = Invite.inviterProblem(list.rightsOf(inviter), granted);
    if (problem != null) {
      throw problem.refusal();
    }
    before = list.rightsOf(user);
    after = before.union(granted);
    if (after.equals(before)) {
      return List.of();
    }
    Map<String, Object> component = new LinkedHashMap<>();
    component.put("p", List.of(1, PermissionList.ATTRIBUTE));
    String old = PermissionList.sourceIn(turn.data());
    if (old != null) {
      component.put("od", old);
    }
    component.put("oi", list.with(user, after).toJson());
    try {
      return Json0.parse(List.of(component));
    } catch (OtException e) {
      throw new IllegalStateException("the permission op is not json0: " + Json.encode(component), e);
    }
  }
}

package io.weft.doc;

import io.weft.access.Rights;
import io.weft.user.User;

/** A document's committed content together with what one caller may do on it, and as whom. */
public record PageAccess(SnapshotView view, Rights rights, User user) {
}

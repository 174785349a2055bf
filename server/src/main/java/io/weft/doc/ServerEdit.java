package io.weft.doc;

import io.weft.access.PermissionList;
import io.weft.ot.Component;
import java.util.List;

/**
 * An edit the server makes itself (an accepted invite writing the new permission list). It is worked
 * out at its turn in the document's pipeline, from the content and list as they are then, so it is
 * judged like any op: after everything committed before it, before anything after. It is committed,
 * broadcast and kept in the history like a client's op, with src {@link #SRC} and no seq.
 */
@FunctionalInterface
public interface ServerEdit {
  /** The src of ops the server made; no client can claim it, since client srcs carry their user's MAC. */
  String SRC = "server";

  /**
   * The op to apply now, or an empty list if there is nothing to change. Throws a
   * {@link io.weft.protocol.ProtocolException} to refuse; nothing is written then.
   */
  List<Component> opAt(Turn turn);

  /**
   * The document as the edit's turn finds it: its content, the permission list in force (its own, or
   * the defaults while it has none) and whether that list is its own.
   */
  record Turn(Object data, PermissionList inForce, boolean ownList) {
  }
}

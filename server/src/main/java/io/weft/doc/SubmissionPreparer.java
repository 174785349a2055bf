package io.weft.doc;

import io.weft.access.PermissionList;
import io.weft.access.Rights;
import io.weft.json.Json;
import io.weft.ot.Applied;
import io.weft.ot.Component;
import io.weft.ot.Json0;
import io.weft.ot.OtException;
import io.weft.ot.Side;
import io.weft.protocol.ErrorCode;
import io.weft.protocol.ProtocolException;
import io.weft.store.StoredOp;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-memory half of a commit, on the document's context: transforms a submission against the ops
 * committed since its version (and those taken earlier in its batch), applies it, checks the page rules
 * and the submitter's rights, and gives it its version; or undoes all that when the batch is not written.
 */
final class SubmissionPreparer {
  private final LiveDocument doc;

  SubmissionPreparer(LiveDocument doc) {
    this.doc = doc;
  }

  /**
   * Readies {@code r} to be written, setting its committed op, or marks it a resend of one already
   * committed; throws {@link ProtocolException} to refuse it. {@code older} holds the committed ops
   * before the window that this batch needs; {@code assigned} those given versions earlier in it.
   */
  void prepare(SubmitRequest r, List<StoredOp> older, List<StoredOp> assigned) {
    if (r.isServerEdit()) {
      prepareServerEdit(r);
      return;
    }
    if (r.message.create() != null) {
      prepareCreate(r, older, assigned);
      return;
    }
    if (doc.type == null) {
      throw new ProtocolException(ErrorCode.ERR_DOC_DOES_NOT_EXIST, "Document does not exist; create it first");
    }
    long from = r.message.version() == null ? doc.version : r.message.version();
    if (from > doc.version) {
      throw doc.newerThanDocument(from);
    }
    List<Component> op = r.message.op();
    for (StoredOp committed : history(from, older, assigned)) {
      if (committed.isSubmission(r.src, r.message.seq())) {
        // A resend after a reconnect: acknowledge again, never apply twice.
        r.duplicateOf = committed.version();
        return;
      }
      if (committed.isCreate()) {
        throw new ProtocolException(ErrorCode.ERR_OP_SUBMIT_REJECTED, "Op was made before the document was created");
      }
      try {
        op = Json0.transform(op, committed.op(), Side.LEFT);
      } catch (OtException e) {
        throw new ProtocolException(ErrorCode.ERR_OT_OP_NOT_APPLIED,
            "Op cannot be transformed against version " + committed.version() + ": " + e.getMessage());
      }
    }
    // Rights as of this op's turn: a list changed by an earlier op of the batch already counts.
    Rights rights = doc.access.rightsOf(r.origin.caller());
    if (!rights.canWrite()) {
      throw doc.access.forbidden('w', "editing");
    }
    String authBefore = doc.isPage ? PermissionList.sourceIn(doc.data) : null;
    applyChecked(r, op);
    checkPermissionChange(r, rights, authBefore);
    r.committed = StoredOp.edit(doc.version, r.src, r.message.seq(), op, Json.encode(Json0.toJson(op)),
        System.currentTimeMillis());
    doc.version++;
  }

  private void prepareCreate(SubmitRequest r, List<StoredOp> older, List<StoredOp> assigned) {
    if (doc.type != null) {
      List<StoredOp> first = history(0, older, assigned);
      if (!first.isEmpty() && first.get(0).isSubmission(r.src, r.message.seq())) {
        r.duplicateOf = 0;
        return;
      }
      throw doc.access.alreadyCreated(r.origin.caller());
    }
    // A document that does not exist yet has no list: the defaults say who may create it. Rights come
    // before the version, as an existing page one may not read refuses before looking at it.
    Rights rights = doc.access.rightsOf(r.origin.caller());
    if (!rights.canWrite()) {
      throw doc.access.forbidden('w', "creating");
    }
    if (r.message.version() != null && r.message.version() != 0) {
      throw doc.newerThanDocument(r.message.version());
    }
    Object data = r.message.create().data();
    if (doc.isPage) {
      String problem = PageRules.problemWithPage(data);
      if (problem != null) {
        throw new ProtocolException(ErrorCode.ERR_OP_SUBMIT_REJECTED, "A page must be JsonML: " + problem);
      }
      doc.access.checkChange(rights, null, PermissionList.sourceIn(data));
    }
    r.undo.add(new SubmitRequest.Undo(() -> { }, doc.data, doc.type));
    r.committed = StoredOp.create(0, r.src, r.message.seq(), r.message.create().type(), Json.encode(data),
        System.currentTimeMillis());
    doc.type = r.message.create().type();
    doc.data = data;
    doc.version = 1;
  }

  /**
   * A server edit is made at the head, so it needs no transform; it did its own rights checks against
   * the list this turn finds, and the page rules still apply to what it writes.
   */
  private void prepareServerEdit(SubmitRequest r) {
    if (doc.type == null) {
      throw new ProtocolException(ErrorCode.ERR_DOC_DOES_NOT_EXIST, "Document " + doc.key.id() + " does not exist");
    }
    List<Component> op = r.serverEdit.opAt(new ServerEdit.Turn(doc.data, doc.access.inForce(),
        doc.access.list() != null));
    if (op.isEmpty()) {
      return;
    }
    String authBefore = PermissionList.sourceIn(doc.data);
    applyChecked(r, op);
    checkPermissionChange(r, Rights.parse("rwa"), authBefore);
    r.committed = StoredOp.edit(doc.version, r.src, -1, op, Json.encode(Json0.toJson(op)), System.currentTimeMillis());
    doc.version++;
  }

  /** Applies component by component so each check sees exactly what its component changed. */
  private void applyChecked(SubmitRequest r, List<Component> op) {
    for (int i = 0; i < op.size(); i++) {
      Component component = op.get(i);
      Applied applied;
      try {
        applied = Json0.applyReversibly(doc.data, List.of(component));
      } catch (OtException e) {
        undo(r);
        throw new ProtocolException(ErrorCode.ERR_OT_OP_NOT_APPLIED,
            "Op component " + i + " does not apply: " + e.getMessage());
      }
      r.undo.add(new SubmitRequest.Undo(applied.revert(), doc.data, doc.type));
      doc.data = applied.doc();
      if (doc.isPage) {
        String problem = PageRules.problemAfter(doc.data, component);
        if (problem != null) {
          undo(r);
          throw new ProtocolException(ErrorCode.ERR_OP_SUBMIT_REJECTED,
              "Op component " + i + " would break the page: " + problem);
        }
      }
    }
  }

  /** A change of the page's permission list must be allowed and leave a list; undone if refused. */
  private void checkPermissionChange(SubmitRequest r, Rights rights, String before) {
    try {
      doc.access.checkChange(rights, before, doc.isPage ? PermissionList.sourceIn(doc.data) : before);
    } catch (ProtocolException e) {
      undo(r);
      throw e;
    }
  }

  /** Reverses a request's in-memory application, newest component first. */
  void undo(SubmitRequest r) {
    for (int i = r.undo.size() - 1; i >= 0; i--) {
      SubmitRequest.Undo u = r.undo.get(i);
      u.revert().run();
      doc.data = u.rootBefore();
      doc.type = u.typeBefore();
    }
    r.undo.clear();
  }

  /** The committed ops from {@code from} to the head, including those assigned earlier in this batch. */
  private List<StoredOp> history(long from, List<StoredOp> older, List<StoredOp> assigned) {
    List<StoredOp> ops = new ArrayList<>();
    long windowStart = doc.window.start();
    if (from < windowStart) {
      long olderStart = windowStart - older.size();
      ops.addAll(older.subList((int) (from - olderStart), older.size()));
    }
    for (OpWindow.Entry e : doc.window.since(Math.max(from, windowStart))) {
      ops.add(e.op());
    }
    for (StoredOp op : assigned) {
      if (op.version() >= from) {
        ops.add(op);
      }
    }
    return ops;
  }
}

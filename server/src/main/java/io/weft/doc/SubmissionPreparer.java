package io.weft.doc;

import io.weft.access.PermissionList;
import io.weft.access.Rights;
import io.weft.json.Json;
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
 * committed since its version (and those taken earlier in its batch), applies it tentatively to the
 * document's content, checks the page rules and the submitter's rights, and gives it its version. A
 * refused submission leaves nothing applied.
 */
final class SubmissionPreparer {
  private final LiveDocument doc;

  SubmissionPreparer(LiveDocument doc) {
    this.doc = doc;
  }

  /**
   * Prepares {@code r} to be written and says what became of it. {@code older} holds the committed ops
   * before the window that this batch needs; {@code assigned} those given versions earlier in it.
   */
  SubmitResult prepare(SubmitRequest r, List<StoredOp> older, List<StoredOp> assigned) {
    LiveContent content = doc.content();
    int savepoint = content.savepoint();
    try {
      if (r.serverCreate != null) {
        return prepareServerCreate(r, content);
      }
      if (r.serverEdit != null) {
        return prepareServerEdit(r, content);
      }
      if (r.message.create() != null) {
        return prepareCreate(r, content, older, assigned);
      }
      return prepareEdit(r, content, older, assigned);
    } catch (ProtocolException refusal) {
      content.rollBackTo(savepoint);
      return new SubmitResult.Rejected(refusal);
    }
  }

  private SubmitResult prepareEdit(SubmitRequest r, LiveContent content, List<StoredOp> older,
      List<StoredOp> assigned) {
    if (!content.exists()) {
      throw new ProtocolException(ErrorCode.ERR_DOC_DOES_NOT_EXIST, "Document does not exist; create it first");
    }
    long from = r.message.version() == null ? content.version() : r.message.version();
    if (from > content.version()) {
      throw doc.newerThanDocument(from);
    }
    List<Component> op = r.message.op();
    for (StoredOp committed : history(content, from, older, assigned)) {
      if (committed.isSubmission(r.src, r.message.seq())) {
        // A resend after a reconnect: acknowledge again, never apply twice.
        return new SubmitResult.Duplicate(committed.version());
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
    DocumentAccess access = doc.access();
    Rights rights = access.rightsOf(r.origin.callerFor(doc.key().id()));
    if (!rights.canWrite()) {
      throw access.forbidden('w', "editing");
    }
    String authBefore = PermissionList.sourceIn(content.data());
    applyChecked(content, op);
    SubmitResult.ListChange change = access.checkChange(rights, authBefore, PermissionList.sourceIn(content.data()));
    return new SubmitResult.Committed(StoredOp.edit(content.claimVersion(), r.src, r.message.seq(), op,
        Json.encode(Json0.toJson(op)), System.currentTimeMillis()), change);
  }

  private SubmitResult prepareCreate(SubmitRequest r, LiveContent content, List<StoredOp> older,
      List<StoredOp> assigned) {
    if (content.exists()) {
      List<StoredOp> first = history(content, 0, older, assigned);
      if (!first.isEmpty() && first.get(0).isSubmission(r.src, r.message.seq())) {
        return new SubmitResult.Duplicate(0);
      }
      throw doc.access().alreadyCreated(r.origin.callerFor(doc.key().id()));
    }
    // A document that does not exist yet has no list: the defaults say who may create it. Rights come
    // before the version, as an existing page one may not read refuses before looking at it.
    DocumentAccess access = doc.access();
    Rights rights = access.rightsOf(r.origin.callerFor(doc.key().id()));
    if (!rights.canWrite()) {
      throw access.forbidden('w', "creating");
    }
    if (r.message.version() != null && r.message.version() != 0) {
      throw doc.newerThanDocument(r.message.version());
    }
    Object data = r.message.create().data();
    String problem = PageRules.problemWithPage(data);
    if (problem != null) {
      throw new ProtocolException(ErrorCode.ERR_OP_SUBMIT_REJECTED, "A page must be JsonML: " + problem);
    }
    SubmitResult.ListChange change = access.checkChange(rights, null, PermissionList.sourceIn(data));
    content.createTentatively(r.message.create().type(), data);
    return new SubmitResult.Committed(StoredOp.create(content.claimVersion(), r.src, r.message.seq(),
        r.message.create().type(), Json.encode(data), System.currentTimeMillis()), change);
  }

  /**
   * The server creates a page only where none exists: finding one (another process, or a client, made it
   * first) is no error but nothing to do. The page rules apply as to any create, and any list it carries
   * is the server's to set.
   */
  private SubmitResult prepareServerCreate(SubmitRequest r, LiveContent content) {
    if (content.exists()) {
      return SubmitResult.UNCHANGED;
    }
    String problem = PageRules.problemWithPage(r.serverCreate);
    if (problem != null) {
      throw new ProtocolException(ErrorCode.ERR_OP_SUBMIT_REJECTED, "A page must be JsonML: " + problem);
    }
    SubmitResult.ListChange change = doc.access().checkChange(Rights.parse("rwa"), null,
        PermissionList.sourceIn(r.serverCreate));
    content.createTentatively(Json0.TYPE_URI, r.serverCreate);
    return new SubmitResult.Committed(StoredOp.create(content.claimVersion(), r.src, -1, Json0.TYPE_URI,
        Json.encode(r.serverCreate), System.currentTimeMillis()), change);
  }

  /**
   * A server edit is made at the head, so it needs no transform; it did its own rights checks against
   * the list this turn finds, and the page rules still apply to what it writes.
   */
  private SubmitResult prepareServerEdit(SubmitRequest r, LiveContent content) {
    if (!content.exists()) {
      throw new ProtocolException(ErrorCode.ERR_DOC_DOES_NOT_EXIST, "Document " + doc.key().id() + " does not exist");
    }
    DocumentAccess access = doc.access();
    List<Component> op = r.serverEdit.opAt(new ServerEdit.Turn(content.data(), access.inForce(),
        access.list() != null));
    if (op.isEmpty()) {
      return SubmitResult.UNCHANGED;
    }
    String authBefore = PermissionList.sourceIn(content.data());
    applyChecked(content, op);
    SubmitResult.ListChange change = access.checkChange(Rights.parse("rwa"), authBefore,
        PermissionList.sourceIn(content.data()));
    return new SubmitResult.Committed(StoredOp.edit(content.claimVersion(), r.src, -1, op,
        Json.encode(Json0.toJson(op)), System.currentTimeMillis()), change);
  }

  /** Applies component by component so each check sees exactly what its component changed. */
  private static void applyChecked(LiveContent content, List<Component> op) {
    for (int i = 0; i < op.size(); i++) {
      Component component = op.get(i);
      try {
        content.applyTentatively(component);
      } catch (OtException e) {
        throw new ProtocolException(ErrorCode.ERR_OT_OP_NOT_APPLIED,
            "Op component " + i + " does not apply: " + e.getMessage());
      }
      String problem = PageRules.problemAfter(content.data(), component);
      if (problem != null) {
        throw new ProtocolException(ErrorCode.ERR_OP_SUBMIT_REJECTED,
            "Op component " + i + " would break the page: " + problem);
      }
    }
  }

  /** The committed ops from {@code from} to the head, including those assigned earlier in this batch. */
  private static List<StoredOp> history(LiveContent content, long from, List<StoredOp> older,
      List<StoredOp> assigned) {
    List<StoredOp> ops = new ArrayList<>();
    long windowStart = content.windowStart();
    if (from < windowStart) {
      long olderStart = windowStart - older.size();
      ops.addAll(older.subList((int) (from - olderStart), older.size()));
    }
    for (OpWindow.Entry e : content.committedSince(Math.max(from, windowStart))) {
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

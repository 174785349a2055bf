package io.weft.doc;

import io.weft.access.PermissionList;
import io.weft.access.Rights;
import io.weft.auth.AccessToken;
import io.weft.auth.Caller;
import io.weft.auth.Secrets;
import io.weft.user.User;
import io.weft.protocol.ErrorCode;
import io.weft.protocol.ProtocolException;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may do what on one document, read from its current content: the {@code data-auth} list of its
 * {@code <html>}, or the configured defaults while it has none. Lives on the document's context, so a
 * check always sees the list as of the op being checked. Publishing judges by another list: the one
 * as of the op being broadcast, which a batch's later ops may have changed again; when a published op
 * changes it, the document tells every subscriber its rights under it at once (see {@link #publish}).
 */
final class DocumentAccess {
  private static final Logger LOG = LoggerFactory.getLogger(DocumentAccess.class);

  private final LiveDocument doc;
  private final PermissionList defaults;
  /** The list in the content at its head, reparsed only when its text changes. */
  private Listing current;
  /** The list as of the last published op: what subscribers were last told their rights under. */
  private Listing published;
  /** The list text whose fingerprint the document last reported (see {@link #takeChange}). */
  private String reported;

  DocumentAccess(LiveDocument doc, PermissionList defaults) {
    this.doc = doc;
    this.defaults = defaults;
    refresh();
    this.published = current;
    this.reported = current.source;
  }

  /**
   * One text of the list, parsed: {@code own} is null while the page has none (the defaults are in
   * force), and empty when the text is not a list.
   */
  final class Listing {
    private final String source;
    private final PermissionList own;
    private final String fingerprint;

    private Listing(String source) {
      this.source = source;
      this.fingerprint = Secrets.hash(source == null ? "" : "list:" + source).substring(0, 32);
      PermissionList parsed = null;
      if (source != null) {
        try {
          parsed = PermissionList.parse(source);
        } catch (PermissionList.InvalidPermissionList e) {
          // Only a list written before checks existed can be malformed: it grants nothing rather than everything.
          LOG.warn("{}: data-auth is not a permission list ({}); nobody has rights on it", doc.key(), e.getMessage());
          parsed = PermissionList.fromJsonValue(List.of());
        }
      }
      this.own = parsed;
    }

    /** The list that decides rights under this text: the page's own, or the defaults while it has none. */
    PermissionList inForce() {
      return own != null ? own : defaults;
    }

    /** The user a caller acts as: its access token's user if the token is for this document and this list. */
    User userOf(Caller caller) {
      AccessToken token = caller.token();
      if (token != null && token.docId().equals(doc.key().id()) && token.permissionsFingerprint().equals(fingerprint)
          && token.expiresAtMillis() > System.currentTimeMillis()) {
        return token.user();
      }
      return caller.user();
    }

    Rights rightsOf(Caller caller) {
      return inForce().rightsOf(userOf(caller));
    }
  }

  private Listing refresh() {
    String source = PermissionList.sourceIn(doc.content().data());
    if (current == null || !Objects.equals(source, current.source)) {
      current = new Listing(source);
    }
    return current;
  }

  /** The document's own list, or null while the defaults are in force. */
  PermissionList list() {
    return refresh().own;
  }

  /** The list that decides rights now: the document's own, or the defaults while it has none. */
  PermissionList inForce() {
    return refresh().inForce();
  }

  /** Identifies the current list: access tokens are valid only while it stays the same. */
  String fingerprint() {
    return refresh().fingerprint;
  }

  /** The user a caller acts as here: its access token's user if the token is for this document and still valid. */
  User userOf(Caller caller) {
    return refresh().userOf(caller);
  }

  Rights rightsOf(Caller caller) {
    return refresh().rightsOf(caller);
  }

  /** Throws {@code ERR_FORBIDDEN} unless the caller holds {@code right}; {@code doing} completes "… needs". */
  void require(Caller caller, char right, String doing) {
    if (!rightsOf(caller).has(right)) {
      throw forbidden(right, doing);
    }
  }

  /**
   * Changing a page's permission list takes {@code a}, whichever path the op took to it (the attribute,
   * the attribute object, the root): callers compare the list text before and after the whole op, so
   * no path is missed. The list it leaves must be a list. Gives the change, or null if there is none.
   */
  SubmitResult.ListChange checkChange(Rights rights, String before, String after) {
    if (Objects.equals(before, after)) {
      return null;
    }
    if (!rights.isAdmin()) {
      throw forbidden('a', "changing the permissions (data-auth) of");
    }
    if (after != null) {
      try {
        PermissionList.parse(after);
      } catch (PermissionList.InvalidPermissionList e) {
        throw new ProtocolException(ErrorCode.ERR_OP_SUBMIT_REJECTED, e.getMessage());
      }
    }
    return new SubmitResult.ListChange(after);
  }

  /**
   * The refusal of a create on this existing document: {@code ERR_DOC_ALREADY_CREATED} to those who may
   * read it; to others, the refusal a create of a missing page they may not write gets, so that nobody
   * learns from it whether a page they may not read exists.
   */
  ProtocolException alreadyCreated(Caller caller) {
    return rightsOf(caller).canRead() ? new ProtocolException(ErrorCode.ERR_DOC_ALREADY_CREATED, "Document already exists")
        : forbidden('w', "creating");
  }

  ProtocolException forbidden(char right, String doing) {
    return new ProtocolException(ErrorCode.ERR_FORBIDDEN, "Forbidden: " + doing + " " + doc.key().id() + " needs '"
        + right + "' (" + Rights.nameOf(right) + ") permission");
  }

  /**
   * An op leaving the list as {@code source} was just broadcast: the list to tell subscribers their rights
   * under, or null if they were last told of this very text. The head may already be further on.
   */
  Listing publish(String source) {
    if (Objects.equals(source, published.source)) {
      return null;
    }
    published = Objects.equals(source, current.source) ? current : new Listing(source);
    return published;
  }

  /** After a batch was published: true once for each change of the list, so the document reports it. */
  boolean takeChange() {
    Listing now = refresh();
    if (Objects.equals(now.source, reported)) {
      return false;
    }
    reported = now.source;
    return true;
  }
}

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
 * check always sees the list as of the op being checked; when a committed op changes the list, the
 * document tells every subscriber its new rights at once (see {@link #takeChange}).
 */
final class DocumentAccess {
  private static final Logger LOG = LoggerFactory.getLogger(DocumentAccess.class);

  private final LiveDocument doc;
  private final PermissionList defaults;
  /** The data-auth text the cached list was parsed from; null when the page has none. */
  private String source;
  private PermissionList list;
  private boolean malformed;
  private String fingerprint;
  /** The data-auth text subscribers were last told about. */
  private String announced;

  DocumentAccess(LiveDocument doc, PermissionList defaults) {
    this.doc = doc;
    this.defaults = defaults;
    refresh();
    this.announced = source;
  }

  private void refresh() {
    String current = PermissionList.sourceIn(doc.content().data());
    if (fingerprint != null && Objects.equals(current, source)) {
      return;
    }
    source = current;
    fingerprint = Secrets.hash(current == null ? "" : "list:" + current).substring(0, 32);
    list = null;
    malformed = false;
    if (current != null) {
      try {
        list = PermissionList.parse(current);
      } catch (PermissionList.InvalidPermissionList e) {
        // Only a list written before checks existed can be malformed: it grants nothing rather than everything.
        LOG.warn("{}: data-auth is not a permission list ({}); nobody has rights on it", doc.key(), e.getMessage());
        malformed = true;
      }
    }
  }

  /** The document's own list, or null while the defaults are in force. */
  PermissionList list() {
    refresh();
    return malformed ? PermissionList.fromJsonValue(List.of()) : list;
  }

  /** The list that decides rights now: the document's own, or the defaults while it has none. */
  PermissionList inForce() {
    PermissionList own = list();
    return own != null ? own : defaults;
  }

  /** Identifies the current list: access tokens are valid only while it stays the same. */
  String fingerprint() {
    refresh();
    return fingerprint;
  }

  /** The user a caller acts as here: its access token's user if the token is for this document and still valid. */
  User userOf(Caller caller) {
    AccessToken token = caller.token();
    if (token != null && token.docId().equals(doc.key().id()) && token.permissionsFingerprint().equals(fingerprint())
        && token.expiresAtMillis() > System.currentTimeMillis()) {
      return token.user();
    }
    return caller.user();
  }

  Rights rightsOf(Caller caller) {
    return inForce().rightsOf(userOf(caller));
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
   * no path is missed. The list it leaves must be a list.
   */
  void checkChange(Rights rights, String before, String after) {
    if (Objects.equals(before, after)) {
      return;
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

  /** After ops were published: true once for each change of the list, so the document tells its subscribers. */
  boolean takeChange() {
    refresh();
    if (Objects.equals(source, announced)) {
      return false;
    }
    announced = source;
    return true;
  }
}

package io.weft.ws;

import io.vertx.core.Future;
import io.weft.auth.AccessTokens;
import io.weft.auth.Caller;
import io.weft.config.WeftConfig;
import io.weft.doc.DocumentRegistry;
import io.weft.doc.LiveDocument;
import io.weft.doc.Subscriber;
import io.weft.protocol.ErrorCode;
import io.weft.protocol.MessageDecoder;
import io.weft.protocol.ProtocolException;
import io.weft.protocol.WebstratesRequest;
import io.weft.protocol.WebstratesRequest.CreateToken;
import io.weft.protocol.WebstratesRequest.GetTokens;
import io.weft.protocol.WebstratesRequest.RemoveToken;
import io.weft.store.DocKey;
import java.util.function.Function;

/**
 * Access tokens over the socket ({@code d} may name any document):
 * <ul>
 *   <li>{@code createToken {maxAge}}: a logged-in reader mints a token acting as themself on the document;
 *       the reply carries the token once, with its id, expiry and a ready link {@code /<id>/?token=..}.</li>
 *   <li>{@code getTokens}: the document's live tokens (never the tokens themselves), admins only.</li>
 *   <li>{@code removeToken {id}}: admins remove any token of the document, others only their own.</li>
 * </ul>
 * The reply shapes are {@link TokenReplies}'.
 */
final class TokenRequests {
  private final DocumentRegistry registry;
  private final AccessTokens tokens;
  private final WeftConfig.Auth config;

  TokenRequests(DocumentRegistry registry, AccessTokens tokens, WeftConfig.Auth config) {
    this.registry = registry;
    this.tokens = tokens;
    this.config = config;
  }

  void handle(Subscriber socket, WebstratesRequest.TokenRequest request) {
    Caller caller = socket.callerFor(request.docId());
    Future<String> reply;
    if (request instanceof CreateToken create) {
      reply = create(caller, create);
    } else if (request instanceof GetTokens get) {
      reply = onDocument(get.docId(), doc -> doc.require(caller, 'a', "listing the access tokens of")
          .compose(v -> tokens.list(get.docId(), doc.permissionsFingerprint()))).map(TokenReplies::listed);
    } else {
      reply = remove(caller, (RemoveToken) request);
    }
    Replies.answer(socket, request, reply);
  }

  private Future<String> create(Caller caller, CreateToken request) {
    if (!caller.isLoggedIn()) {
      return Future.failedFuture(new ProtocolException(ErrorCode.ERR_LOGIN_REQUIRED,
          "Must be logged in to create access tokens"));
    }
    String docId = request.docId();
    int seconds = request.maxAgeSeconds() == null ? config.tokenDefaultSeconds()
        : (int) Math.min(request.maxAgeSeconds(), config.tokenMaxSeconds());
    // The fingerprint is read with the rights check, so a token never outlives a list it did not see.
    return onDocument(docId, doc -> doc.require(caller, 'r', "creating an access token for")
        .map(v -> doc.permissionsFingerprint()))
        .compose(fingerprint -> tokens.mint(caller.user(), docId, fingerprint, seconds))
        .map(minted -> TokenReplies.minted(minted.token(), minted.details()));
  }

  private Future<String> remove(Caller caller, RemoveToken request) {
    String docId = request.docId();
    return onDocument(docId, doc -> doc.committed(caller))
        .compose(access -> tokens.remove(docId, request.tokenId(), access.rights().isAdmin() ? null : caller.user()))
        .compose(removed -> removed ? Future.succeededFuture(TokenReplies.removed())
            : Future.failedFuture(new ProtocolException(ErrorCode.ERR_NOT_FOUND,
                "No such access token, or not yours to remove")));
  }

  private <T> Future<T> onDocument(String docId, Function<LiveDocument, Future<T>> action) {
    return registry.withDocument(new DocKey(MessageDecoder.PAGES, docId), action);
  }
}

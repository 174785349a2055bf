package io.weft.ws;

import io.vertx.core.Future;
import io.weft.auth.AccessToken;
import io.weft.auth.AccessTokens;
import io.weft.auth.Caller;
import io.weft.config.WeftConfig;
import io.weft.doc.DocumentRegistry;
import io.weft.doc.LiveDocument;
import io.weft.doc.Subscriber;
import io.weft.json.Json;
import io.weft.protocol.ClientMessage;
import io.weft.protocol.MessageDecoder;
import io.weft.protocol.ProtocolException;
import io.weft.protocol.WebstratesMessages;
import io.weft.store.DocKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access tokens over the socket ({@code d} may name any document):
 * <ul>
 *   <li>{@code createToken {maxAge}}: a logged-in reader mints a token acting as themself on the document;
 *       the reply carries the token once, with its id, expiry and a ready link {@code /<id>/?token=..}.</li>
 *   <li>{@code getTokens}: the document's live tokens (never the tokens themselves), admins only.</li>
 *   <li>{@code removeToken {id}}: admins remove any token of the document, others only their own.</li>
 * </ul>
 */
final class TokenRequests {
  private static final Logger LOG = LoggerFactory.getLogger(TokenRequests.class);

  private final DocumentRegistry registry;
  private final AccessTokens tokens;
  private final WeftConfig.Auth config;

  TokenRequests(DocumentRegistry registry, AccessTokens tokens, WeftConfig.Auth config) {
    this.registry = registry;
    this.tokens = tokens;
    this.config = config;
  }

  static boolean handles(String action) {
    return action.equals("createToken") || action.equals("getTokens") || action.equals("removeToken");
  }

  void handle(Subscriber socket, ClientMessage.WebstratesRequest request, String docId) {
    Caller caller = socket.caller();
    Replies.answer(socket, request, () -> switch (request.action()) {
      case "createToken" -> create(caller, docId, maxAge(request));
      case "getTokens" -> onDocument(docId, doc -> doc.require(caller, 'a', "listing the access tokens of")
          .compose(v -> tokens.list(docId, doc.permissionsFingerprint()))).map(TokenRequests::describe);
      case "removeToken" -> remove(caller, docId, tokenId(request));
      default -> throw new IllegalArgumentException(request.action());
    });
  }

  private Future<String> create(Caller caller, String docId, int seconds) {
    if (!caller.isLoggedIn()) {
      return Future.failedFuture(refused("Must be logged in to create access tokens"));
    }
    // The fingerprint is read with the rights check, so a token never outlives a list it did not see.
    return onDocument(docId, doc -> doc.require(caller, 'r', "creating an access token for")
        .map(v -> doc.permissionsFingerprint()))
        .compose(fingerprint -> tokens.mint(caller.user(), docId, fingerprint, seconds))
        .map(minted -> {
          Map<String, Object> m = describe(minted.details());
          m.put("token", minted.token());
          m.put("url", "/" + docId + "/?token=" + minted.token());
          return Json.encode(m);
        });
  }

  private Future<String> remove(Caller caller, String docId, String tokenId) {
    return onDocument(docId, doc -> doc.committed(caller))
        .compose(access -> tokens.remove(docId, tokenId, access.rights().isAdmin() ? null : caller.user()))
        .compose(removed -> removed ? Future.succeededFuture("{\"removed\":true}")
            : Future.failedFuture(refused("No such access token, or not yours to remove")));
  }

  private <T> Future<T> onDocument(String docId, Function<LiveDocument, Future<T>> action) {
    return registry.withDocument(key(docId), action);
  }

  private static DocKey key(String docId) {
    return new DocKey(MessageDecoder.PAGES, docId);
  }

  private static String describe(List<AccessToken> list) {
    List<Map<String, Object>> out = new ArrayList<>(list.size());
    list.forEach(t -> out.add(describe(t)));
    return Json.encode(out);
  }

  private static Map<String, Object> describe(AccessToken token) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", token.id());
    m.put("webstrateId", token.docId());
    m.put("username", token.user().username());
    m.put("provider", token.user().provider());
    m.put("expiresAt", Instant.ofEpochMilli(token.expiresAtMillis()).toString());
    return m;
  }

  private int maxAge(ClientMessage.WebstratesRequest request) {
    Object value = options(request).get("maxAge");
    if (value == null) {
      return config.tokenDefaultSeconds();
    }
    if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() <= 0) {
      throw refused("'maxAge' must be a positive number of seconds");
    }
    return (int) Math.min(((Number) value).longValue(), config.tokenMaxSeconds());
  }

  private static String tokenId(ClientMessage.WebstratesRequest request) {
    if (!(options(request).get("id") instanceof String id) || id.isEmpty() || id.length() > 64) {
      throw refused("'id' must name an access token (from getTokens or createToken)");
    }
    return id;
  }

  private static Map<?, ?> options(ClientMessage.WebstratesRequest request) {
    return request.raw().get("options") instanceof Map<?, ?> options ? options : Map.of();
  }

  private static ProtocolException refused(String message) {
    return new ProtocolException(io.weft.protocol.ErrorCode.ERR_FORBIDDEN, message);
  }
}

package io.weft.ws;

import io.vertx.core.Future;
import io.weft.access.PermissionList;
import io.weft.user.User;
import io.weft.doc.DocumentRegistry;
import io.weft.doc.OpHistory;
import io.weft.doc.Subscriber;
import io.weft.protocol.ClientMessage;
import io.weft.protocol.MessageDecoder;
import io.weft.protocol.ProtocolException;
import io.weft.protocol.WebstratesMessages;
import io.weft.store.DocKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webstrates' {@code wa} requests and the presence messages around a subscription:
 * <ul>
 *   <li>{@code {"wa":"ready","d"}}: the client has loaded; everyone on the page gets clientJoin.</li>
 *   <li>{@code {"wa":"subscribe"|"unsubscribe","d","id"}}: signals on a node's {@code __wid} or "document".</li>
 *   <li>{@code {"wa":"publish","d","id","m"[,"recipients":[ids]]}}: a signal to the listeners of {@code id}.</li>
 *   <li>{@code {"wa":"getOps","d","from","to","token"}}: committed ops, {@code from} inclusive, {@code to}
 *       exclusive (absent: to the head).</li>
 * </ul>
 * A refused request gets {@code {"wa":"reply","token":t,"error":"..."}}, never silence. A request that
 * succeeds and carries a token is answered with a reply (null where Webstrates sends none).
 */
final class WebstratesRequests {
  private static final Logger LOG = LoggerFactory.getLogger(WebstratesRequests.class);
  /** Longest node id a signal may name (wids are 8 characters). */
  private static final int MAX_NODE_ID = 256;

  private final Presence presence;
  private final DocumentRegistry registry;
  private final List<Map<String, Object>> defaultPermissions;
  private final TokenRequests tokens;
  private final InviteRequests invites;

  WebstratesRequests(Presence presence, DocumentRegistry registry, PermissionList defaultPermissions,
      TokenRequests tokens, InviteRequests invites) {
    this.presence = presence;
    this.registry = registry;
    this.defaultPermissions = defaultPermissions.toJsonValue();
    this.tokens = tokens;
    this.invites = invites;
  }

  /** A socket has subscribed to a page as {@code user}: it is on the page now and gets {@code hello}. */
  void subscribed(Subscriber socket, String docId, User user) {
    presence.enter(docId, socket, user.toHello(), defaultPermissions);
  }

  /** A socket unsubscribed from a page or closed: the others get clientPart. */
  void left(Subscriber socket, String docId) {
    presence.leave(docId, socket);
  }

  void handle(Session socket, ClientMessage.WebstratesRequest request) {
    Object token = request.token();
    try {
      switch (request.action()) {
        case "ready" -> done(socket, request, presence.ready(docId(request), socket));
        case "subscribe" -> done(socket, request, presence.listen(docId(request), socket, nodeId(request), true));
        case "unsubscribe" -> done(socket, request, presence.listen(docId(request), socket, nodeId(request), false));
        case "publish" -> done(socket, request, presence.publish(docId(request), socket, nodeId(request),
            request.raw().get("m"), recipients(request)));
        case "getOps" -> getOps(socket, request);
        default -> {
          if (TokenRequests.handles(request.action())) {
            tokens.handle(socket, request, docId(request));
          } else if (InviteRequests.handles(request.action())) {
            invites.handle(socket, request, docId(request));
          } else {
            throw new Refused("Unknown action '" + abbreviate(request.action()) + "'");
          }
        }
      }
    } catch (Refused e) {
      socket.send(WebstratesMessages.error(token, e.getMessage()));
    } catch (ProtocolException e) {
      // A refusal with a code (a limit), which scripts can tell apart from a mistake.
      socket.send(WebstratesMessages.error(token, e.getMessage(), e.code().name()));
    }
  }

  /** Ends a request that needs the socket on the page; replies only if the request asked (a token). */
  private static void done(Subscriber socket, ClientMessage.WebstratesRequest request, boolean onPage) {
    if (!onPage) {
      throw new Refused("Subscribe to " + request.docId() + " before sending '" + request.action() + "'");
    }
    if (request.token() != null) {
      socket.send(WebstratesMessages.reply(request.token(), "null"));
    }
  }

  private void getOps(Subscriber socket, ClientMessage.WebstratesRequest request) {
    String docId = docId(request);
    long from = version(request, "from", 0L);
    long to = version(request, "to", Long.MAX_VALUE);
    Replies.answer(socket, request, () -> registry.withDocument(new DocKey(MessageDecoder.PAGES, docId),
        doc -> doc.require(socket.caller(), 'r', "reading the ops of").compose(v -> OpHistory.json(doc, from, to))));
  }

  private static String docId(ClientMessage.WebstratesRequest request) {
    if (request.docId() == null) {
      throw new Refused("Missing document id ('d')");
    }
    return request.docId();
  }

  private static String nodeId(ClientMessage.WebstratesRequest request) {
    if (!(request.raw().get("id") instanceof String id) || id.isEmpty() || id.length() > MAX_NODE_ID) {
      throw new Refused("'id' must be a node's __wid or \"document\"");
    }
    return id;
  }

  private static List<String> recipients(ClientMessage.WebstratesRequest request) {
    Object value = request.raw().get("recipients");
    if (value == null) {
      return null;
    }
    if (!(value instanceof List<?> list)) {
      throw new Refused("'recipients' must be a list of client ids");
    }
    List<String> ids = new ArrayList<>(list.size());
    for (Object o : list) {
      if (!(o instanceof String s)) {
        throw new Refused("'recipients' must be a list of client ids");
      }
      ids.add(s);
    }
    return ids;
  }

  /** A version field, at the top level as Webstrates sends it or under {@code options}. */
  private static long version(ClientMessage.WebstratesRequest request, String field, long absent) {
    Object value = request.raw().get(field);
    if (value == null && request.raw().get("options") instanceof Map<?, ?> options) {
      value = options.get(field);
    }
    if (value == null) {
      return absent;
    }
    if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 0) {
      throw new Refused("'" + field + "' must be a non-negative integer version");
    }
    return ((Number) value).longValue();
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }

  /** A request the caller may not make, or made wrongly; the message goes back in the reply. */
  private static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message, null, false, false);
    }
  }
}

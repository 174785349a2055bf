package io.weft.protocol;

import io.weft.json.Json;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Webstrates ({@code wa}) envelope and the presence and signal messages: replies and refusals to
 * every {@code wa} request, hello, clientJoin, clientPart, publish, permissionsChanged. (Token and
 * invite replies fill the envelope's {@code reply}; their shapes are {@code TokenReplies}' and
 * {@code InviteReplies}'.) {@code wa} is always the first key, with no
 * whitespace before it: the Webstrates client routes frames by the prefix {@code {"wa":}. Broadcasts
 * end with {@code "c":"webstrates"}, as Webstrates' own do.
 */
public final class WebstratesMessages {
  private WebstratesMessages() {
  }

  /**
   * Sent after each subscribe: {@code {"wa":"hello","id":<socket>,"d":doc,"defaultPermissions":[..],
   * "user":{..},"clients":[ids, own included],"c":"webstrates"}}. The user carries no
   * {@code permissions} key: the Webstrates client computes rights itself and breaks if it gets one.
   */
  public static String hello(String clientId, String docId, List<Map<String, Object>> defaultPermissions,
      Map<String, Object> user, Collection<String> clients) {
    Map<String, Object> m = head("hello");
    m.put("id", clientId);
    m.put("d", docId);
    m.put("defaultPermissions", defaultPermissions);
    m.put("user", user);
    m.put("clients", clients);
    m.put("c", MessageDecoder.PAGES);
    return Json.encode(m);
  }

  /** {@code {"wa":"clientJoin","id":<socket>,"d":doc,"c":"webstrates"}} */
  public static String clientJoin(String clientId, String docId) {
    return presence("clientJoin", clientId, docId);
  }

  /** {@code {"wa":"clientPart","id":<socket>,"d":doc,"c":"webstrates"}} */
  public static String clientPart(String clientId, String docId) {
    return presence("clientPart", clientId, docId);
  }

  private static String presence(String action, String clientId, String docId) {
    Map<String, Object> m = head(action);
    m.put("id", clientId);
    m.put("d", docId);
    m.put("c", MessageDecoder.PAGES);
    return Json.encode(m);
  }

  /**
   * A signal: {@code {"wa":"publish","id":<wid or "document">,"d":doc,"s":<sender socket>,"m":msg,
   * "c":"webstrates"}}.
   */
  public static String publish(String nodeId, String docId, String senderId, Object message) {
    Map<String, Object> m = head("publish");
    m.put("id", nodeId);
    m.put("d", docId);
    m.put("s", senderId);
    m.put("m", message);
    m.put("c", MessageDecoder.PAGES);
    return Json.encode(m);
  }

  /**
   * The document's permission list changed: {@code {"wa":"permissionsChanged","d":doc,"permissions":
   * "<this socket's rights now>","list":[..the list in force..],"c":"webstrates"}}.
   */
  public static String permissionsChanged(String docId, String rights, List<Map<String, Object>> list) {
    Map<String, Object> m = head("permissionsChanged");
    m.put("d", docId);
    m.put("permissions", rights);
    m.put("list", list);
    m.put("c", MessageDecoder.PAGES);
    return Json.encode(m);
  }

  /** {@code {"wa":"reply","token":t,"reply":<json>}}, the reply already encoded. */
  public static String reply(Object token, String replyJson) {
    return "{\"wa\":\"reply\",\"token\":" + Json.encode(token) + ",\"reply\":" + replyJson + "}";
  }

  /**
   * A refused request: {@code {"wa":"reply","token":t,"error":"<message>","code":"<CODE>"}}. Webstrates
   * clients show the message; programs test the code.
   */
  public static String error(Object token, ErrorCode code, String message) {
    Map<String, Object> m = head("reply");
    m.put("token", token);
    m.put("error", message);
    m.put("code", code.name());
    return Json.encode(m);
  }

  private static Map<String, Object> head(String action) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("wa", action);
    return m;
  }
}

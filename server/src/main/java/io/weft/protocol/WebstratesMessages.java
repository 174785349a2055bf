package io.weft.protocol;

import io.weft.json.Json;
import java.util.Collection;
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
    return Json.encode(Json.object(
        "wa", "hello",
        "id", clientId,
        "d", docId,
        "defaultPermissions", defaultPermissions,
        "user", user,
        "clients", clients,
        "c", MessageDecoder.PAGES));
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
    return Json.encode(Json.object("wa", action, "id", clientId, "d", docId, "c", MessageDecoder.PAGES));
  }

  /**
   * A signal: {@code {"wa":"publish","id":<wid or "document">,"d":doc,"s":<sender socket>,"m":msg,
   * "c":"webstrates"}}.
   */
  public static String publish(String nodeId, String docId, String senderId, Object message) {
    return Json.encode(Json.object(
        "wa", "publish",
        "id", nodeId,
        "d", docId,
        "s", senderId,
        "m", message,
        "c", MessageDecoder.PAGES));
  }

  /**
   * The document's permission list changed: {@code {"wa":"permissionsChanged","d":doc,"permissions":
   * "<this socket's rights now>","list":[..the list in force..],"c":"webstrates"}}.
   */
  public static String permissionsChanged(String docId, String rights, List<Map<String, Object>> list) {
    return Json.encode(Json.object(
        "wa", "permissionsChanged",
        "d", docId,
        "permissions", rights,
        "list", list,
        "c", MessageDecoder.PAGES));
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
    return Json.encode(Json.object("wa", "reply", "token", token, "error", message, "code", code.name()));
  }

}

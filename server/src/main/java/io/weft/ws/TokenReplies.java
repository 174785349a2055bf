package io.weft.ws;

import io.weft.auth.AccessToken;
import io.weft.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The replies to access-token requests, each the {@code reply} of a {@code {"wa":"reply","token":t,...}}:
 * <ul>
 *   <li>createToken: {@code {"id","webstrateId","username","provider","expiresAt","token","url"}}, the
 *       token and its link {@code /<id>/?token=<token>} shown this once.</li>
 *   <li>getTokens: {@code [{"id","webstrateId","username","provider","expiresAt"},...]}.</li>
 *   <li>removeToken: {@code {"removed":true}}.</li>
 * </ul>
 */
final class TokenReplies {
  private TokenReplies() {
  }

  static String minted(String token, AccessToken details) {
    Map<String, Object> m = describe(details);
    m.put("token", token);
    m.put("url", "/" + details.docId() + "/?token=" + token);
    return Json.encode(m);
  }

  static String listed(List<AccessToken> list) {
    List<Map<String, Object>> out = new ArrayList<>(list.size());
    list.forEach(t -> out.add(describe(t)));
    return Json.encode(out);
  }

  static String removed() {
    return "{\"removed\":true}";
  }

  private static Map<String, Object> describe(AccessToken token) {
    return Json.object(
        "id", token.id(),
        "webstrateId", token.docId(),
        "username", token.user().username(),
        "provider", token.user().provider(),
        "expiresAt", Instant.ofEpochMilli(token.expiresAtMillis()).toString());
  }
}

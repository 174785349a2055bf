package io.weft.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One user's socket sending Webstrates {@code wa} requests, as the console does, and reading their
 * replies by token; a reply that comes before its turn is kept for it. Subclasses see every frame read
 * on the way ({@link #onFrame}): events arrive beside replies.
 */
public class WaClient implements AutoCloseable {
  public final RecordingClient socket;
  private final Map<Integer, Map<String, Object>> early = new HashMap<>();
  private int nextToken = 1;

  protected WaClient(RecordingClient socket) {
    this.socket = socket;
  }

  /** Sends {@code wa} for {@code doc} with {@code options} (null: none); returns its token. */
  public int send(String wa, String doc, Map<String, Object> options) {
    int token = nextToken++;
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("wa", wa);
    request.put("d", doc);
    request.put("token", token);
    if (options != null) {
      request.put("options", options);
    }
    socket.send(request);
    return token;
  }

  /** The reply frame to {@code token} (with reply or error). */
  public Map<String, Object> replyTo(int token) {
    Map<String, Object> kept = early.remove(token);
    if (kept != null) {
      return kept;
    }
    while (true) {
      Map<String, Object> frame = socket.next();
      onFrame(frame);
      if ("reply".equals(frame.get("wa")) && frame.get("token") instanceof Integer replyToken) {
        if (replyToken == token) {
          return frame;
        }
        early.put(replyToken, frame);
      }
    }
  }

  /** Sends a request and returns its reply frame. */
  public Map<String, Object> call(String wa, String doc, Map<String, Object> options) {
    return replyTo(send(wa, doc, options));
  }

  /** The reply of a call that must succeed. */
  @SuppressWarnings("unchecked")
  public <T> T ok(String wa, String doc, Map<String, Object> options) {
    Map<String, Object> frame = call(wa, doc, options);
    assertNull(frame.get("error"), wa + " on " + doc + " succeeds: " + frame);
    return (T) frame.get("reply");
  }

  /** The error message of a call that must fail. */
  public String refused(String wa, String doc, Map<String, Object> options) {
    Map<String, Object> frame = call(wa, doc, options);
    assertNotNull(frame.get("error"), wa + " on " + doc + " is refused: " + frame);
    return (String) frame.get("error");
  }

  /** The code of a call that must fail. */
  public String refusedCode(String wa, String doc, Map<String, Object> options) {
    Map<String, Object> frame = call(wa, doc, options);
    assertNotNull(frame.get("code"), wa + " on " + doc + " is refused with a code: " + frame);
    return (String) frame.get("code");
  }

  /** Every frame read while waiting for a reply, the reply included. */
  protected void onFrame(Map<String, Object> frame) {
  }

  @Override
  public void close() {
    socket.close();
  }
}

package io.weft.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * Reads a document's op log with Webstrates' {@code getOps}, page by page: asks for {@code [from, to)}
 * and goes on from one past the last version that came back, so it reads the whole log whether the
 * server answers everything asked or pages its replies (a shorter array, or an object holding the ops
 * array beside a note that there is more).
 */
final class OpLog {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OpLog() {
  }

  /**
   * Hands every op {@code from <= v < head} to {@code each} in order; returns how many came.
   *
   * @param pageOps ops asked for per request; 0 asks for everything up to the head at once
   * @param timeoutSecs for each request, and ten times that for the whole log
   */
  static long read(LoadClient client, String docId, long from, long head, int pageOps, long timeoutSecs,
      Consumer<JsonNode> each) {
    long count = 0;
    long token = 0;
    long deadline = System.nanoTime() + timeoutSecs * 10 * 1_000_000_000L;
    while (from < head) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("reading the op log of " + docId + " took over " + timeoutSecs * 10
            + " s; stopped at version " + from + " of " + head);
      }
      long to = pageOps > 0 ? Math.min(head, from + pageOps) : -1;
      long t = ++token;
      String request = "{\"wa\":\"getOps\",\"d\":\"" + docId + "\",\"from\":" + from + (to < 0 ? "" : ",\"to\":" + to)
          + ",\"token\":" + t + "}";
      WireFrame frame = Connector.await(client.request(request, f -> "reply".equals(f.wa) && f.token == t),
          timeoutSecs);
      long last = -1;
      for (Iterator<JsonNode> ops = ops(frame, docId, from); ops.hasNext(); ) {
        JsonNode op = ops.next();
        last = Math.max(last, op.path("v").asLong(-1));
        count++;
        each.accept(op);
      }
      if (last < from) {
        throw new IllegalStateException("getOps of " + docId + " from " + from + " (head " + head + ") returned no op");
      }
      from = last + 1;
    }
    return count;
  }

  private static Iterator<JsonNode> ops(WireFrame frame, String docId, long from) {
    JsonNode reply;
    try {
      reply = JSON.readTree(frame.text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable getOps reply for " + docId, e);
    }
    if (reply.has("error")) {
      throw new IllegalStateException("getOps of " + docId + " from " + from + " refused: " + reply.get("error"));
    }
    JsonNode ops = reply.path("reply");
    if (ops.isObject()) {
      // A paged reply: the ops array sits beside whatever says how to go on.
      ops = ops.has("ops") ? ops.get("ops") : firstArray(ops);
    }
    if (!ops.isArray()) {
      throw new IllegalStateException("getOps of " + docId + " from " + from + " answered no ops array: "
          + abbreviate(frame.text));
    }
    return ops.elements();
  }

  private static JsonNode firstArray(JsonNode object) {
    for (Iterator<JsonNode> values = object.elements(); values.hasNext(); ) {
      JsonNode value = values.next();
      if (value.isArray()) {
        return value;
      }
    }
    return object;
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}

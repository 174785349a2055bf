package io.weft.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The few fields of a server frame that the load generator acts on, read with a streaming parser
 * (no tree), because at 1×50 the client parses a quarter of a million frames a second on the same two
 * cores as the server it measures. Nested values it does not need (snapshot data) are skipped.
 */
final class WireFrame {
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
      .build();
  /** Absent or null numeric field. */
  static final long NONE = -1;

  /** The frame as received. */
  String text;
  String a;
  /** The Webstrates action ({@code "reply"} for a request's answer). */
  String wa;
  /** The request token of a Webstrates reply. */
  long token = NONE;
  String d;
  String src;
  /** The connection id of init and hs frames. */
  String connectionId;
  /** The request id of nf replies. */
  long requestId = NONE;
  long v = NONE;
  long seq = NONE;
  /** The version inside a subscribe/fetch reply's {@code data} object. */
  long dataV = NONE;
  /** A snapshot came with the frame (subscribe reply with data, or nf reply). */
  boolean hasData;
  String errorCode;
  String errorMessage;
  /** Send timestamps (µs, {@link Clock}) carried by the op's {@code oi} values that start with "t". */
  long[] stamps = new long[0];
  int stampCount;

  boolean isError() {
    return errorCode != null;
  }

  static WireFrame parse(String text) {
    WireFrame f = new WireFrame();
    f.text = text;
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return f;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        switch (name) {
          case "a" -> f.a = stringOrNull(p, t);
          case "wa" -> f.wa = stringOrNull(p, t);
          case "token" -> f.token = longOrNone(p, t);
          case "d" -> f.d = stringOrNull(p, t);
          case "src" -> f.src = stringOrNull(p, t);
          case "v" -> f.v = longOrNone(p, t);
          case "seq" -> f.seq = longOrNone(p, t);
          case "id" -> {
            if (t == JsonToken.VALUE_STRING) {
              f.connectionId = p.getText();
            } else {
              f.requestId = longOrNone(p, t);
            }
          }
          case "error" -> f.readError(p, t);
          case "data" -> f.readData(p, t);
          case "op" -> f.readOp(p, t);
          default -> p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable frame from server: " + abbreviate(text), e);
    }
    return f;
  }

  private void readError(JsonParser p, JsonToken t) throws IOException {
    errorCode = "ERR_UNKNOWN";
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (name.equals("code") && value == JsonToken.VALUE_STRING) {
        errorCode = p.getText();
      } else if (name.equals("message") && value == JsonToken.VALUE_STRING) {
        errorMessage = p.getText();
      } else {
        p.skipChildren();
      }
    }
  }

  private void readData(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.START_OBJECT) {
      // A subscribe or fetch reply: {"v":7,"data":[...],"type":"..."}.
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("v")) {
          dataV = longOrNone(p, value);
        } else {
          hasData |= name.equals("data") && value != JsonToken.VALUE_NULL;
          p.skipChildren();
        }
      }
    } else {
      // An nf reply carries the snapshot itself.
      hasData = t != JsonToken.VALUE_NULL;
      p.skipChildren();
    }
  }

  private void readOp(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.START_ARRAY) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("oi") && value == JsonToken.VALUE_STRING) {
          addStamp(p.getText());
        } else {
          p.skipChildren();
        }
      }
    }
  }

  private void addStamp(String value) {
    if (value.length() < 2 || value.charAt(0) != 't') {
      return;
    }
    long stamp;
    try {
      stamp = Long.parseLong(value, 1, value.length(), 10);
    } catch (NumberFormatException e) {
      return;
    }
    if (stampCount == stamps.length) {
      stamps = java.util.Arrays.copyOf(stamps, Math.max(2, stampCount * 2));
    }
    stamps[stampCount++] = stamp;
  }

  private static String stringOrNull(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    p.skipChildren();
    return null;
  }

  private static long longOrNone(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NUMBER_INT) {
      return p.getLongValue();
    }
    p.skipChildren();
    return NONE;
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}

package io.weft.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one JSON codec: text to plain Java values (LinkedHashMap, ArrayList, String, Number, Boolean,
 * null) and back. Plain values keep the core free of any library's JSON tree type.
 */
public final class Json {
  /** Nesting past this is refused while parsing, before it can blow a stack anywhere later. */
  public static final int MAX_DEPTH = 512;

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  static {
    MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(MAX_DEPTH)
        .maxStringLength(64 * 1024 * 1024)
        .build());
  }

  private Json() {
  }

  /** Parses one JSON value; throws {@link JsonSyntaxException} with a short reason on bad input. */
  public static Object parse(String text) {
    try {
      return MAPPER.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new JsonSyntaxException(e.getOriginalMessage());
    }
  }

  /**
   * An object with {@code keysAndValues} in order (key, value, key, value...; values may be null), for
   * building a message in one expression.
   */
  public static Map<String, Object> object(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values come in pairs");
    }
    Map<String, Object> m = new LinkedHashMap<>(keysAndValues.length);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  public static String encode(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      // Plain Java values always serialise; anything else is a programming error.
      throw new IllegalArgumentException("value is not JSON-serialisable", e);
    }
  }

  /**
   * A string as a JSON string literal ({@code null} for null): the same text as {@link #encode}, made
   * without a generator when nothing needs escaping, since every broadcast frame quotes a few ids.
   */
  public static String quote(String text) {
    if (text == null) {
      return "null";
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\' || c > 0x7e) {
        return encode(text);
      }
    }
    return '"' + text + '"';
  }
}

package io.weft.ot;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Loads the reference vectors for the json0 type (generated with ot-json0) from the test resources under json0/. */
final class Vectors {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Vectors() {}

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> load(String name) {
    String resource = "/json0/" + name;
    try (InputStream in = Vectors.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<Map<String, Object>> cases = new ArrayList<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          cases.add(MAPPER.readValue(line, Map.class));
        }
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Object parseJson(String json) {
    try {
      return MAPPER.readValue(json, Object.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String toJson(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Component> op(Object json) {
    try {
      return Json0.parse(json);
    } catch (OtException e) {
      throw new AssertionError("reference op does not parse: " + e.getMessage(), e);
    }
  }

  static List<Component> op(String json) {
    return op(parseJson(json));
  }

  /** Collects per-case failures so one run reports how many cases fail, not just the first. */
  static final class Failures {
    private final List<String> messages = new ArrayList<>();
    private int count;

    void add(int caseIndex, String what) {
      count++;
      if (messages.size() < 15) {
        messages.add("case " + caseIndex + ": " + what);
      }
    }

    void check(int caseIndex, String what, Object expected, Object actual) {
      if (!Json0.deepEquals(expected, actual)) {
        add(caseIndex, what + "\n    expected " + Vectors.toJson(expected) + "\n    actual   " + Vectors.toJson(actual));
      }
    }

    void assertNone(int total) {
      if (count > 0) {
        throw new AssertionError(count + " of " + total + " cases failed:\n" + String.join("\n", messages));
      }
    }
  }
}

package io.weft.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonQuoteTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "webstrates", "a-page_1.2", "say \"hi\"", "back\\slash", "tab\there", "line\nbreak",
      "\u0000\u001f", "\u007f", "é☃", "𝄞", "</script>", "\u2028"})
  void quotesEveryStringAsTheEncoderDoes(String text) {
    assertEquals(Json.encode(text), Json.quote(text));
    assertEquals(text, Json.parse(Json.quote(text)));
  }

  @Test
  void quotesNullAsNull() {
    assertEquals("null", Json.quote(null));
  }
}

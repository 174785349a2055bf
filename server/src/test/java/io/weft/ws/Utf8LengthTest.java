package io.weft.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The send queue's byte count is the length of the UTF-8 the socket writes. */
class Utf8LengthTest {
  @ParameterizedTest
  @ValueSource(strings = {"", "{\"a\":\"pp\"}", "café naïve", "漢字仮名交じり文", "emoji 😀 and 𝄞", "ߞ߬ ࠀ \u07ff\u0800\uffff",
      "mixed: a é 漢 😀 end"})
  void countsTheBytesTheEncoderWrites(String text) {
    assertEquals(text.getBytes(StandardCharsets.UTF_8).length, SendQueues.utf8Length(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\ud800", "x\udc00y", "\ud83d"})
  void aLoneSurrogateCountsNoLessThanTheEncoderWrites(String text) {
    long counted = SendQueues.utf8Length(text);
    assertTrue(counted >= text.getBytes(StandardCharsets.UTF_8).length, "counted " + counted);
  }
}

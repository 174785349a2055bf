package io.weft.testing;

import static io.weft.testing.Wire.obj;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.AssertionFailedError;

/** The recorder's own assertions: "nothing arrived" must mean the server sent nothing in the time. */
class RecordingClientTest {
  @RegisterExtension
  static final ServerRig server = new ServerRig();

  @AfterEach
  void clearInterrupt() {
    // An interrupt left set would cut the next test's waits short.
    Thread.interrupted();
  }

  @Test
  void expectNothingPassesWhenTheServerStaysSilent() {
    try (RecordingClient client = server.connect("recorder1")) {
      client.expectNothing(200);
      client.expectNoPresence(0);
    }
  }

  @Test
  void expectNothingFailsWhenAFrameArrives() {
    try (RecordingClient client = server.connect("recorder2")) {
      client.send(obj("a", "pp"));
      assertThrows(AssertionFailedError.class, () -> client.expectNothing(5_000));
    }
  }

  @Test
  void waitsCutShortByAnInterruptFailRatherThanReportSilence() {
    List<Consumer<RecordingClient>> waits = List.of(c -> c.expectNothing(5_000), c -> c.expectNoPresence(5_000),
        c -> c.poll(5_000), c -> c.pollPresence(5_000));
    try (RecordingClient client = server.connect("recorder3")) {
      for (Consumer<RecordingClient> wait : waits) {
        Thread.currentThread().interrupt();
        assertThrows(IllegalStateException.class, () -> wait.accept(client));
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller to see");
      }
    }
  }
}

package io.weft.doc;

import static io.weft.testing.Wire.ack;
import static io.weft.testing.Wire.arr;
import static io.weft.testing.Wire.broadcast;
import static io.weft.testing.Wire.c;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.weft.testing.RecordingClient;
import io.weft.testing.ServerRig;
import io.weft.testing.Wire;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A subscriber's snapshot and the ops it is sent afterwards must fit together: a snapshot at version v
 * is followed by the op at v, never by an op the snapshot already holds. Large ops keep a commit in
 * flight long enough for a subscribe to arrive meanwhile; whenever it does or not, the assertions hold
 * for a correct server.
 */
class SubscribeWhileCommittingTest {
  private static final int ROUNDS = 8;
  @RegisterExtension
  static final ServerRig server = new ServerRig(Map.of("ws.maxFrameBytes", String.valueOf(8 * 1024 * 1024)));

  @Test
  void aSnapshotTakenDuringACommitIsFollowedOnlyByOpsItDoesNotHold() {
    String docId = "midcommit";
    try (RecordingClient writer = server.connect(docId)) {
      Wire.createPage(writer, docId);
      writer.subscribe(docId);
      for (int round = 1; round <= ROUNDS; round++) {
        List<Object> op = List.of(c(arr(5, 2), "li", ("r" + round).repeat(400_000)));
        writer.send(Wire.op(docId, null, writer.id, round + 1, op));
        // Wait until the server reports the op's version (not necessarily committed yet), then subscribe.
        while (Wire.pageVersion(server, docId) < round + 1) {
          Thread.onSpinWait();
        }
        try (RecordingClient reader = server.connect(docId)) {
          reader.send(RecordingClient.message("s", docId));
          Map<String, Object> reply = reader.next();
          assertEquals("s", reply.get("a"), "subscribe reply: " + reply.keySet());
          int version = (Integer) ((Map<?, ?>) reply.get("data")).get("v");
          assertTrue(version == round || version == round + 1, "snapshot version " + version);
          if (version == round) {
            // Taken before the op: the op follows.
            assertEquals(broadcast(docId, round, writer.id, round + 1, op), reader.next());
          }
          Map<String, Object> extra = reader.poll(300);
          if (extra != null) {
            fail("round " + round + ": after a snapshot at version " + version + " came " + extra.get("a")
                + " at version " + extra.get("v"));
          }
        }
        assertEquals(ack(docId, round, writer.id, round + 1), writer.next());
      }
    }
  }
}

package io.weft.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The browser client's {@code webstrate.getOps} against a server that answers three ops per reply:
 * it pages on to the end and runs parallel calls in turn, so callers still get the whole range.
 */
class GetOpsPagingBrowserTest {
  @RegisterExtension
  static final BrowserRig RIG = new BrowserRig(Map.of("history.maxOpsPerReply", "3"));

  @Test
  void getOpsPagesThroughShortRepliesAndParallelCallsBothComplete() {
    LivePage a = LivePage.open(RIG.chromium(), RIG.server(), "paging1");
    try {
      for (int i = 0; i < 10; i++) {
        a.eval("(i) => document.body.setAttribute('data-n', String(i))", i);
        a.saved();
      }
      List<Integer> all = IntStream.rangeClosed(0, 10).boxed().toList();
      assertEquals(all, a.eval("webstrate.getOps(0).then(ops => ops.map(o => o.v))"), "to the head, in pages");
      assertEquals(List.of(all, List.of(2, 3, 4, 5, 6, 7, 8)),
          a.eval("Promise.all([webstrate.getOps(0), webstrate.getOps(2, 9)]).then(rs => rs.map(ops => ops.map(o => o.v)))"),
          "two reads at once: the second waits for the first");
      assertEquals(List.of(4, 5, 6), a.eval("new Promise(r => webstrate.getOps(4, 7, (err, ops) => r(ops.map(o => o.v))))"));
    } finally {
      a.close();
    }
  }
}

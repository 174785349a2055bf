package io.weft.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.weft.auth.Caller;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HandshakeCodesTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final HandshakeCodes codes = new HandshakeCodes(now::get, 60_000);

  @Test
  void aCodeIsRedeemedOnceForItsPage() {
    String code = codes.mint(Caller.ANONYMOUS, "doc1");
    HandshakeCodes.Grant grant = codes.redeem(code);
    assertNotNull(grant);
    assertEquals("doc1", grant.docId());
    assertNull(codes.redeem(code), "single use");
  }

  @Test
  void aCodeExpiresAfterItsLifetime() {
    String code = codes.mint(Caller.ANONYMOUS, "doc1");
    now.addAndGet(60_000);
    assertNull(codes.redeem(code));
    String fresh = codes.mint(Caller.ANONYMOUS, "doc1");
    now.addAndGet(59_999);
    assertNotNull(codes.redeem(fresh));
  }

  @Test
  void unknownCodesRedeemNothing() {
    assertNull(codes.redeem(null));
    assertNull(codes.redeem("no-such-code"));
  }
}

package org.ncsha.peer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.ncsha.security.AuthKeys;

class PeerSignatureTest {
  private static final String SECRET = AuthKeys.peerSecret("Pair-Key-42".toCharArray());
  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private static final long T = NOW.toEpochMilli();

  @Test
  void a_signed_message_verifies_with_the_same_secret() {
    String sig = PeerSignature.sign(SECRET, T, "/api/peer/heartbeat", "{\"state\":\"Primary Active\"}");
    assertTrue(PeerSignature.verify(SECRET, Long.toString(T), "/api/peer/heartbeat", "{\"state\":\"Primary Active\"}", sig, NOW));
  }

  @Test
  void another_key_another_body_another_path_or_an_old_time_fail() {
    String body = "{\"state\":\"Primary Active\"}";
    String sig = PeerSignature.sign(SECRET, T, "/api/peer/heartbeat", body);
    String other = AuthKeys.peerSecret("Other-Key-42".toCharArray());
    assertFalse(PeerSignature.verify(other, Long.toString(T), "/api/peer/heartbeat", body, sig, NOW));
    assertFalse(PeerSignature.verify(SECRET, Long.toString(T), "/api/peer/heartbeat", body + " ", sig, NOW));
    assertFalse(PeerSignature.verify(SECRET, Long.toString(T), PeerSignature.replyPath("/api/peer/heartbeat"), body, sig, NOW));
    assertFalse(PeerSignature.verify(SECRET, Long.toString(T), "/api/peer/heartbeat", body, sig, NOW.plusSeconds(600)));
    assertFalse(PeerSignature.verify(SECRET, "not-a-time", "/api/peer/heartbeat", body, sig, NOW));
    assertFalse(PeerSignature.verify(null, Long.toString(T), "/api/peer/heartbeat", body, sig, NOW));
  }
}

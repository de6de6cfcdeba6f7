package org.ncsha.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.ncsha.security.AuthKeys;

class PeerSignatureTest {
  private static final String SALT = "test-pair-salt";
  private static final String SECRET = AuthKeys.peerSecret("Pair-Key-42".toCharArray(), SALT);
  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private static final long T = NOW.toEpochMilli();
  private static final String PATH = "/api/peer/heartbeat";
  private static final String BODY = "{\"state\":\"Primary Active\"}";
  private static final String NONCE = "n-1";

  @Test
  void a_signed_message_verifies_with_the_same_secret() {
    String sig = PeerSignature.sign(SECRET, T, NONCE, PATH, BODY);
    assertTrue(PeerSignature.verify(SECRET, Long.toString(T), NONCE, PATH, BODY, sig, NOW));
  }

  @Test
  void another_key_body_path_nonce_or_an_old_time_fail() {
    String sig = PeerSignature.sign(SECRET, T, NONCE, PATH, BODY);
    String other = AuthKeys.peerSecret("Other-Key-42".toCharArray(), SALT);
    assertFalse(PeerSignature.verify(other, Long.toString(T), NONCE, PATH, BODY, sig, NOW));
    assertFalse(PeerSignature.verify(SECRET, Long.toString(T), NONCE, PATH, BODY + " ", sig, NOW));
    assertFalse(PeerSignature.verify(SECRET, Long.toString(T), NONCE, PeerSignature.replyPath(PATH), BODY, sig, NOW));
    assertFalse(PeerSignature.verify(SECRET, Long.toString(T), "n-2", PATH, BODY, sig, NOW));
    assertFalse(PeerSignature.verify(SECRET, Long.toString(T), NONCE, PATH, BODY, sig, NOW.plusSeconds(600)));
    assertFalse(PeerSignature.verify(SECRET, "not-a-time", NONCE, PATH, BODY, sig, NOW));
    assertFalse(PeerSignature.verify(SECRET, Long.toString(T), null, PATH, BODY, sig, NOW));
    assertFalse(PeerSignature.verify(null, Long.toString(T), NONCE, PATH, BODY, sig, NOW));
  }

  @Test
  void nonces_are_fresh() {
    assertNotEquals(PeerSignature.newNonce(), PeerSignature.newNonce());
  }

  @Test
  void a_check_tells_a_clock_too_far_off_from_another_key() {
    String sig = PeerSignature.sign(SECRET, T, NONCE, PATH, BODY);
    assertEquals(PeerSignature.Check.VALID, PeerSignature.check(SECRET, Long.toString(T), NONCE, PATH, BODY, sig, NOW));
    assertEquals(PeerSignature.Check.CLOCK_SKEW,
        PeerSignature.check(SECRET, Long.toString(T), NONCE, PATH, BODY, sig, NOW.plusSeconds(121)));
    assertEquals(PeerSignature.Check.WRONG_KEY,
        PeerSignature.check(AuthKeys.peerSecret("Other-Key-43".toCharArray(), SALT), Long.toString(T), NONCE, PATH, BODY, sig, NOW));
    assertEquals(PeerSignature.Check.UNSIGNED, PeerSignature.check(SECRET, null, NONCE, PATH, BODY, sig, NOW));
  }
}

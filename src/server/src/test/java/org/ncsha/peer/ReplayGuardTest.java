package org.ncsha.peer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

  @Test
  void a_nonce_is_accepted_once_within_the_window() {
    ReplayGuard guard = new ReplayGuard(Duration.ofMinutes(2));
    assertTrue(guard.firstUse("abc", T0));
    assertFalse(guard.firstUse("abc", T0.plusSeconds(30)), "the replay is refused");
    assertTrue(guard.firstUse("def", T0.plusSeconds(30)));
  }

  @Test
  void missing_or_oversized_nonces_are_refused() {
    ReplayGuard guard = new ReplayGuard(Duration.ofMinutes(2));
    assertFalse(guard.firstUse(null, T0));
    assertFalse(guard.firstUse(" ", T0));
    assertFalse(guard.firstUse("x".repeat(65), T0));
  }

  @Test
  void nonces_are_forgotten_only_after_the_timestamps_that_carried_them_expired() {
    ReplayGuard guard = new ReplayGuard(Duration.ofMinutes(2));
    assertTrue(guard.firstUse("old", T0));
    assertFalse(guard.firstUse("old", T0.plus(Duration.ofMinutes(3))), "still remembered inside twice the window");
    assertTrue(guard.firstUse("new", T0.plus(Duration.ofMinutes(5))));
    assertTrue(guard.firstUse("old", T0.plus(Duration.ofMinutes(5))), "forgotten once its time could no longer verify");
  }
}

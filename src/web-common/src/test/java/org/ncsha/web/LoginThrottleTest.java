package org.ncsha.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  private static Optional<Instant> failFiveTimes(LoginThrottle t, String source, Instant at) {
    Optional<Instant> locked = Optional.empty();
    for (int i = 0; i < LoginThrottle.FAILURES_PER_LOCKOUT; i++) {
      locked = t.failed(source, at);
    }
    return locked;
  }

  @Test
  void five_failures_lock_out_that_address_only() {
    LoginThrottle t = new LoginThrottle(100);
    for (int i = 0; i < 4; i++) {
      assertTrue(t.failed("10.0.0.9", T0).isEmpty(), "failure " + (i + 1) + " does not lock yet");
    }
    assertEquals(Optional.of(T0.plusSeconds(30)), t.failed("10.0.0.9", T0));
    assertTrue(t.lockedUntil("10.0.0.9", T0.plusSeconds(29)).isPresent());
    assertFalse(t.lockedUntil("10.0.0.9", T0.plusSeconds(30)).isPresent(), "the lockout ends");
    assertFalse(t.lockedUntil("10.0.0.1", T0).isPresent(), "root at another address is never locked out by it");
  }

  @Test
  void each_new_lockout_is_twice_as_long_up_to_fifteen_minutes() {
    LoginThrottle t = new LoginThrottle(100);
    Instant at = T0;
    long[] expectedSeconds = {30, 60, 120, 240, 480, 900, 900};
    for (long seconds : expectedSeconds) {
      Instant until = failFiveTimes(t, "10.0.0.9", at).orElseThrow();
      assertEquals(Duration.ofSeconds(seconds), Duration.between(at, until));
      at = until;
    }
  }

  @Test
  void a_success_forgets_the_address() {
    LoginThrottle t = new LoginThrottle(100);
    failFiveTimes(t, "10.0.0.9", T0);
    t.succeeded("10.0.0.9");
    assertFalse(t.lockedUntil("10.0.0.9", T0).isPresent());
    assertEquals(Duration.ofSeconds(30), Duration.between(T0, failFiveTimes(t, "10.0.0.9", T0).orElseThrow()),
        "the back-off starts from the beginning again");
  }
}

package org.ncsha.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SourceRateLimiterTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void a_burst_passes_then_the_source_waits_for_its_rate() {
    SourceRateLimiter limiter = new SourceRateLimiter(10, 5, 100);
    for (int i = 0; i < 5; i++) {
      assertTrue(limiter.allow("10.0.0.1", T0), "request " + i + " of the burst");
    }
    assertFalse(limiter.allow("10.0.0.1", T0), "the sixth at once is over the burst");
    assertFalse(limiter.allow("10.0.0.1", T0.plusMillis(50)), "half a token is not a request");
    assertTrue(limiter.allow("10.0.0.1", T0.plusMillis(100)), "10 a second: one more after 100 ms");
  }

  @Test
  void one_flooding_source_does_not_limit_another() {
    SourceRateLimiter limiter = new SourceRateLimiter(1, 2, 100);
    assertTrue(limiter.allow("10.0.0.1", T0));
    assertTrue(limiter.allow("10.0.0.1", T0));
    assertFalse(limiter.allow("10.0.0.1", T0));
    assertTrue(limiter.allow("10.0.0.2", T0));
  }

  @Test
  void it_remembers_a_bounded_number_of_sources() {
    SourceRateLimiter limiter = new SourceRateLimiter(1, 1, 3);
    for (int i = 0; i < 50; i++) {
      limiter.allow("10.0.0." + i, T0);
    }
    assertEquals(3, limiter.sources());
  }

  @Test
  void nonsense_limits_are_refused() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new SourceRateLimiter(0, 1, 1));
  }
}

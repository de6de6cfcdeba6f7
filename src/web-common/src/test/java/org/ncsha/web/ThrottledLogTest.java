package org.ncsha.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ThrottledLogTest {
  @Test
  void one_line_per_interval_then_the_count_of_those_left_out() {
    ThrottledLog log = new ThrottledLog(Duration.ofMinutes(1));
    Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
    assertEquals("refused", log.lineFor("refused", t0));
    assertNull(log.lineFor("refused", t0.plusSeconds(1)));
    assertNull(log.lineFor("refused", t0.plusSeconds(59)));
    assertEquals("refused (and 2 more like it since the last such line)", log.lineFor("refused", t0.plusSeconds(60)));
    assertEquals("refused", log.lineFor("refused", t0.plusSeconds(200)));
  }
}

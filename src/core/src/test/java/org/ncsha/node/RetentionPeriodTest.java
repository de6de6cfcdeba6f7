package org.ncsha.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetentionPeriodTest {
  @Test
  void theGuidesSizesGiveSixOrTwelveHours() {
    assertEquals(Duration.ofHours(6), RetentionPeriod.of(null, null));
    assertEquals(Duration.ofHours(6), RetentionPeriod.of("express", ""));
    assertEquals(Duration.ofHours(6), RetentionPeriod.of("Express-Plus", null));
    assertEquals(Duration.ofHours(6), RetentionPeriod.of("standard", null));
    assertEquals(Duration.ofHours(12), RetentionPeriod.of("professional", null));
    assertEquals(Duration.ofHours(12), RetentionPeriod.of("gen2", null));
  }

  @Test
  void hoursOverrideTheProfile() {
    assertEquals(Duration.ofMinutes(90), RetentionPeriod.of("professional", "1.5"));
    assertEquals(Duration.ofMillis(3600), RetentionPeriod.of("standard", "0.001"));
  }

  @Test
  void badValuesNameTheKey() {
    assertEquals("node.properties: size.profile must be one of express, express-plus, standard, professional, gen2, was 'huge'",
        assertThrows(IllegalArgumentException.class, () -> RetentionPeriod.of("huge", null)).getMessage());
    assertEquals("node.properties: retention.hours must be a number of hours above 0, was '0'",
        assertThrows(IllegalArgumentException.class, () -> RetentionPeriod.of("standard", "0")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> RetentionPeriod.of("standard", "six"));
  }
}

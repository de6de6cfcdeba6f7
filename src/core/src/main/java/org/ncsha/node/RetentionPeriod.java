package org.ncsha.node;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The guide's data retention period: a primary that was down longer than this gets a full
 * database copy from the secondary instead of a rewind. 6 h for the express, express-plus and
 * standard sizes, 12 h for professional and Gen 2 (node.properties {@code size.profile},
 * default standard); {@code retention.hours} overrides it (a decimal number of hours).
 */
public final class RetentionPeriod {
  static final List<String> SHORT_PROFILES = List.of("express", "express-plus", "standard");
  static final List<String> LONG_PROFILES = List.of("professional", "gen2");

  private RetentionPeriod() {}

  /**
   * @throws IllegalArgumentException naming the key, for an unknown profile or a bad number
   */
  public static Duration of(String sizeProfile, String retentionHours) {
    String profile = sizeProfile == null || sizeProfile.isBlank() ? "standard" : sizeProfile.strip().toLowerCase(Locale.ROOT);
    Duration byProfile;
    if (SHORT_PROFILES.contains(profile)) {
      byProfile = Duration.ofHours(6);
    } else if (LONG_PROFILES.contains(profile)) {
      byProfile = Duration.ofHours(12);
    } else {
      throw new IllegalArgumentException("node.properties: size.profile must be one of express, express-plus, standard,"
          + " professional, gen2, was '" + sizeProfile + "'");
    }
    if (retentionHours == null || retentionHours.isBlank()) {
      return byProfile;
    }
    double hours;
    try {
      hours = Double.parseDouble(retentionHours.strip());
    } catch (NumberFormatException e) {
      hours = Double.NaN;
    }
    if (!(hours > 0) || hours > 24 * 365) {
      throw new IllegalArgumentException("node.properties: retention.hours must be a number of hours above 0, was '"
          + retentionHours + "'");
    }
    return Duration.ofMillis(Math.round(hours * 3_600_000));
  }
}

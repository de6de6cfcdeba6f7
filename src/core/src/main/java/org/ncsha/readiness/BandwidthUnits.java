package org.ncsha.readiness;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The guide's speed test works in Mbps only: a figure given in GBps, MBps, KBps or Mbps is
 * converted (bytes are 8 bits; K, M, G are powers of 1000, as network speeds are).
 */
public final class BandwidthUnits {
  private static final Pattern SPEED = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(GBps|MBps|KBps|Gbps|Mbps|Kbps)\\s*");

  private BandwidthUnits() {}

  /** @throws IllegalArgumentException naming the rule, for anything else */
  public static double toMbps(String field, String value) {
    Matcher m = value == null ? null : SPEED.matcher(value);
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException(field + " must be a number followed by GBps, MBps, KBps, Gbps, Mbps or Kbps, was '"
          + value + "'");
    }
    double n = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "GBps" -> n * 8 * 1000;
      case "MBps" -> n * 8;
      case "KBps" -> n * 8 / 1000;
      case "Gbps" -> n * 1000;
      case "Mbps" -> n;
      case "Kbps" -> n / 1000;
      default -> throw new IllegalStateException(m.group(2).toLowerCase(Locale.ROOT));
    };
  }
}

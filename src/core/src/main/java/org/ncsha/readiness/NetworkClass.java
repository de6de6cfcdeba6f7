package org.ncsha.readiness;

/**
 * The guide's "Network Throughput Restrictions on HA", for a typical 125 GB database: best
 * (sub-millisecond, 977 Mbps or more: a full copy in an hour or less), good (70 ms or less,
 * 255 Mbps), acceptable (220 ms or less, 86 Mbps: up to 4.5 hours) and at risk beyond (the copy
 * may not complete).
 */
public enum NetworkClass {
  BEST("best"),
  GOOD("good"),
  ACCEPTABLE("acceptable"),
  AT_RISK("at risk");

  private final String label;

  NetworkClass(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static NetworkClass of(double latencyMillis, double mbps) {
    if (latencyMillis < 1 && mbps >= 977) {
      return BEST;
    }
    if (latencyMillis <= 70 && mbps >= 255) {
      return GOOD;
    }
    if (latencyMillis <= 220 && mbps >= 86) {
      return ACCEPTABLE;
    }
    return AT_RISK;
  }
}

package org.ncsha.ha;

/** How the secondary takes over from a failed primary: by the administrator or by itself. */
public enum FailoverType {
  MANUAL,
  AUTOMATIC;

  /** The name used on the wire, in the status JSON and on the CLI: "manual" or "automatic". */
  public String wireName() {
    return WireNames.of(this);
  }

  /** The name the pages and the events show: "Manual" or "Automatic". */
  public String displayName() {
    return this == AUTOMATIC ? "Automatic" : "Manual";
  }

  /**
   * Parses a wire name, case-insensitively.
   *
   * @throws IllegalArgumentException naming the allowed values when {@code wireName} is not one
   */
  public static FailoverType fromWireName(String wireName) {
    return WireNames.parse(FailoverType.class, "failover type", wireName);
  }
}

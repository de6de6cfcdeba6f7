package org.ncsha.ha;

/**
 * How the active secondary hands back to a restored primary: when the administrator asks (the
 * server pair's only way, as the guide has it), or by itself once the primary has been healthy
 * in Primary Syncing for a while (the guide's MSE pairs: "Failback Type ... automatic").
 */
public enum FailbackType {
  MANUAL,
  AUTOMATIC;

  /** "Manual" or "Automatic", as the pages and events show it. */
  public String displayName() {
    return this == MANUAL ? "Manual" : "Automatic";
  }

  /** "manual" or "automatic", as in the registration form and the status JSON. */
  public String wireName() {
    return WireNames.of(this);
  }

  /**
   * Parses a wire name, case-insensitively.
   *
   * @throws IllegalArgumentException naming the allowed values when {@code wireName} is not one
   */
  public static FailbackType fromWireName(String wireName) {
    return WireNames.parse(FailbackType.class, "failback type", wireName);
  }
}

package org.ncsha.ha;

/** The HA configuration modes of the guide's Table 2, with their display names. */
public enum HaMode {
  NOT_CONFIGURED("HA not configured"),
  INITIALIZING("HA initializing"),
  ENABLED("HA enabled"),
  ALONE("HA alone");

  private final String displayName;

  HaMode(String displayName) {
    this.displayName = displayName;
  }

  /** The mode exactly as the guide and the status contract write it, e.g. "HA enabled". */
  public String displayName() {
    return displayName;
  }
}

package org.ncsha.readiness;

/** The result of one readiness check, as the guide's checklist shows it. */
public enum CheckStatus {
  PASS("Pass"),
  WARNING("Warning"),
  FAIL("Fail");

  private final String displayName;

  CheckStatus(String displayName) {
    this.displayName = displayName;
  }

  public String displayName() {
    return displayName;
  }

  /** The worse of two: a run is as ready as its worst check. */
  public CheckStatus worse(CheckStatus other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}

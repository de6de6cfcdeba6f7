package org.ncsha.update;

/** The steps of a rolling update, in order, each as the Software Update page names it. */
public enum RollingStep {
  SEND_BUNDLE("Send the update to the secondary"),
  UPDATE_SECONDARY("Update the secondary"),
  SWITCH_TO_SECONDARY("Switch over to the secondary"),
  UPDATE_PRIMARY("Update the primary"),
  SWITCH_BACK("Switch back to the primary");

  private final String displayName;

  RollingStep(String displayName) {
    this.displayName = displayName;
  }

  public String displayName() {
    return displayName;
  }

  /** The step after this one, or null after the last. */
  public RollingStep next() {
    return ordinal() + 1 < values().length ? values()[ordinal() + 1] : null;
  }
}

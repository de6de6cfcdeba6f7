package org.ncsha.update;

/** The Status of Updates' words for how an install ended, as both servers record and report them. */
public final class UpdateOutcome {
  private UpdateOutcome() {}

  public static final String INSTALLED = "Installed";
  public static final String ROLLED_BACK = "Rolled back";
  /** Never began: nothing restarted the server into it (under systemd, the ncs-ha-update.path unit is missing). */
  public static final String WITHDRAWN = "Withdrawn";
}

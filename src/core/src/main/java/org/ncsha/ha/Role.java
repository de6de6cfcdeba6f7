package org.ncsha.ha;

/** The role a node was installed with; a node not installed as secondary is the primary. */
public enum Role {
  PRIMARY,
  SECONDARY;

  /** The lower-case name used in the HM status contract ("primary" / "secondary"). */
  public String wireName() {
    return WireNames.of(this);
  }
}

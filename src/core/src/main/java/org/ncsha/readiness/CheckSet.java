package org.ncsha.readiness;

/**
 * The guide's two checklists: the one the HA Configuration page runs before registration
 * ("Check Readiness"), and the one the Health Monitor page runs on a schedule ("Check
 * Failover Readiness").
 */
public enum CheckSet {
  REGISTRATION,
  FAILOVER;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

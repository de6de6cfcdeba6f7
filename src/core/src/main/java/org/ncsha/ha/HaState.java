package org.ncsha.ha;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Every HA state of the guide's Table 3 plus "HA Not Configured", with the server it belongs
 * to, the configuration mode it implies and whether this node's database must be read-write.
 * docs/states.md explains each one and the choices made where the guide is inconsistent.
 */
public enum HaState {
  HA_NOT_CONFIGURED("HA Not Configured", null, HaMode.NOT_CONFIGURED, true),
  /** Same meaning as HA Not Configured; used after HA was removed with the secondary unreachable. */
  STAND_ALONE("Stand Alone", null, HaMode.NOT_CONFIGURED, true),
  /** Serves writes on the primary only; the secondary's database is being replaced by the clone. */
  HA_INITIALIZING("HA Initializing", null, HaMode.INITIALIZING, true),

  PRIMARY_ACTIVE("Primary Active", Role.PRIMARY, HaMode.ENABLED, true),
  /**
   * The guide: "Primary restarted after it lost secondary. Only Health Monitor is running in
   * this state." It does not serve until it hears the secondary as a standby: the secondary may
   * have taken over while this server was down.
   */
  PRIMARY_ALONE("Primary Alone", Role.PRIMARY, HaMode.ALONE, false),
  PRIMARY_LOST_SECONDARY("Primary Lost Secondary", Role.PRIMARY, HaMode.ALONE, true),
  /** Declared failed: it stops writing so that a failover cannot split the brain. */
  PRIMARY_UNCERTAIN("Primary Uncertain", Role.PRIMARY, HaMode.ENABLED, false),
  PRIMARY_FAILOVER("Primary Failover", Role.PRIMARY, HaMode.ENABLED, false),
  PRIMARY_PREPARING_FOR_FAILBACK(
      "Primary Preparing for Failback", Role.PRIMARY, HaMode.ENABLED, false),
  PRIMARY_DATABASE_COPY_FAILED("Primary Database Copy Failed", Role.PRIMARY, HaMode.ENABLED, false),
  PRIMARY_SYNCING("Primary Syncing", Role.PRIMARY, HaMode.ENABLED, false),
  PRIMARY_FAILBACK("Primary Failback", Role.PRIMARY, HaMode.ENABLED, false),

  SECONDARY_SYNCING("Secondary Syncing", Role.SECONDARY, HaMode.ENABLED, false),
  SECONDARY_UNCERTAIN("Secondary Uncertain", Role.SECONDARY, HaMode.ENABLED, false),
  SECONDARY_LOST_PRIMARY("Secondary Lost Primary", Role.SECONDARY, HaMode.ENABLED, false),
  SECONDARY_FAILOVER("Secondary Failover", Role.SECONDARY, HaMode.ENABLED, false),
  SECONDARY_ACTIVE("Secondary Active", Role.SECONDARY, HaMode.ENABLED, true),
  /** The secondary restarted while active and the primary does not answer: it serves alone. */
  SECONDARY_ALONE("Secondary Alone", Role.SECONDARY, HaMode.ALONE, true),
  /** Writes are stopped so that the primary can replay everything before it takes over. */
  SECONDARY_FAILBACK("Secondary Failback", Role.SECONDARY, HaMode.ENABLED, false),
  SECONDARY_POST_FAILBACK("Secondary Post Failback", Role.SECONDARY, HaMode.ENABLED, false);

  private final String displayName;
  private final Role server;
  private final HaMode mode;
  private final boolean servesWrites;

  HaState(String displayName, Role server, HaMode mode, boolean servesWrites) {
    this.displayName = displayName;
    this.server = server;
    this.mode = mode;
    this.servesWrites = servesWrites;
  }

  /** The state exactly as the guide writes it, e.g. "Primary Active". */
  public String displayName() {
    return displayName;
  }

  /** The server this state belongs to, or null for states of both servers. */
  public Role server() {
    return server;
  }

  /** The configuration mode (Table 2) a node in this state is in. */
  public HaMode mode() {
    return mode;
  }

  /** Whether this node's application database must be read-write in this state. */
  public boolean servesWrites() {
    return servesWrites;
  }

  /**
   * Like {@link #servesWrites()} but exact for the states of both servers: a secondary in HA
   * Initializing is being cloned and serves nothing.
   */
  public boolean servesWrites(Role role) {
    return this == HA_INITIALIZING ? role == Role.PRIMARY : servesWrites;
  }

  /**
   * Whether this server is the source of the synchronized files: it serves writes, or, in
   * Secondary Failback, hands them back to the primary (the guide: "database and file
   * replication is in progress") until the roles switch.
   */
  public boolean sendsFiles(Role role) {
    return this == SECONDARY_FAILBACK || servesWrites(role);
  }

  /**
   * Whether a node in this state holds the pair's virtual IP: where writes are served, and on a
   * secondary already while its database is promoted, so that clients' connections reach it (a
   * quick 503, retried) instead of waiting on a SYN sent to the old server's MAC.
   */
  public boolean holdsVirtualIp(Role role) {
    return this == SECONDARY_FAILOVER || servesWrites(role);
  }

  /** Whether HA is configured (or being configured) on a node in this state. */
  public boolean haConfigured() {
    return mode != HaMode.NOT_CONFIGURED;
  }

  /** Whether a node in this state may be in the given installed role. */
  public boolean allowedFor(Role role) {
    return server == null || server == role;
  }

  /**
   * Parses a display name, ignoring case and surrounding blanks (the guide itself writes both
   * "HA Not Configured" and "HA not configured").
   *
   * @throws IllegalArgumentException listing the known names when none matches
   */
  public static HaState fromDisplayName(String displayName) {
    String wanted = displayName == null ? "" : displayName.trim();
    for (HaState state : values()) {
      if (state.displayName.equalsIgnoreCase(wanted)) {
        return state;
      }
    }
    throw new IllegalArgumentException(
        "Unknown HA state '"
            + displayName
            + "': known states are "
            + Arrays.stream(values()).map(HaState::displayName).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return displayName;
  }
}

package org.ncsha.ha;

/**
 * How this server's application and database stand at this tick, so that the decider keeps them
 * in line with the state ({@link ModeRules}): whether the application accepts writes, whether
 * the witness fenced it, whether the database accepts writes (reachable, not a standby, not taken
 * down by a copy or rewind), with the synchronous replication option on a database that accepts
 * writes, the standby a commit waits for ("" for none; null when not observed) and whether that
 * standby streams, and where the pair's virtual IP stands on this server.
 */
public record LocalMode(
    boolean applicationWritable,
    boolean fenced,
    boolean databaseWritable,
    String synchronousStandby,
    boolean standbyStreaming,
    VirtualIp virtualIp) {

  /** Without a virtual IP in the picture (no VIP configured, none left over). */
  public LocalMode(boolean applicationWritable, boolean fenced, boolean databaseWritable, String synchronousStandby,
      boolean standbyStreaming) {
    this(applicationWritable, fenced, databaseWritable, synchronousStandby, standbyStreaming, VirtualIp.NONE);
  }

  /** The virtual IP on this server. */
  public enum VirtualIp {
    /** None is configured and none is here. */
    NONE,
    /** Configured, and every address of it is on this server. */
    HELD,
    /** Configured, and none of it on this server. */
    NOT_HELD,
    /**
     * Configured, and some of its addresses (an IPv4 and an IPv6 one) on this server but not all:
     * a release or an acquisition that failed half way. To be completed or let go.
     */
    PARTLY_HELD,
    /** Not configured (HA was removed) but still on this server. */
    HELD_UNCONFIGURED
  }
}

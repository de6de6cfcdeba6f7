package org.ncsha.ha;

import java.time.Duration;

/**
 * The HA settings the decider needs: installed role, failover type, how many consecutive missed
 * heartbeats mean the peer is lost, how long the secondary waits in Secondary Lost Primary
 * before an automatic failover, the peer's address (null while not registered), and how far
 * behind the primary's last reported WAL a standby may be for an automatic failover (Patroni's
 * {@code maximum_lag_on_failover}), and whether the synchronous replication option is on.
 */
public record HaConfig(
    Role role, FailoverType failoverType, int missLimit, Duration holdDown, String peerAddress,
    long maxLagOnFailoverBytes, boolean synchronousReplication) {

  public HaConfig(Role role, FailoverType failoverType, int missLimit, Duration holdDown, String peerAddress,
      long maxLagOnFailoverBytes) {
    this(role, failoverType, missLimit, holdDown, peerAddress, maxLagOnFailoverBytes, false);
  }

  /** Patroni's default maximum_lag_on_failover: one WAL segment's worth, 16 MB. */
  public static final long DEFAULT_MAX_LAG_ON_FAILOVER = 16L * 1024 * 1024;

  public HaConfig(Role role, FailoverType failoverType, int missLimit, Duration holdDown, String peerAddress) {
    this(role, failoverType, missLimit, holdDown, peerAddress, DEFAULT_MAX_LAG_ON_FAILOVER);
  }

  /** The guide: "not responsive to three consecutive heartbeat messages". */
  public static final int DEFAULT_MISS_LIMIT = 3;

  public HaConfig {
    role = role == null ? Role.PRIMARY : role;
    // Manual is the guide's recommendation, so it is what an unset value means.
    failoverType = failoverType == null ? FailoverType.MANUAL : failoverType;
    holdDown = holdDown == null ? Duration.ZERO : holdDown;
    if (missLimit < 1) {
      throw new IllegalArgumentException("missLimit must be >= 1, was " + missLimit);
    }
    if (maxLagOnFailoverBytes < 0) {
      throw new IllegalArgumentException("maxLagOnFailoverBytes must not be negative, was " + maxLagOnFailoverBytes);
    }
    if (holdDown.isNegative()) {
      throw new IllegalArgumentException("holdDown must not be negative, was " + holdDown);
    }
  }

  /** Defaults for a node not yet registered: manual failover, 3 misses, no hold-down. */
  public static HaConfig unregistered(Role role) {
    return new HaConfig(role, FailoverType.MANUAL, DEFAULT_MISS_LIMIT, Duration.ZERO, null);
  }

  public HaConfig withPeer(String address, FailoverType type) {
    return new HaConfig(role, type, missLimit, holdDown, address, maxLagOnFailoverBytes, synchronousReplication);
  }

  public HaConfig withoutPeer() {
    return new HaConfig(role, failoverType, missLimit, holdDown, null, maxLagOnFailoverBytes, synchronousReplication);
  }

  public HaConfig withFailoverType(FailoverType type) {
    return new HaConfig(role, type, missLimit, holdDown, peerAddress, maxLagOnFailoverBytes, synchronousReplication);
  }

  public HaConfig withHoldDown(Duration duration) {
    return new HaConfig(role, failoverType, missLimit, duration, peerAddress, maxLagOnFailoverBytes, synchronousReplication);
  }

  public HaConfig withSynchronousReplication(boolean on) {
    return new HaConfig(role, failoverType, missLimit, holdDown, peerAddress, maxLagOnFailoverBytes, on);
  }
}

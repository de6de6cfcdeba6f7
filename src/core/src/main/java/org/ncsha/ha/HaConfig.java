package org.ncsha.ha;

import java.time.Duration;

/**
 * The HA settings the decider needs: installed role, failover type, how many consecutive missed
 * heartbeats mean the peer is lost, how long the secondary waits in Secondary Lost Primary
 * before an automatic failover, the peer's address (null while not registered), and how far
 * behind the primary's last reported WAL a standby may be for an automatic failover (Patroni's
 * {@code maximum_lag_on_failover}), whether the synchronous replication option is on, how
 * long a failback waits for the primary to catch up before it is abandoned, the pair's
 * virtual IP (a settings change compares the new one with it), and the failback type with, for
 * an automatic failback, how long the restored primary must have been healthy in Primary
 * Syncing first (against a primary that comes and goes), and whether this is an MSE primary
 * set up in HA recovery mode ({@link #servesWrites(HaState)}).
 */
public record HaConfig(
    Role role, FailoverType failoverType, int missLimit, Duration holdDown, String peerAddress,
    long maxLagOnFailoverBytes, boolean synchronousReplication, Duration failbackCatchUp, VirtualIps virtualIps,
    FailbackType failbackType, Duration failbackDelay, boolean recoveryMode) {

  /** failback.delay.seconds' default: five minutes of a steady primary before an automatic failback. */
  public static final Duration DEFAULT_FAILBACK_DELAY = Duration.ofMinutes(5);

  public HaConfig(Role role, FailoverType failoverType, int missLimit, Duration holdDown, String peerAddress,
      long maxLagOnFailoverBytes, boolean synchronousReplication, Duration failbackCatchUp, VirtualIps virtualIps) {
    this(role, failoverType, missLimit, holdDown, peerAddress, maxLagOnFailoverBytes, synchronousReplication,
        failbackCatchUp, virtualIps, FailbackType.MANUAL, DEFAULT_FAILBACK_DELAY, false);
  }

  /** failback.catchup.seconds' default. */
  public static final Duration DEFAULT_FAILBACK_CATCH_UP = Duration.ofSeconds(120);

  public HaConfig(Role role, FailoverType failoverType, int missLimit, Duration holdDown, String peerAddress,
      long maxLagOnFailoverBytes) {
    this(role, failoverType, missLimit, holdDown, peerAddress, maxLagOnFailoverBytes, false, DEFAULT_FAILBACK_CATCH_UP,
        VirtualIps.NONE);
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
    failbackCatchUp = failbackCatchUp == null ? DEFAULT_FAILBACK_CATCH_UP : failbackCatchUp;
    virtualIps = virtualIps == null ? VirtualIps.NONE : virtualIps;
    failbackType = failbackType == null ? FailbackType.MANUAL : failbackType;
    failbackDelay = failbackDelay == null ? DEFAULT_FAILBACK_DELAY : failbackDelay;
    if (missLimit < 1) {
      throw new IllegalArgumentException("missLimit must be >= 1, was " + missLimit);
    }
    if (maxLagOnFailoverBytes < 0) {
      throw new IllegalArgumentException("maxLagOnFailoverBytes must not be negative, was " + maxLagOnFailoverBytes);
    }
    if (failbackCatchUp.isNegative()) {
      throw new IllegalArgumentException("failbackCatchUp must not be negative, was " + failbackCatchUp);
    }
    if (failbackDelay.isNegative()) {
      throw new IllegalArgumentException("failbackDelay must not be negative, was " + failbackDelay);
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
    return new HaConfig(role, type, missLimit, holdDown, address, maxLagOnFailoverBytes, synchronousReplication,
        failbackCatchUp, virtualIps, failbackType, failbackDelay, recoveryMode);
  }

  /** Remove HA: the virtual IP belongs to the HA configuration and goes with it. */
  public HaConfig withoutPeer() {
    return new HaConfig(role, failoverType, missLimit, holdDown, null, maxLagOnFailoverBytes, synchronousReplication,
        failbackCatchUp, VirtualIps.NONE, failbackType, failbackDelay, recoveryMode);
  }

  public HaConfig withFailoverType(FailoverType type) {
    return new HaConfig(role, type, missLimit, holdDown, peerAddress, maxLagOnFailoverBytes, synchronousReplication,
        failbackCatchUp, virtualIps, failbackType, failbackDelay, recoveryMode);
  }

  public HaConfig withHoldDown(Duration duration) {
    return new HaConfig(role, failoverType, missLimit, duration, peerAddress, maxLagOnFailoverBytes, synchronousReplication,
        failbackCatchUp, virtualIps, failbackType, failbackDelay, recoveryMode);
  }

  public HaConfig withSynchronousReplication(boolean on) {
    return new HaConfig(role, failoverType, missLimit, holdDown, peerAddress, maxLagOnFailoverBytes, on, failbackCatchUp,
        virtualIps, failbackType, failbackDelay, recoveryMode);
  }

  public HaConfig withFailbackCatchUp(Duration wait) {
    return new HaConfig(role, failoverType, missLimit, holdDown, peerAddress, maxLagOnFailoverBytes,
        synchronousReplication, wait, virtualIps, failbackType, failbackDelay, recoveryMode);
  }

  public HaConfig withVirtualIps(VirtualIps addresses) {
    return new HaConfig(role, failoverType, missLimit, holdDown, peerAddress, maxLagOnFailoverBytes,
        synchronousReplication, failbackCatchUp, addresses, failbackType, failbackDelay, recoveryMode);
  }

  public HaConfig withFailback(FailbackType type, Duration delay) {
    return new HaConfig(role, failoverType, missLimit, holdDown, peerAddress, maxLagOnFailoverBytes,
        synchronousReplication, failbackCatchUp, virtualIps, type, delay, recoveryMode);
  }

  /** An MSE primary set up in HA recovery mode: see {@link #servesWrites(HaState)}. */
  public HaConfig withRecoveryMode(boolean on) {
    return new HaConfig(role, failoverType, missLimit, holdDown, peerAddress, maxLagOnFailoverBytes,
        synchronousReplication, failbackCatchUp, virtualIps, failbackType, failbackDelay, on);
  }

  /**
   * Whether this server takes writes in {@code state}. A primary MSE set up in HA recovery mode
   * (the guide's replaced primary, whose configuration is on the secondary) serves nothing while
   * HA is not configured: its data comes with the failback from the secondary, and answering
   * before that would hand out an empty location service.
   */
  public boolean servesWrites(HaState state) {
    return state.servesWrites(role) && !(recoveryMode && !state.haConfigured());
  }
}

package org.ncsha.ha;

import java.time.Duration;
import java.util.Objects;

/**
 * What the peer said about itself in its last heartbeat answer, and {@code seenInStateFor}: how
 * long this server has heard the peer name that state in every answer, without a silence between
 * (null when not tracked). It is this server's own measure, so a peer's clock does not enter it.
 */
public record PeerReport(HaState state, boolean processesHealthy, boolean databaseHealthy, Duration seenInStateFor) {

  public PeerReport {
    Objects.requireNonNull(state, "state");
  }

  public PeerReport(HaState state, boolean processesHealthy, boolean databaseHealthy) {
    this(state, processesHealthy, databaseHealthy, null);
  }

  /** Whether the peer reports itself failed: Primary Uncertain, or its database is down. */
  public boolean failed() {
    return state == HaState.PRIMARY_UNCERTAIN || !databaseHealthy;
  }

  /** Whether the peer reports itself healthy: database up and all processes running. */
  public boolean allHealthy() {
    return processesHealthy && databaseHealthy;
  }

  /** Whether it has been healthy in {@code expected} for at least {@code steady}, as far as this server has seen. */
  public boolean steadyIn(HaState expected, Duration steady) {
    return state == expected && allHealthy() && seenInStateFor != null && seenInStateFor.compareTo(steady) >= 0;
  }
}

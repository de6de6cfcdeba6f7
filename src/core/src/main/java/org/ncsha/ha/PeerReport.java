package org.ncsha.ha;

import java.util.Objects;

/** What the peer said about itself in its last heartbeat answer. */
public record PeerReport(HaState state, boolean processesHealthy, boolean databaseHealthy) {

  public PeerReport {
    Objects.requireNonNull(state, "state");
  }

  /** Whether the peer reports itself failed: Primary Uncertain, or its database is down. */
  public boolean failed() {
    return state == HaState.PRIMARY_UNCERTAIN || !databaseHealthy;
  }

  /** Whether the peer reports itself healthy: database up and all processes running. */
  public boolean allHealthy() {
    return processesHealthy && databaseHealthy;
  }
}

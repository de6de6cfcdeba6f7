package org.ncsha.ha;

import java.time.Instant;
import java.util.Objects;

/** The state this node is in and since when (the runner resets {@code since} on every change). */
public record NodeStatus(HaState state, Instant since) {

  public NodeStatus {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(since, "since");
  }
}

package org.ncsha.ha;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Builders for one-tick decider inputs in focused tests. */
final class Inputs {

  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  private Inputs() {}

  static NodeStatus in(HaState state) {
    return new NodeStatus(state, T0);
  }

  static PeerReport peer(HaState state) {
    return new PeerReport(state, true, true);
  }

  /** A healthy tick at T0 + seconds with the peer's answer (null: no answer, 0 misses). */
  static Observations at(long seconds, PeerReport peer) {
    return Observations.healthy(T0.plusSeconds(seconds), peer, 0);
  }

  static Observations lost(long seconds, int missed) {
    return Observations.healthy(T0.plusSeconds(seconds), null, missed);
  }

  static Observations withOutcome(PeerReport peer, ActionOutcome outcome) {
    return new Observations(T0, peer, 0, true, true, false, false, List.of(outcome));
  }

  static HaConfig primary() {
    return new HaConfig(Role.PRIMARY, FailoverType.MANUAL, 3, Duration.ZERO, "10.0.0.2");
  }

  static HaConfig secondary(FailoverType type, Duration holdDown) {
    return new HaConfig(Role.SECONDARY, type, 3, holdDown, "10.0.0.1");
  }

  static HaConfig secondary() {
    return secondary(FailoverType.MANUAL, Duration.ZERO);
  }
}

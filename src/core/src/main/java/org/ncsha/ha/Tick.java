package org.ncsha.ha;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** One tick's inputs with the small questions every rule asks about them. */
record Tick(NodeStatus current, Observations obs, HaConfig config, Command pending) {

  /** A standby secondary the primary can be Active with. */
  private static final Set<HaState> STANDBY_SECONDARY =
      Set.of(
          HaState.SECONDARY_SYNCING, HaState.SECONDARY_LOST_PRIMARY, HaState.SECONDARY_UNCERTAIN);

  /** A secondary whose database is (or is becoming) the writable one. */
  private static final Set<HaState> ACTIVE_SECONDARY =
      Set.of(HaState.SECONDARY_FAILOVER, HaState.SECONDARY_ACTIVE, HaState.SECONDARY_ALONE);

  /** A primary that still claims the active role. */
  private static final Set<HaState> SERVING_PRIMARY =
      Set.of(HaState.PRIMARY_ACTIVE, HaState.PRIMARY_ALONE, HaState.PRIMARY_LOST_SECONDARY);

  HaState state() {
    return current.state();
  }

  Role role() {
    return config.role();
  }

  PeerReport peer() {
    return obs.peer();
  }

  boolean peerAnswered() {
    return obs.peer() != null;
  }

  boolean peerIs(HaState state) {
    return peerAnswered() && peer().state() == state;
  }

  /** The peer's state for messages: its display name, or "not answering". */
  String peerDescription() {
    return peerAnswered() ? peer().state().displayName() : "not answering";
  }

  boolean peerIsStandbySecondary() {
    return peerAnswered() && STANDBY_SECONDARY.contains(peer().state());
  }

  boolean peerIsActiveSecondary() {
    return peerAnswered() && ACTIVE_SECONDARY.contains(peer().state());
  }

  /** The primary answers, claims the active role and reports itself healthy. */
  boolean peerIsHealthyServingPrimary() {
    return peerAnswered() && SERVING_PRIMARY.contains(peer().state()) && !peer().failed();
  }

  boolean peerNotConfigured() {
    return peerAnswered() && !peer().state().haConfigured();
  }

  /** Heartbeat failure: config.missLimit consecutive heartbeats without answer. */
  boolean lostPeer() {
    return !peerAnswered() && obs.missedHeartbeats() >= config.missLimit();
  }

  /** Whether the witness lets this node serve or promote: none configured, or its lease is ours. */
  boolean leaseOk() {
    return obs.witness().permitsServing();
  }

  /** Why a promotion waits for the witness, for the outcome sentence. */
  String leaseWait() {
    return "waiting for the witness lease (" + obs.witness().describeHolder() + ")";
  }

  boolean locallyFailed() {
    return obs.locallyFailed();
  }

  /** Why this node counts as failed, for the outcome sentence. */
  String localFailure() {
    if (obs.criticalProcessDown()) {
      return "a critical process could not be restarted";
    }
    return "the local database is not healthy";
  }

  Duration timeInState() {
    return Duration.between(current.since(), obs.now());
  }

  /** The last reported outcome of the given kind, if one finished since the last tick. */
  Optional<ActionOutcome> outcome(ActionKind kind) {
    ActionOutcome found = null;
    for (ActionOutcome outcome : obs.outcomes()) {
      if (outcome.kind() == kind) {
        found = outcome;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The action that puts the application in the mode the given state needs. */
  Action appModeFor(HaState state) {
    return Action.of(
        config().servesWrites(state) ? ActionKind.APP_READ_WRITE : ActionKind.APP_READ_ONLY);
  }

  String missedDescription() {
    return obs.missedHeartbeats() + " missed heartbeats";
  }

  /** The guide's way of naming the other server in an event: "name [address]". */
  String peerName() {
    String address = config().peerAddress() == null ? "(unknown)" : config().peerAddress();
    return address + " [" + address + "]";
  }
}

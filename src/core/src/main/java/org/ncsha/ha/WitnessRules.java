package org.ncsha.ha;

import java.util.Set;

/**
 * The optional witness: a leader lease in etcd that only the serving node holds. Which node
 * wants the lease, and when a serving node must fence itself. Patroni's rules, with its
 * failsafe mode: a primary that cannot reach the witness but hears its secondary as a standby
 * this tick keeps serving, because the secondary cannot promote without the lease and does not
 * want to while it hears a healthy primary.
 */
public final class WitnessRules {
  private WitnessRules() {}

  /** States that are about to serve and need the lease first. */
  private static final Set<HaState> TAKING_OVER = Set.of(
      HaState.PRIMARY_ALONE, HaState.SECONDARY_LOST_PRIMARY, HaState.SECONDARY_FAILOVER);

  /** A secondary that stopped claiming the active role, or was never active. */
  private static final Set<HaState> PASSIVE_SECONDARY = Set.of(
      HaState.SECONDARY_SYNCING, HaState.SECONDARY_UNCERTAIN, HaState.SECONDARY_LOST_PRIMARY,
      HaState.SECONDARY_FAILBACK, HaState.SECONDARY_POST_FAILBACK);

  /** A primary that does not claim the active role. */
  private static final Set<HaState> PASSIVE_PRIMARY = Set.of(
      HaState.PRIMARY_FAILOVER, HaState.PRIMARY_PREPARING_FOR_FAILBACK, HaState.PRIMARY_DATABASE_COPY_FAILED,
      HaState.PRIMARY_SYNCING, HaState.PRIMARY_UNCERTAIN);

  /**
   * Whether this node should hold (or try to take) the lease: it serves, or its next step is to
   * serve. A node that wants it takes it only when nobody holds it, so wanting is never harmful.
   */
  public static boolean wantsLease(HaState state, Role role, PeerReport peer) {
    if (state == HaState.HA_INITIALIZING) {
      // The registering primary takes it already, so that it holds it once Primary Active.
      return role == Role.PRIMARY;
    }
    if (!state.haConfigured()) {
      return false;
    }
    if (state.servesWrites(role) || TAKING_OVER.contains(state)) {
      return true;
    }
    if (state == HaState.PRIMARY_FAILBACK) {
      // Only once the secondary handed over: a failback that stalls must leave the lease to the
      // secondary, whose Failover is then the way out (docs/states.md, choice 20).
      return peer != null && peer.state() == HaState.SECONDARY_POST_FAILBACK;
    }
    // The primary stepped down (forced failover) or failed: the secondary may take over.
    return role == Role.SECONDARY && peer != null
        && (peer.state() == HaState.PRIMARY_FAILOVER || peer.state() == HaState.PRIMARY_UNCERTAIN);
  }

  /**
   * Whether a serving node must fence itself now: the witness is configured, the lease is not
   * (or no longer safely) held, and failsafe does not apply. Failsafe needs the witness to be
   * unreachable (a reachable witness that gave the lease to another node is final) and the
   * peer heard this tick as passive.
   */
  public static boolean mustFence(HaState state, Role role, WitnessView witness, PeerReport peerThisTick) {
    // Registration is outside the witness's remit: the pair it guards does not exist yet.
    if (!witness.configured() || !state.servesWrites(role) || !state.haConfigured() || state == HaState.HA_INITIALIZING
        || witness.leaseHeld()) {
      return false;
    }
    return witness.reachable() || !peerIsPassive(role, peerThisTick);
  }

  private static boolean peerIsPassive(Role role, PeerReport peer) {
    if (peer == null) {
      return false;
    }
    return role == Role.PRIMARY ? PASSIVE_SECONDARY.contains(peer.state()) : PASSIVE_PRIMARY.contains(peer.state());
  }
}

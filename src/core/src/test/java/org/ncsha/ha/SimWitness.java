package org.ncsha.ha;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A simulated etcd leader lease for {@link PairHarness}, with the runtime's timing in ticks:
 * TTL three heartbeats, fencing margin one. A node's lease is tied to its process (a restart
 * loses it, as a new LeaseKeeper has no lease ID); what a node believes it holds is counted from
 * its last successful renewal, as {@code LeaseKeeper.held()} does.
 */
final class SimWitness {
  static final Duration TTL = PairHarness.TICK.multipliedBy(3);
  static final Duration MARGIN = PairHarness.TICK;

  boolean up = true;
  final Set<SimNode> cutOff = new HashSet<>();
  private SimNode holder;
  private int holderGeneration;
  private Instant expiresAt;
  private final Map<SimNode, Instant> renewedAt = new HashMap<>();

  boolean reaches(SimNode n) {
    return up && !cutOff.contains(n);
  }

  /** The node's witness round: renew, take or release. */
  void step(SimNode n, boolean wants, Instant now) {
    if (holder != null && !now.isBefore(expiresAt)) {
      holder = null;
    }
    if (!reaches(n)) {
      return;
    }
    boolean mine = holder == n && holderGeneration == n.generation;
    if (wants && (mine || holder == null)) {
      holder = n;
      holderGeneration = n.generation;
      expiresAt = now.plus(TTL);
      renewedAt.put(n, now);
    } else if (!wants && mine) {
      holder = null;
      renewedAt.remove(n);
    } else if (!mine) {
      renewedAt.remove(n);
    }
  }

  /** A restarted process has no lease of its own, whatever etcd still holds for the old one. */
  void restarted(SimNode n) {
    renewedAt.remove(n);
  }

  WitnessView view(SimNode n, Instant now) {
    Instant renewed = renewedAt.get(n);
    boolean held = renewed != null && now.isBefore(renewed.plus(TTL).minus(MARGIN));
    String name = reaches(n) && holder != null ? holder.address : null;
    return new WitnessView(true, reaches(n), held, name);
  }
}

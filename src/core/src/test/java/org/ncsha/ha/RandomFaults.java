package org.ncsha.ha;

import static org.ncsha.ha.HaState.*;

import java.util.Set;

/** What the random-fault walks share: the stable pairs, and healing as an administrator would. */
final class RandomFaults {
  static final Set<String> STABLE = Set.of("Primary Active|Secondary Syncing", "Primary Syncing|Secondary Active");

  /** What a settings change may make of the virtual IP: back to the registered one, another, none. */
  private static final VirtualIps[] VIRTUAL_IPS = {
      PairHarness.REGISTERED_VIRTUAL_IP, new VirtualIps("10.0.0.101", "fd00::100"), VirtualIps.NONE};

  private RandomFaults() {}

  /**
   * One random fault or command, or nothing. With a witness the chaos also kills and revives
   * it and cuts either node off from it; failback is left out there, since a failback that
   * stalls after its handover needs the administrator with or without a witness.
   */
  static void chaos(PairHarness h, java.util.Random r) {
    boolean witness = h.witness != null;
    // The witness's faults take dice the walk without one leaves idle.
    int dice = r.nextInt(witness ? 44 : 40);
    SimNode node = r.nextBoolean() ? h.primary : h.secondary;
    switch (dice) {
      case 0 -> h.cutLink();
      case 1, 2 -> h.restoreLink();
      case 3 -> h.stop(node);
      case 4, 5 -> {
        if (!node.up) {
          h.start(node);
        }
      }
      case 6 -> node.criticalProcessDown = !node.criticalProcessDown;
      case 7 -> node.databaseHealthy = !node.databaseHealthy;
      case 8 -> node.processesHealthy = !node.processesHealthy;
      case 9 -> h.command(h.secondary, new Command.Failover());
      case 10 -> {
        if (!witness) {
          h.command(h.secondary, new Command.Failback());
        }
      }
      case 11 -> h.command(node, new Command.ForceFailover());
      case 12 -> node.failNext.add(ActionKind.values()[r.nextInt(5)]);
      // A switch of the application that did not take (or a mode that drifted).
      case 16 -> node.applicationWritable = !node.applicationWritable;
      // An address added or removed by hand (or a failed ip addr add).
      case 17 -> node.vipHeld = !node.vipHeld && !h.other(node).vipHeld;
      // The database crashes (a restart brings it back unless restarts fail), or comes back by itself.
      case 18 -> node.databaseAnswers = !node.databaseAnswers;
      case 19 -> node.restartsFail = !node.restartsFail;
      // The administrator moves the virtual IP (or removes it) on the running pair.
      case 20 -> h.command(node, new Command.ChangeSettings(node.config.failoverType(), node.config.failbackType(), VIRTUAL_IPS[r.nextInt(VIRTUAL_IPS.length)]));
      default -> {
        if (witness) {
          witnessFault(h.witness, node, dice);
        }
      }
    }
  }

  private static void witnessFault(SimWitness w, SimNode node, int dice) {
    switch (dice) {
      case 13 -> w.up = !w.up;
      case 14 -> w.cutOff.add(node);
      case 15 -> w.cutOff.remove(node);
      default -> { }
    }
  }

  static String pair(PairHarness h) {
    return h.primary.state().displayName() + "|" + h.secondary.state().displayName();
  }

  /**
   * Faults cleared (the link, the witness, the nodes' health), stopped nodes started, then what
   * the guide asks of the administrator: Failover on a secondary left in Secondary Lost Primary
   * by a failback that stalled after its handover (docs/states.md, choice 20), and a restart of a
   * primary that waits for one.
   */
  static void heal(PairHarness h) {
    h.restoreLink();
    if (h.witness != null) {
      h.witness.up = true;
      h.witness.cutOff.clear();
    }
    for (SimNode n : new SimNode[] {h.primary, h.secondary}) {
      n.criticalProcessDown = false;
      n.databaseHealthy = true;
      n.processesHealthy = true;
      n.databaseAnswers = true;
      n.restartsFail = false;
      n.failNext.clear();
      if (!n.up) {
        h.start(n);
      }
    }
    h.rounds(3);
    if (h.secondary.state() == SECONDARY_LOST_PRIMARY && !h.primary.state().servesWrites()) {
      h.command(h.secondary, new Command.Failover());
      h.rounds(3);
    }
    Set<HaState> waitsForRestart = Set.of(PRIMARY_FAILOVER, PRIMARY_DATABASE_COPY_FAILED, PRIMARY_UNCERTAIN);
    if (waitsForRestart.contains(h.primary.state()) && !h.primary.isRunning(ActionKind.FOLLOW_PEER)) {
      h.stop(h.primary);
      h.start(h.primary);
    }
  }
}

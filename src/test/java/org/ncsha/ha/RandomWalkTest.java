package org.ncsha.ha;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncsha.ha.HaState.*;

import java.time.Duration;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seeded random faults and commands on a registered pair: no undeclared transition, never two
 * writers once the servers have talked for two rounds, and back to a stable pair after healing.
 */
class RandomWalkTest {

  private static final Set<String> STABLE =
      Set.of("Primary Active|Secondary Syncing", "Primary Syncing|Secondary Active");

  @Test
  void randomFaultsNeverLeaveTwoWritersAndHealBackToAStablePair() {
    for (int seed = 0; seed < 300; seed++) {
      walk(seed);
    }
  }

  private static void walk(int seed) {
    Random random = new Random(seed);
    FailoverType type = random.nextBoolean() ? FailoverType.AUTOMATIC : FailoverType.MANUAL;
    PairHarness h = PairHarness.registered(type);
    h.holdDown(Duration.ofSeconds(random.nextInt(3) * 15L));
    int connectedRounds = 0;
    for (int round = 0; round < 150; round++) {
      chaos(h, random);
      h.round();
      boolean connected = h.linkUp && h.primary.up && h.secondary.up;
      connectedRounds = connected ? connectedRounds + 1 : 0;
      if (connectedRounds > 2) {
        assertFalse(h.primary.state().servesWrites() && h.secondary.state().servesWrites(),
            "seed " + seed + " round " + round + ": two writers " + h.primary + " " + h.secondary);
      }
    }
    heal(h);
    h.runUntil(() -> STABLE.contains(pair(h)), 40);
    assertTrue(STABLE.contains(pair(h)), "seed " + seed);
  }

  private static String pair(PairHarness h) {
    return h.primary.state().displayName() + "|" + h.secondary.state().displayName();
  }

  private static void chaos(PairHarness h, Random r) {
    int dice = r.nextInt(40);
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
      case 10 -> h.command(h.secondary, new Command.Failback());
      case 11 -> h.command(node, new Command.ForceFailover());
      case 12 -> node.failNext.add(ActionKind.values()[r.nextInt(5)]);
      default -> { }
    }
  }

  /** Faults cleared; a primary waiting for its restart (as the guide says) is restarted. */
  private static void heal(PairHarness h) {
    h.restoreLink();
    for (SimNode n : new SimNode[] {h.primary, h.secondary}) {
      n.criticalProcessDown = false;
      n.databaseHealthy = true;
      n.processesHealthy = true;
      n.failNext.clear();
      if (!n.up) {
        h.start(n);
      }
    }
    h.rounds(3);
    Set<HaState> waitsForRestart =
        Set.of(PRIMARY_FAILOVER, PRIMARY_DATABASE_COPY_FAILED, PRIMARY_UNCERTAIN);
    if (waitsForRestart.contains(h.primary.state()) && !h.primary.isRunning(ActionKind.FOLLOW_PEER)) {
      h.stop(h.primary);
      h.start(h.primary);
    }
  }
}

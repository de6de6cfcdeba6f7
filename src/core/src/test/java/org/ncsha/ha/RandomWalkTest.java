package org.ncsha.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

  @Test
  void randomFaultsNeverLeaveTwoWritersAndHealBackToAStablePair() {
    int restarts = 0;
    for (int seed = 0; seed < 300; seed++) {
      restarts += walk(seed);
    }
    assertTrue(restarts > 0, "the walks crash databases, and the decider restarts them");
  }

  /** One walk; returns the database restarts the deciders asked for. */
  private static int walk(int seed) {
    Random random = new Random(seed);
    FailoverType type = random.nextBoolean() ? FailoverType.AUTOMATIC : FailoverType.MANUAL;
    PairHarness h = PairHarness.registered(type);
    h.holdDown(Duration.ofSeconds(random.nextInt(3) * 15L));
    int connectedRounds = 0;
    for (int round = 0; round < 150; round++) {
      RandomFaults.chaos(h, random);
      h.round();
      boolean connected = h.linkUp && h.primary.up && h.secondary.up;
      connectedRounds = connected ? connectedRounds + 1 : 0;
      if (connectedRounds > 2) {
        assertFalse(h.primary.state().servesWrites() && h.secondary.state().servesWrites(),
            "seed " + seed + " round " + round + ": two writers " + h.primary + " " + h.secondary);
        assertFalse(h.primary.applicationWritable && h.secondary.applicationWritable,
            "seed " + seed + " round " + round + ": two writable applications " + h.primary + " " + h.secondary);
        assertVipWithTheWriter(h, "seed " + seed + " round " + round);
      }
      for (SimNode node : java.util.List.of(h.primary, h.secondary)) {
        assertModeInLine(node, "seed " + seed + " round " + round);
      }
    }
    RandomFaults.heal(h);
    // A failed hand-over follows again by itself, after a wait of up to an hour.
    int longestWait = (int) (SecondaryRules.LONGEST_FOLLOW_RETRY.toSeconds() / PairHarness.TICK.toSeconds());
    h.runUntil(() -> RandomFaults.STABLE.contains(RandomFaults.pair(h)), h.secondary.ownTimeline ? 40 + longestWait : 40);
    assertTrue(RandomFaults.STABLE.contains(RandomFaults.pair(h)), "seed " + seed);
    return h.primary.restartsStarted + h.secondary.restartsStarted;
  }

  /**
   * Connected, the virtual IP is on the server that serves writes and nowhere else (after Remove
   * HA, nowhere): clients that know only it reach the writer.
   */
  private static void assertVipWithTheWriter(PairHarness h, String where) {
    for (SimNode node : java.util.List.of(h.primary, h.secondary)) {
      boolean wanted = node.config.virtualIps().configured() && node.state().haConfigured()
          && node.state().holdsVirtualIp(node.role()) && !node.fenced;
      assertEquals(wanted, node.vipHeld, where + ": the virtual IP " + (node.vipHeld ? "on " : "not on ") + node
          + " after " + (node.decisions.isEmpty() ? "no decision" : node.lastDecision()));
    }
  }

  /**
   * After its tick, a running node's application is passive unless its state serves, and writable
   * when its database takes writes (but for a failed hand-over's).
   */
  private static void assertModeInLine(SimNode node, String where) {
    if (!node.up) {
      return;
    }
    boolean serves = node.state().servesWrites(node.role());
    assertTrue(serves || !node.applicationWritable,
        where + ": a writable application in " + node + " after " + (node.decisions.isEmpty() ? "no decision" : node.lastDecision()));
    // A failed hand-over's own timeline takes writes but serves none: passive by design.
    assertTrue(!node.databaseWritable() || node.applicationWritable || (node.ownTimeline && !serves),
        where + ": a passive application in " + node + " after " + (node.decisions.isEmpty() ? "no decision" : node.lastDecision()));
  }
}

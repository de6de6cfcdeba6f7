package org.ncsha.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncsha.ha.HaState.*;

import org.junit.jupiter.api.Test;

/** S3, S4 and the split-brain guard, replayed on two deciders side by side. */
class NetworkScenariosTest {

  static void failback(PairHarness h) {
    h.mark();
    h.command(h.secondary, new Command.Failback());
    h.runUntil(() -> h.primary.state() == PRIMARY_ACTIVE
        && h.secondary.state() == SECONDARY_SYNCING, 10);
    h.rounds(1);
    h.assertTable(
        "Primary Syncing | Secondary Active",
        "Primary Failback | Secondary Failback",
        "Primary Failback | Secondary Post Failback",
        "Primary Active | Secondary Syncing");
    assertTrue(h.primary.lastDecision().has(ActionKind.APP_READ_WRITE),
        "the primary writes only once its database is promoted");
  }

  @Test
  void s3NetworkDownAutomaticFailoverThenSplitBrainRecoveryAndFailback() {
    PairHarness h = PairHarness.registered(FailoverType.AUTOMATIC);
    h.mark();
    h.cutLink();
    h.runUntil(() -> h.secondary.state() == SECONDARY_ACTIVE, 10);
    h.assertTable(
        "Primary Active | Secondary Syncing",
        "Primary Lost Secondary | Secondary Lost Primary",
        "Primary Lost Secondary | Secondary Failover",
        "Primary Lost Secondary | Secondary Active");
    assertTrue(h.secondary.mails.contains("Failover completed: the secondary is active"));

    h.mark();
    h.restoreLink();
    h.runUntil(() -> h.primary.state() == PRIMARY_SYNCING, 10);
    h.assertTable(
        "Primary Lost Secondary | Secondary Active",
        "Primary Failover | Secondary Active",
        "Primary Syncing | Secondary Active");
    failback(h);
  }

  @Test
  void s4NetworkDownManualFailoverLinkRestoredWithoutAction() {
    PairHarness h = PairHarness.registered(FailoverType.MANUAL);
    h.mark();
    h.cutLink();
    h.rounds(10);
    h.assertTable(
        "Primary Active | Secondary Syncing", "Primary Lost Secondary | Secondary Lost Primary");
    assertEquals(SECONDARY_LOST_PRIMARY, h.secondary.state(), "manual: no failover by itself");
    assertTrue(h.primary.mails.contains("The primary lost the secondary"));
    assertTrue(h.secondary.mails.stream().anyMatch(m -> m.startsWith("The secondary lost")));

    h.mark();
    h.restoreLink();
    h.rounds(3);
    h.assertTable(
        "Primary Lost Secondary | Secondary Lost Primary", "Primary Active | Secondary Syncing");
  }

  @Test
  void s4NetworkDownManualFailoverTriggeredThenLinkRestoredAndFailback() {
    PairHarness h = PairHarness.registered(FailoverType.MANUAL);
    h.cutLink();
    h.rounds(4);
    h.mark();
    h.command(h.secondary, new Command.Failover());
    h.rounds(3);
    // The primary cannot learn of the failover before the link is back.
    assertEquals(PRIMARY_LOST_SECONDARY, h.primary.state());
    h.restoreLink();
    h.runUntil(() -> h.primary.state() == PRIMARY_SYNCING, 10);
    h.assertTable(
        "Primary Lost Secondary | Secondary Lost Primary",
        "Primary Lost Secondary | Secondary Failover",
        "Primary Failover | Secondary Active");
    h.assertTable(
        "Primary Lost Secondary | Secondary Active",
        "Primary Failover | Secondary Active",
        "Primary Syncing | Secondary Active");
    failback(h);
  }

  @Test
  void splitBrainPrimaryThatStillSeemsActiveStepsDownAsSoonAsItSeesTheActiveSecondary() {
    PairHarness h = PairHarness.registered(FailoverType.AUTOMATIC);
    h.cutLink();
    h.runUntil(() -> h.secondary.state() == SECONDARY_ACTIVE, 10);
    assertTrue(h.primary.state().servesWrites(), "both write while the link is down");
    h.restoreLink();
    h.step(h.primary);
    assertEquals(PRIMARY_FAILOVER, h.primary.state());
    assertFalse(h.primary.state().servesWrites());
    assertTrue(h.primary.lastDecision().has(ActionKind.APP_READ_ONLY));
    assertTrue(h.primary.lastDecision().has(ActionKind.RELEASE_VIP));
    assertTrue(h.primary.lastDecision().has(ActionKind.FOLLOW_PEER));
  }

  @Test
  void shortOutagesBelowTheMissLimitChangeNothing() {
    PairHarness h = PairHarness.registered(FailoverType.AUTOMATIC);
    int before = h.primary.decisions.size();
    int beforeSecondary = h.secondary.decisions.size();
    for (int i = 0; i < 5; i++) {
      h.cutLink();
      h.rounds(2);
      h.restoreLink();
      h.rounds(1);
    }
    assertTrue(h.primary.decisions.stream().skip(before).noneMatch(Decision::changed));
    assertTrue(h.secondary.decisions.stream().skip(beforeSecondary).noneMatch(Decision::changed));
    assertEquals(PRIMARY_ACTIVE, h.primary.state());
    assertEquals(SECONDARY_SYNCING, h.secondary.state());
  }
}

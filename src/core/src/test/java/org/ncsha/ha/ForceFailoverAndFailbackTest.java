package org.ncsha.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncsha.ha.HaState.*;

import org.junit.jupiter.api.Test;

/** Force failover, failback variants and failback refusals, on two deciders side by side. */
class ForceFailoverAndFailbackTest {

  @Test
  void forceFailoverOnThePrimaryThenTheSecondaryIsActiveAndThePrimaryRestartsAsStandby() {
    PairHarness h = PairHarness.registered(FailoverType.MANUAL);
    h.mark();
    h.command(h.primary, new Command.ForceFailover());
    h.runUntil(() -> h.primary.state() == PRIMARY_SYNCING, 10);
    h.assertTable(
        "Primary Active | Secondary Syncing",
        "Primary Failover | Secondary Syncing",
        "Primary Failover | Secondary Failover",
        "Primary Failover | Secondary Active",
        "Primary Syncing | Secondary Active");
    assertNull(h.primary.lastRefusal());
    NetworkScenariosTest.failback(h);
  }

  @Test
  void forceFailoverButtonOnTheSecondaryIsForwardedToThePrimary() {
    PairHarness h = PairHarness.registered(FailoverType.MANUAL);
    h.command(h.secondary, new Command.ForceFailover());
    h.runUntil(() -> h.primary.state() == PRIMARY_SYNCING
        && h.secondary.state() == SECONDARY_ACTIVE, 10);
    assertNull(h.secondary.lastRefusal());
  }

  @Test
  void forceFailoverIsRefusedWhenTheSecondaryIsNotFullyRunning() {
    PairHarness h = PairHarness.registered(FailoverType.MANUAL);
    h.secondary.processesHealthy = false;
    h.rounds(1);
    h.command(h.primary, new Command.ForceFailover());
    h.rounds(1);
    assertEquals(PRIMARY_ACTIVE, h.primary.state());
    assertEquals(
        "Force Failover is not allowed in state Primary Active: not all processes are running on"
            + " the peer",
        h.primary.lastRefusal());
  }

  @Test
  void failbackIsRefusedWhileThePrimaryIsStillPreparing() {
    PairHarness h = PairHarness.registered(FailoverType.AUTOMATIC);
    h.primary.criticalProcessDown = true;
    h.runUntil(() -> h.secondary.state() == SECONDARY_ACTIVE, 10);
    h.rounds(1);
    h.command(h.secondary, new Command.Failback());
    h.rounds(1);
    assertEquals(SECONDARY_ACTIVE, h.secondary.state());
    assertEquals(
        "Failback is not allowed in state Secondary Active while the primary is Primary Failover"
            + " (its database copy has not finished): it needs Secondary Active with the primary"
            + " in Primary Syncing",
        h.secondary.lastRefusal());
  }

  /** A failback whose {@code failing} part never completes: abandoned after the catch-up time, the secondary stays active. */
  private static PairHarness abandonedFailback(ActionKind failing) {
    PairHarness h = PairHarness.failedOver(FailoverType.AUTOMATIC);
    h.secondary.failNext.add(failing);
    h.secondary.config = h.secondary.config.withFailbackCatchUp(java.time.Duration.ofSeconds(10));
    h.mark();
    h.command(h.secondary, new Command.Failback());
    h.rounds(6);
    h.assertTable("Primary Syncing | Secondary Active", "Primary Failback | Secondary Failback",
        "Primary Failback | Secondary Active", "Primary Syncing | Secondary Active");
    return h;
  }

  @Test
  void failbackAbandonedWhenThePrimaryNeverCatchesUp() {
    PairHarness h = abandonedFailback(ActionKind.NOTE_FAILBACK_POSITION);
    assertTrue(h.secondary.mails.stream().anyMatch(m -> m.startsWith("Failback failed")));
  }

  @Test
  void failbackAbandonedWhenTheSecondaryRestartsDuringIt() {
    PairHarness h = PairHarness.failedOver(FailoverType.AUTOMATIC);
    h.command(h.secondary, new Command.Failback());
    h.step(h.primary);
    h.step(h.secondary);
    assertEquals(SECONDARY_FAILBACK, h.secondary.state());
    h.stop(h.secondary);
    h.start(h.secondary);
    h.rounds(3);
    assertEquals(SECONDARY_ACTIVE, h.secondary.state());
    assertEquals(PRIMARY_SYNCING, h.primary.state());
  }

  @Test
  void failbackWaitsForTheFilesAndIsAbandonedWhenTheyNeverReachThePrimary() {
    PairHarness h = abandonedFailback(ActionKind.SYNC_FILES);
    assertTrue(h.secondary.mails.stream().anyMatch(m -> m.startsWith("Failback failed")
        && m.contains("did not receive this server's files")), h.secondary.mails.toString());
  }
}

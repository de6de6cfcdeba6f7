package org.ncsha.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncsha.ha.HaState.*;

import org.junit.jupiter.api.Test;

/** S5 and S6: a critical process the HM cannot restart on the primary. */
class ProcessFailureScenariosTest {

  /** "Restart the primary server and ensure that it is running." */
  static void restartPrimary(PairHarness h) {
    h.mark();
    h.stop(h.primary);
    h.primary.criticalProcessDown = false;
    h.start(h.primary);
    h.runUntil(() -> h.primary.state() == PRIMARY_SYNCING, 10);
    h.assertTable(
        "Primary Failover | Secondary Active",
        "Primary Preparing for Failback | Secondary Active",
        "Primary Syncing | Secondary Active");
  }

  @Test
  void s5ProcessRestartFailsAutomaticFailover() {
    PairHarness h = PairHarness.registered(FailoverType.AUTOMATIC);
    h.mark();
    h.primary.criticalProcessDown = true;
    h.runUntil(() -> h.secondary.state() == SECONDARY_ACTIVE, 10);
    h.rounds(2);
    h.assertTable(
        "Primary Active | Secondary Syncing",
        "Primary Uncertain | Secondary Lost Primary",
        "Primary Failover | Secondary Failover",
        "Primary Failover | Secondary Active");
    assertTrue(h.secondary.mails.contains("Failover completed: the secondary is active"));
    assertFalse(h.primary.isRunning(ActionKind.FOLLOW_PEER),
        "a failed primary waits for its restart before following");
    restartPrimary(h);
    NetworkScenariosTest.failback(h);
  }

  @Test
  void s6ProcessRestartFailsManualFailover() {
    PairHarness h = PairHarness.registered(FailoverType.MANUAL);
    h.mark();
    h.primary.criticalProcessDown = true;
    h.rounds(6);
    h.assertTable(
        "Primary Active | Secondary Syncing", "Primary Uncertain | Secondary Lost Primary");
    assertTrue(h.primary.mails.stream().anyMatch(m -> m.startsWith("Primary failed")));
    assertEquals(SECONDARY_LOST_PRIMARY, h.secondary.state(), "manual: waits for the admin");

    h.mark();
    h.command(h.secondary, new Command.Failover());
    h.runUntil(() -> h.secondary.state() == SECONDARY_ACTIVE, 10);
    h.rounds(1);
    // The guide writes "Secondary Syncing" in the first row; it was Secondary Lost Primary.
    h.assertTable(
        "Primary Uncertain | Secondary Lost Primary",
        "Primary Failover | Secondary Failover",
        "Primary Failover | Secondary Active");
    restartPrimary(h);
    NetworkScenariosTest.failback(h);
  }

  /** The database crashes and the restart the decider asks for brings it back: nobody fails over. */
  @Test
  void aDatabaseThatARestartBringsBackIsNoFailure() {
    PairHarness h = PairHarness.registered(FailoverType.AUTOMATIC);
    h.primary.databaseAnswers = false;
    for (int round = 0; round < 6; round++) {
      h.round();
      assertEquals(PRIMARY_ACTIVE, h.primary.state(), "round " + round);
      assertEquals(SECONDARY_SYNCING, h.secondary.state(), "round " + round);
    }
    assertEquals(1, h.primary.restartsStarted);
    assertEquals(1, h.primary.decisions.stream().filter(d -> d.has(ActionKind.RESTART_DATABASE)).count(),
        "one restart asked for, none while it ran");
    assertTrue(h.primary.databaseAnswers);
    assertEquals(DatabaseRestartRule.Kind.HEALTHY, h.primary.database.kind());
  }

  /** S6 with the database itself: no restart brings it back, so it is a critical process down. */
  @Test
  void aPrimaryDatabaseTheRestartsCannotBringBackIsPrimaryUncertain() {
    PairHarness h = PairHarness.registered(FailoverType.MANUAL);
    h.mark();
    h.primary.databaseAnswers = false;
    h.primary.restartsFail = true;
    h.runUntil(() -> h.primary.state() == PRIMARY_UNCERTAIN, 12);
    assertEquals(DatabaseRestartRule.RESTART_BUDGET, h.primary.restartsStarted);
    h.rounds(3);
    assertEquals(DatabaseRestartRule.RESTART_BUDGET, h.primary.restartsStarted, "no restart beyond the budget");
    h.assertTable("Primary Active | Secondary Syncing", "Primary Uncertain | Secondary Lost Primary");
    assertTrue(h.primary.mails.stream().anyMatch(m -> m.startsWith("Primary failed")), h.primary.mails.toString());

    h.mark();
    h.command(h.secondary, new Command.Failover());
    h.runUntil(() -> h.secondary.state() == SECONDARY_ACTIVE, 10);
    h.assertTable("Primary Uncertain | Secondary Lost Primary", "Primary Failover | Secondary Failover",
        "Primary Failover | Secondary Active");
    // The administrator repairs the database and restarts the primary server.
    h.primary.databaseAnswers = true;
    h.primary.restartsFail = false;
    restartPrimary(h);
    NetworkScenariosTest.failback(h);
  }

  @Test
  void primaryDatabaseFailureIsAFailureToo() {
    PairHarness h = PairHarness.registered(FailoverType.MANUAL);
    h.primary.databaseHealthy = false;
    h.rounds(2);
    assertEquals(PRIMARY_UNCERTAIN, h.primary.state());
    assertEquals(SECONDARY_LOST_PRIMARY, h.secondary.state());
    h.primary.databaseHealthy = true;
    h.rounds(2);
    assertEquals(PRIMARY_ACTIVE, h.primary.state(), "recovered before anyone failed over");
    assertEquals(SECONDARY_SYNCING, h.secondary.state());
  }

  @Test
  void secondaryFailureIsSecondaryUncertainUntilItRecovers() {
    PairHarness h = PairHarness.registered(FailoverType.MANUAL);
    h.mark();
    h.secondary.databaseHealthy = false;
    h.rounds(2);
    h.secondary.databaseHealthy = true;
    h.rounds(2);
    h.assertTable("Primary Active | Secondary Syncing", "Primary Active | Secondary Uncertain",
        "Primary Active | Secondary Syncing");
  }

  @Test
  void fullCopyFailureIsPrimaryDatabaseCopyFailedAndBlocksFailbackUntilARetrySucceeds() {
    PairHarness h = PairHarness.registered(FailoverType.AUTOMATIC);
    h.primary.criticalProcessDown = true;
    h.runUntil(() -> h.secondary.state() == SECONDARY_ACTIVE, 10);
    h.stop(h.primary);
    h.primary.criticalProcessDown = false;
    h.primary.failNext.add(ActionKind.FOLLOW_PEER);
    h.start(h.primary);
    h.mark();
    h.rounds(3);
    h.assertTable("Primary Failover | Secondary Active",
        "Primary Preparing for Failback | Secondary Active",
        "Primary Database Copy Failed | Secondary Active");
    h.command(h.secondary, new Command.Failback());
    h.rounds(1);
    assertEquals(SECONDARY_ACTIVE, h.secondary.state());
    assertTrue(h.secondary.lastRefusal().contains("Primary Database Copy Failed"),
        h.secondary.lastRefusal());
    // Restarting the primary retries the copy.
    h.stop(h.primary);
    h.start(h.primary);
    h.runUntil(() -> h.primary.state() == PRIMARY_SYNCING, 5);
    NetworkScenariosTest.failback(h);
  }
}

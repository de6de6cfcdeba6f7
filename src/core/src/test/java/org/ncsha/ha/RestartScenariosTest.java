package org.ncsha.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncsha.ha.HaState.*;

import org.junit.jupiter.api.Test;

/** S7, S8, S9 and S10: servers restarting, both down, and a replaced primary. */
class RestartScenariosTest {

  @Test
  void s7PrimaryRestartsDuringSync() {
    PairHarness h = PairHarness.registered(FailoverType.MANUAL);
    h.mark();
    h.stop(h.primary);
    h.rounds(4);
    h.start(h.primary);
    h.runUntil(() -> h.primary.state() == PRIMARY_ACTIVE
        && h.secondary.state() == SECONDARY_SYNCING, 10);
    h.assertTable(
        "Primary Active | Secondary Syncing",
        "Primary Alone | Secondary Lost Primary",
        "Primary Active | Secondary Syncing");
  }

  /** On real servers the secondary usually answers the restarted primary's very first heartbeat. */
  @Test
  void s7ShowsPrimaryAloneEvenWhenTheSecondaryAnswersTheFirstHeartbeat() {
    HaDecider decider = new HaDecider();
    HaConfig config = new HaConfig(Role.PRIMARY, FailoverType.MANUAL, 3, java.time.Duration.ZERO, "10.0.0.2");
    java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");
    Observations first = new Observations(now, new PeerReport(SECONDARY_LOST_PRIMARY, true, true), 0, true, true, false,
        true, java.util.List.of());
    Decision startup = decider.decide(new NodeStatus(PRIMARY_ACTIVE, now), first, config, null);
    assertEquals(PRIMARY_ALONE, startup.next());
    assertTrue(startup.has(ActionKind.APP_READ_ONLY), "Primary Alone serves nothing: " + startup.actions());
    assertTrue(!startup.has(ActionKind.APP_READ_WRITE));
    Observations second = new Observations(now.plusSeconds(1), new PeerReport(SECONDARY_LOST_PRIMARY, true, true), 0,
        true, true, false, false, java.util.List.of());
    Decision resumed = decider.decide(new NodeStatus(PRIMARY_ALONE, now), second, config, null);
    assertEquals(PRIMARY_ACTIVE, resumed.next());
    assertTrue(resumed.has(ActionKind.APP_READ_WRITE), "serving starts with Primary Active: " + resumed.actions());

    // An active secondary is not served alongside for a cycle: the primary steps down at once.
    Observations activePeer = new Observations(now, new PeerReport(SECONDARY_ACTIVE, true, true), 0, true, true, false,
        true, java.util.List.of());
    Decision stepDown = decider.decide(new NodeStatus(PRIMARY_ACTIVE, now), activePeer, config, null);
    assertEquals(PRIMARY_FAILOVER, stepDown.next());
    assertTrue(!stepDown.has(ActionKind.APP_READ_WRITE));
  }

  @Test
  void s8SecondaryRestartsDuringSync() {
    PairHarness h = PairHarness.registered(FailoverType.AUTOMATIC);
    h.mark();
    h.stop(h.secondary);
    h.rounds(4);
    h.start(h.secondary);
    h.runUntil(() -> h.primary.state() == PRIMARY_ACTIVE
        && h.secondary.state() == SECONDARY_SYNCING, 10);
    h.assertTable(
        "Primary Active | Secondary Syncing",
        "Primary Lost Secondary | Secondary Lost Primary",
        "Primary Active | Secondary Syncing");
  }

  @Test
  void s9BothDownRestartTheSecondaryFirst() {
    PairHarness h = PairHarness.registered(FailoverType.MANUAL);
    h.stop(h.secondary);
    h.rounds(4);
    h.stop(h.primary);
    h.rounds(10);
    h.start(h.secondary);
    h.rounds(2);
    assertEquals(SECONDARY_LOST_PRIMARY, h.secondary.state());
    h.mark();
    h.start(h.primary);
    h.runUntil(() -> h.primary.state() == PRIMARY_ACTIVE
        && h.secondary.state() == SECONDARY_SYNCING, 10);
    // Documented choice: S9's "Primary Lost Secondary" row is the reference table's Primary Alone
    // ("Primary restarted after it lost secondary"), which serves nothing.
    h.assertTable(
        "Primary Alone | Secondary Lost Primary", "Primary Active | Secondary Syncing");
  }

  @Test
  void s9BothPoweredDownAtOnceThenTheSecondaryIsRestartedOnceMore() {
    PairHarness h = PairHarness.registered(FailoverType.MANUAL);
    h.stop(h.primary);
    h.stop(h.secondary);
    h.rounds(10);
    h.start(h.secondary);
    h.rounds(2);
    h.mark();
    h.start(h.primary);
    h.runUntil(() -> h.primary.state() == PRIMARY_ACTIVE
        && h.secondary.state() == SECONDARY_SYNCING, 10);
    // Documented choice: the primary's last state was Primary Active, so it shows Primary Alone.
    h.assertTable(
        "Primary Alone | Secondary Lost Primary", "Primary Active | Secondary Syncing");
    h.mark();
    h.stop(h.secondary);
    h.start(h.secondary);
    h.rounds(3);
    h.assertTable("Primary Active | Secondary Syncing",
        "Primary Active | Secondary Lost Primary", "Primary Active | Secondary Syncing");
  }

  @Test
  void s9WithAutomaticFailoverALoneSecondaryTakesOverAndThePrimaryFollowsItOnReturn() {
    PairHarness h = PairHarness.registered(FailoverType.AUTOMATIC);
    h.holdDown(java.time.Duration.ofSeconds(30));
    h.stop(h.primary);
    h.stop(h.secondary);
    h.start(h.secondary);
    h.rounds(5);
    assertEquals(SECONDARY_LOST_PRIMARY, h.secondary.state(), "still within the hold-down");
    h.rounds(3);
    assertEquals(SECONDARY_ACTIVE, h.secondary.state());
    h.mark();
    h.start(h.primary);
    h.runUntil(() -> h.primary.state() == PRIMARY_SYNCING, 10);
    h.assertTable("Primary Alone | Secondary Active", "Primary Failover | Secondary Active",
        "Primary Syncing | Secondary Active");
  }

  /** S9's start: the secondary went down, then the primary; only the primary comes back. */
  private static PairHarness bothDownThenThePrimaryAloneRestarts() {
    PairHarness h = PairHarness.registered(FailoverType.MANUAL);
    h.stop(h.secondary);
    h.rounds(4);
    h.stop(h.primary);
    h.start(h.primary);
    h.rounds(2);
    assertEquals(PRIMARY_ALONE, h.primary.state());
    return h;
  }

  @Test
  void s9BothDownAndTheSecondaryWillNotRestartNcsHaRemove() {
    PairHarness h = bothDownThenThePrimaryAloneRestarts();
    assertFalse(PRIMARY_ALONE.servesWrites(), "only the Health Monitor runs in Primary Alone");
    h.command(h.primary, new Command.Remove(PeerDatabase.UNREACHABLE, false));
    h.rounds(1);
    assertEquals(PRIMARY_ALONE, h.primary.state(), "nothing proves the secondary's database is not writable");
    assertTrue(h.primary.lastRefusal().contains("--peer-is-down"), h.primary.lastRefusal());
    h.command(h.primary, new Command.Remove(PeerDatabase.DOWN, false));
    h.rounds(1);
    assertEquals(STAND_ALONE, h.primary.state());
    assertNull(h.primary.config.peerAddress());
    assertTrue(STAND_ALONE.servesWrites());
  }

  @Test
  void removeWithoutThePeerIsRefusedWhileTheSecondarysDatabaseIsWritableUnlessConfirmed() {
    PairHarness h = bothDownThenThePrimaryAloneRestarts();
    h.command(h.primary, new Command.Remove(PeerDatabase.WRITABLE, false));
    h.rounds(1);
    assertEquals(PRIMARY_ALONE, h.primary.state());
    assertTrue(h.primary.lastRefusal().contains("accepting writes"), h.primary.lastRefusal());
    h.command(h.primary, new Command.Remove(PeerDatabase.WRITABLE, true));
    h.rounds(1);
    assertEquals(STAND_ALONE, h.primary.state());
  }

  @Test
  void secondaryRestartedWhileActiveServesAloneUntilThePrimaryAnswers() {
    PairHarness h = PairHarness.registered(FailoverType.AUTOMATIC);
    h.cutLink();
    h.runUntil(() -> h.secondary.state() == SECONDARY_ACTIVE, 10);
    h.stop(h.secondary);
    h.start(h.secondary);
    h.mark();
    h.rounds(2);
    h.restoreLink();
    h.runUntil(() -> h.primary.state() == PRIMARY_SYNCING, 10);
    h.assertTable("Primary Lost Secondary | Secondary Active",
        "Primary Lost Secondary | Secondary Alone", "Primary Failover | Secondary Active",
        "Primary Syncing | Secondary Active");
  }

  @Test
  void s10ReplaceThePrimaryWithAFullDatabaseCopy() {
    PairHarness h = PairHarness.registered(FailoverType.MANUAL);
    h.cutLink();
    h.rounds(4);
    h.command(h.secondary, new Command.Failover());
    h.runUntil(() -> h.secondary.state() == SECONDARY_ACTIVE, 5);
    // New hardware: same address, HA not configured, nothing running.
    h.stop(h.primary);
    h.primary.config = HaConfig.unregistered(Role.PRIMARY);
    h.primary.status = new NodeStatus(HA_NOT_CONFIGURED, h.now);
    h.start(h.primary);
    h.restoreLink();
    h.rounds(2);
    h.mark();
    h.command(h.secondary, new Command.Failback());
    h.runUntil(() -> h.primary.state() == PRIMARY_ACTIVE
        && h.secondary.state() == SECONDARY_SYNCING, 10);
    h.assertTable(
        "HA Not Configured | Secondary Active",
        "Primary Failback | Secondary Failback",
        "Primary Failback | Secondary Post Failback",
        "Primary Active | Secondary Syncing");
    assertEquals(h.secondary.address, h.primary.config.peerAddress());
    assertEquals(PairHarness.REGISTERED_VIRTUAL_IP, h.primary.config.virtualIps(),
        "the failback brought the pair's virtual IP, which a replaced primary did not have");
    assertTrue(h.primary.vipHeld && !h.secondary.vipHeld, "and the virtual IP moved back to it");
  }
}

package org.ncsha.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncsha.ha.HaState.*;
import static org.ncsha.ha.Inputs.*;

import org.junit.jupiter.api.Test;

/** Each refused command: the state stays, and the message names the state and what is needed. */
class RefusalsTest {

  private final HaDecider decider = new HaDecider();

  private Decision onPrimary(HaState state, PeerReport peer, Command command) {
    return decider.decide(in(state), at(0, peer), primary(), command);
  }

  private Decision onSecondary(HaState state, PeerReport peer, Command command) {
    return decider.decide(in(state), at(0, peer), secondary(), command);
  }

  private static void refused(Decision d, HaState stays, String message) {
    assertEquals(message, d.refusal());
    assertFalse(d.accepted());
    assertEquals(stays, d.next());
    assertFalse(d.changed(), "a refusal alone changes nothing");
  }

  @Test
  void abortingARegistrationTheSecondaryNeverStartedChangesNothingAndIsNoError() {
    Decision d = onSecondary(HA_NOT_CONFIGURED, null, new Command.AbortRegistration("wrong key"));
    assertTrue(d.accepted());
    assertEquals(HA_NOT_CONFIGURED, d.next());
    assertFalse(d.changed());
    refused(onSecondary(SECONDARY_SYNCING, peer(PRIMARY_ACTIVE), new Command.AbortRegistration("late")), SECONDARY_SYNCING,
        "Aborting a registration is only possible in state HA Initializing; this is the secondary in state Secondary Syncing");
  }

  @Test
  void failbackNeedsSecondaryActive() {
    refused(onSecondary(SECONDARY_SYNCING, peer(PRIMARY_ACTIVE), new Command.Failback()),
        SECONDARY_SYNCING,
        "Failback is not allowed in state Secondary Syncing: it needs Secondary Active with the"
            + " primary in Primary Syncing");
  }

  @Test
  void failbackNeedsThePrimaryInPrimarySyncing() {
    refused(onSecondary(SECONDARY_ACTIVE, null, new Command.Failback()), SECONDARY_ACTIVE,
        "Failback is not allowed in state Secondary Active while the primary is not answering:"
            + " it needs Secondary Active with the primary in Primary Syncing");
    refused(onSecondary(SECONDARY_ACTIVE, peer(PRIMARY_PREPARING_FOR_FAILBACK),
            new Command.Failback()), SECONDARY_ACTIVE,
        "Failback is not allowed in state Secondary Active while the primary is Primary"
            + " Preparing for Failback (its database copy has not finished): it needs Secondary"
            + " Active with the primary in Primary Syncing");
  }

  @Test
  void failbackIsNotAPrimaryCommand() {
    refused(onPrimary(PRIMARY_SYNCING, peer(SECONDARY_ACTIVE), new Command.Failback()),
        PRIMARY_SYNCING,
        "Failback is triggered on the secondary's Health Monitor page; this is the primary in"
            + " state Primary Syncing");
  }

  @Test
  void failoverNeedsSecondaryLostPrimary() {
    refused(onSecondary(SECONDARY_SYNCING, peer(PRIMARY_ACTIVE), new Command.Failover()),
        SECONDARY_SYNCING,
        "Failover is not allowed in state Secondary Syncing: it needs Secondary Lost Primary (or"
            + " Secondary Syncing with the primary in Primary Uncertain)");
    refused(onSecondary(SECONDARY_ACTIVE, null, new Command.Failover()), SECONDARY_ACTIVE,
        "Failover is not allowed in state Secondary Active: it needs Secondary Lost Primary (or"
            + " Secondary Syncing with the primary in Primary Uncertain)");
  }

  @Test
  void failoverIsAllowedWhenThePrimaryReportsPrimaryUncertain() {
    Decision d = onSecondary(SECONDARY_SYNCING, new PeerReport(PRIMARY_UNCERTAIN, false, true),
        new Command.Failover());
    assertNull(d.refusal());
    assertEquals(SECONDARY_FAILOVER, d.next());
    assertEquals(ActionKind.PROMOTE_DATABASE, d.actions().get(d.actions().size() - 1).kind());
  }

  @Test
  void failoverIsRefusedWhenThePrimaryAnswersAgain() {
    Decision d = onSecondary(SECONDARY_LOST_PRIMARY, peer(PRIMARY_ACTIVE), new Command.Failover());
    assertEquals("Failover is not allowed in state Secondary Lost Primary: the primary answers"
        + " again, healthy, in state Primary Active", d.refusal());
    assertEquals(SECONDARY_SYNCING, d.next(), "the state's own rules still run");
  }

  @Test
  void failoverIsRefusedOnAnUnhealthySecondary() {
    Observations sick =
        new Observations(T0, null, 5, false, true, false, false, java.util.List.of());
    Decision d = decider.decide(in(SECONDARY_LOST_PRIMARY), sick, secondary(), new Command.Failover());
    assertEquals("Failover is not allowed in state Secondary Lost Primary: on this server the"
        + " local database is not healthy", d.refusal());
  }

  @Test
  void failoverIsNotAPrimaryCommand() {
    refused(onPrimary(PRIMARY_LOST_SECONDARY, null, new Command.Failover()),
        PRIMARY_LOST_SECONDARY,
        "Failover is triggered on the secondary's Health Monitor page; this is the primary in"
            + " state Primary Lost Secondary (the primary offers Force Failover in Primary"
            + " Active)");
  }

  @Test
  void forceFailoverNeedsPrimaryActiveWithSecondarySyncing() {
    refused(onPrimary(PRIMARY_LOST_SECONDARY, null, new Command.ForceFailover()),
        PRIMARY_LOST_SECONDARY,
        "Force Failover is not allowed in state Primary Lost Secondary (secondary not answering):"
            + " it needs Primary Active with the secondary in Secondary Syncing and all processes"
            + " running on both servers");
    refused(onPrimary(PRIMARY_ACTIVE, peer(SECONDARY_LOST_PRIMARY), new Command.ForceFailover()),
        PRIMARY_ACTIVE,
        "Force Failover is not allowed in state Primary Active (secondary Secondary Lost"
            + " Primary): it needs Primary Active with the secondary in Secondary Syncing and all"
            + " processes running on both servers");
  }

  @Test
  void forceFailoverNeedsAllProcessesRunningHere() {
    Observations degraded =
        new Observations(T0, peer(SECONDARY_SYNCING), 0, true, false, false, false, null);
    Decision d = decider.decide(in(PRIMARY_ACTIVE), degraded, primary(), new Command.ForceFailover());
    assertEquals("Force Failover is not allowed in state Primary Active: not all processes are"
        + " running on this server", d.refusal());
  }

  @Test
  void removeNeedsPrimaryActive() {
    refused(onPrimary(PRIMARY_SYNCING, peer(SECONDARY_ACTIVE), new Command.Remove()),
        PRIMARY_SYNCING,
        "Remove HA is not allowed in state Primary Syncing: it needs Primary Active (fail back"
            + " first), or Primary Alone / Primary Lost Secondary with the secondary not"
            + " answering");
    refused(onSecondary(SECONDARY_ACTIVE, null, new Command.Remove()), SECONDARY_ACTIVE,
        "Remove HA is only allowed on the primary in Primary Active; this is the secondary in"
            + " state Secondary Active");
  }

  @Test
  void registrationNeedsHaNotConfiguredAndThePrimary() {
    refused(onPrimary(PRIMARY_ACTIVE, peer(SECONDARY_SYNCING),
            new Command.Register("10.0.0.2", FailoverType.MANUAL, FailbackType.MANUAL)), PRIMARY_ACTIVE,
        "Registration is not allowed in state Primary Active: it needs HA Not Configured (remove"
            + " HA first)");
    Decision d = decider.decide(in(HA_NOT_CONFIGURED), at(0, null),
        HaConfig.unregistered(Role.SECONDARY), new Command.Register("x", FailoverType.MANUAL, FailbackType.MANUAL));
    assertEquals("Registration is started on the primary; this is the secondary in state HA Not"
        + " Configured", d.refusal());
  }

  @Test
  void commandsWaitWhileTheHealthMonitorStarts() {
    Observations startup =
        new Observations(T0, null, 1, true, true, false, true, null);
    Decision d = decider.decide(in(SECONDARY_ACTIVE), startup, secondary(), new Command.Failback());
    assertEquals("Failback is not possible while the Health Monitor is starting (state Secondary"
        + " Active); try again", d.refusal());
    assertEquals(SECONDARY_ALONE, d.next());
  }

  @Test
  void refusalForAnswersBeforeTheTick() {
    assertNull(decider.refusalFor(in(SECONDARY_ACTIVE), at(0, peer(PRIMARY_SYNCING)), secondary(),
        new Command.Failback()));
    assertTrue(decider.refusalFor(in(SECONDARY_SYNCING), at(0, peer(PRIMARY_ACTIVE)),
        secondary(), new Command.Failback()).contains("Secondary Syncing"));
  }
}

package org.ncsha.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncsha.ha.HaState.*;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The witness's rules and how the decider waits for the lease before any node starts to serve. */
class WitnessRulesTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final WitnessView HELD = new WitnessView(true, true, true, "10.0.0.1");
  private static final WitnessView OTHERS = new WitnessView(true, true, false, "10.0.0.2");
  private static final WitnessView SILENT = new WitnessView(true, false, false, null);
  private static final PeerReport STANDBY = new PeerReport(SECONDARY_SYNCING, true, true);

  @Test
  void theServingNodeAndTheOneAboutToServeWantTheLeaseNobodyElse() {
    assertTrue(WitnessRules.wantsLease(PRIMARY_ACTIVE, Role.PRIMARY, STANDBY));
    assertTrue(WitnessRules.wantsLease(PRIMARY_ALONE, Role.PRIMARY, null));
    assertTrue(WitnessRules.wantsLease(SECONDARY_LOST_PRIMARY, Role.SECONDARY, null));
    assertTrue(WitnessRules.wantsLease(SECONDARY_ACTIVE, Role.SECONDARY, null));
    assertTrue(WitnessRules.wantsLease(SECONDARY_SYNCING, Role.SECONDARY, new PeerReport(PRIMARY_FAILOVER, true, true)),
        "forced failover: the primary stepped down");
    assertFalse(WitnessRules.wantsLease(SECONDARY_SYNCING, Role.SECONDARY, new PeerReport(PRIMARY_ACTIVE, true, true)));
    assertFalse(WitnessRules.wantsLease(PRIMARY_SYNCING, Role.PRIMARY, new PeerReport(SECONDARY_ACTIVE, true, true)));
    assertFalse(WitnessRules.wantsLease(SECONDARY_FAILBACK, Role.SECONDARY, null), "failback hands the lease over");
    assertTrue(WitnessRules.wantsLease(PRIMARY_FAILBACK, Role.PRIMARY, new PeerReport(SECONDARY_POST_FAILBACK, true, true)));
    assertFalse(WitnessRules.wantsLease(PRIMARY_FAILBACK, Role.PRIMARY, new PeerReport(SECONDARY_LOST_PRIMARY, true, true)),
        "a stalled failback leaves the lease to the secondary's Failover");
    assertFalse(WitnessRules.wantsLease(HA_NOT_CONFIGURED, Role.PRIMARY, null));
    assertTrue(WitnessRules.wantsLease(HA_INITIALIZING, Role.PRIMARY, null),
        "held before Primary Active: a registration must not end in a fence (seen in the lab)");
    assertFalse(WitnessRules.wantsLease(HA_INITIALIZING, Role.SECONDARY, null));
  }

  @Test
  void aServingNodeWithoutTheLeaseFencesUnlessTheWitnessIsSilentAndThePeerAnswersAsPassive() {
    assertFalse(WitnessRules.mustFence(PRIMARY_ACTIVE, Role.PRIMARY, HELD, null));
    assertTrue(WitnessRules.mustFence(PRIMARY_ACTIVE, Role.PRIMARY, OTHERS, STANDBY),
        "a reachable witness that gave the lease away is final");
    assertFalse(WitnessRules.mustFence(PRIMARY_ACTIVE, Role.PRIMARY, SILENT, STANDBY), "failsafe");
    assertTrue(WitnessRules.mustFence(PRIMARY_ACTIVE, Role.PRIMARY, SILENT, null), "partitioned from both");
    assertTrue(WitnessRules.mustFence(PRIMARY_LOST_SECONDARY, Role.PRIMARY, SILENT,
        new PeerReport(SECONDARY_ACTIVE, true, true)), "an active secondary is no failsafe");
    assertTrue(WitnessRules.mustFence(SECONDARY_ACTIVE, Role.SECONDARY, SILENT, null));
    assertFalse(WitnessRules.mustFence(SECONDARY_ACTIVE, Role.SECONDARY, SILENT, new PeerReport(PRIMARY_SYNCING, true, true)));
    assertFalse(WitnessRules.mustFence(PRIMARY_SYNCING, Role.PRIMARY, SILENT, null), "a passive node has nothing to fence");
    assertFalse(WitnessRules.mustFence(PRIMARY_ACTIVE, Role.PRIMARY, WitnessView.NONE, null), "no witness: the guide's S3");
    assertFalse(WitnessRules.mustFence(HA_INITIALIZING, Role.PRIMARY, SILENT, new PeerReport(HA_INITIALIZING, true, true)),
        "registration copies the database: no fence (it was seen to break the copy's ALTER ROLE)");
  }

  @Test
  void automaticFailoverWaitsForTheLeaseThenPromotes() {
    HaConfig config = new HaConfig(Role.SECONDARY, FailoverType.AUTOMATIC, 3, Duration.ZERO, "10.0.0.1");
    NodeStatus lost = new NodeStatus(SECONDARY_LOST_PRIMARY, NOW.minusSeconds(30));
    Decision waiting = new HaDecider().decide(lost, obs(null, 3, OTHERS), config, null);
    assertEquals(SECONDARY_LOST_PRIMARY, waiting.next());
    assertFalse(waiting.has(ActionKind.PROMOTE_DATABASE));
    assertTrue(waiting.outcome().contains("the lease is held by 10.0.0.2"), waiting.outcome());
    Decision silent = new HaDecider().decide(lost, obs(null, 3, SILENT), config, null);
    assertFalse(silent.has(ActionKind.PROMOTE_DATABASE), "an unreachable witness never causes a failover");
    Decision promoted = new HaDecider().decide(lost, obs(null, 3, new WitnessView(true, true, true, "10.0.0.2")), config, null);
    assertEquals(SECONDARY_FAILOVER, promoted.next());
    assertTrue(promoted.has(ActionKind.PROMOTE_DATABASE));
  }

  @Test
  void manualFailoverIsRefusedUntilTheLeaseIsTaken() {
    HaConfig config = new HaConfig(Role.SECONDARY, FailoverType.MANUAL, 3, Duration.ZERO, "10.0.0.1");
    NodeStatus lost = new NodeStatus(SECONDARY_LOST_PRIMARY, NOW.minusSeconds(30));
    String refusal = new HaDecider().refusalFor(lost, obs(null, 3, OTHERS), config, new Command.Failover());
    assertNotNull(refusal);
    assertTrue(refusal.contains("witness lease"), refusal);
    assertEquals(null, new HaDecider().refusalFor(lost, obs(null, 3, new WitnessView(true, true, true, "10.0.0.2")),
        config, new Command.Failover()));
  }

  @Test
  void aForcedFailoverAndAFailbackMoveOnlyWithTheLease() {
    HaConfig secondary = new HaConfig(Role.SECONDARY, FailoverType.MANUAL, 3, Duration.ZERO, "10.0.0.1");
    NodeStatus syncing = new NodeStatus(SECONDARY_SYNCING, NOW.minusSeconds(30));
    PeerReport steppedDown = new PeerReport(PRIMARY_FAILOVER, true, true);
    assertEquals(SECONDARY_SYNCING, new HaDecider().decide(syncing, obs(steppedDown, 0, OTHERS), secondary, null).next());
    assertEquals(SECONDARY_FAILOVER, new HaDecider().decide(syncing, obs(steppedDown, 0, HELD), secondary, null).next());

    HaConfig primary = new HaConfig(Role.PRIMARY, FailoverType.MANUAL, 3, Duration.ZERO, "10.0.0.2");
    NodeStatus failback = new NodeStatus(PRIMARY_FAILBACK, NOW.minusSeconds(5));
    PeerReport handedOver = new PeerReport(SECONDARY_POST_FAILBACK, true, true);
    assertEquals(PRIMARY_FAILBACK, new HaDecider().decide(failback, obs(handedOver, 0, OTHERS), primary, null).next());
    assertEquals(PRIMARY_ACTIVE, new HaDecider().decide(failback, obs(handedOver, 0, HELD), primary, null).next());

    NodeStatus alone = new NodeStatus(PRIMARY_ALONE, NOW.minusSeconds(5));
    assertEquals(PRIMARY_ALONE, new HaDecider().decide(alone, obs(STANDBY, 0, OTHERS), primary, null).next(),
        "a restarted primary serves only with the lease");
    assertEquals(PRIMARY_ACTIVE, new HaDecider().decide(alone, obs(STANDBY, 0, HELD), primary, null).next());
  }

  /** The review's gap: a restart in Secondary Failover promoted again before the witness was asked. */
  @Test
  void aSecondaryRestartedDuringAFailoverPromotesAgainOnlyWithTheLease() {
    HaConfig config = new HaConfig(Role.SECONDARY, FailoverType.MANUAL, 3, Duration.ZERO, "10.0.0.1");
    NodeStatus failingOver = new NodeStatus(SECONDARY_FAILOVER, NOW.minusSeconds(30));
    Decision notAsked = new HaDecider().decide(failingOver, started(WitnessView.NOT_ASKED_YET), config, null);
    assertEquals(SECONDARY_LOST_PRIMARY, notAsked.next());
    assertFalse(notAsked.has(ActionKind.PROMOTE_DATABASE));
    assertTrue(notAsked.outcome().contains("not promoting again without the witness lease"), notAsked.outcome());
    assertTrue(new HaDecider().decide(failingOver, started(HELD), config, null).has(ActionKind.PROMOTE_DATABASE));
    assertTrue(new HaDecider().decide(failingOver, started(WitnessView.NONE), config, null).has(ActionKind.PROMOTE_DATABASE),
        "no witness: as before");
    assertFalse(WitnessView.NOT_ASKED_YET.permitsServing(), "a configured witness not asked yet is no lease");
  }

  private static Observations started(WitnessView witness) {
    return new Observations(NOW, null, 0, true, true, false, true, List.of(), null, witness);
  }

  private static Observations obs(PeerReport peer, int missed, WitnessView witness) {
    return new Observations(NOW, peer, missed, true, true, false, false, List.of(), null, witness);
  }
}

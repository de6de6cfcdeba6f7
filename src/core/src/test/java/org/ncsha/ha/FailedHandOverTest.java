package org.ncsha.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncsha.ha.HaState.*;
import static org.ncsha.ha.Inputs.*;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A failback whose hand-over failed (FOLLOW_PEER failed in Secondary Post Failback, after the
 * primary had taken over) leaves the secondary's database its own, writable: not a standby.
 * It must not pass for Secondary Syncing, nor take over from a primary that steps down; it
 * follows a healthy primary again after a wait; a primary lost altogether leaves it the copy to
 * fail over to.
 */
class FailedHandOverTest {
  private final HaDecider decider = new HaDecider();
  private final HaConfig automatic = secondary(FailoverType.AUTOMATIC, Duration.ZERO);
  private static final LocalMode OWN_TIMELINE = new LocalMode(false, false, true, null, false);
  private static final LocalMode STANDBY = new LocalMode(false, false, false, null, false);

  @Test
  void the_failed_hand_over_is_secondary_uncertain_and_says_how_to_try_again() {
    Decision d = decider.decide(in(SECONDARY_POST_FAILBACK),
        withOutcome(peer(PRIMARY_ACTIVE), ActionOutcome.failed(ActionKind.FOLLOW_PEER, "the primary did not answer")),
        automatic, null);
    assertEquals(SECONDARY_UNCERTAIN, d.next());
    assertTrue(d.outcome().contains("stays Secondary Uncertain (not Syncing, no takeover when the primary steps down)"
        + " until it follows: it tries again in 1 min while the primary is healthy (ncs restart on it tries at once)"),
        d.outcome());
  }

  @Test
  void the_failed_hand_over_follows_the_healthy_primary_again_after_a_wait_that_doubles() {
    assertEquals(SECONDARY_UNCERTAIN, decider.decide(in(SECONDARY_UNCERTAIN),
        at(59, peer(PRIMARY_ACTIVE)).withMode(OWN_TIMELINE).withFailedFollows(1), automatic, null).next());
    Decision again = decider.decide(in(SECONDARY_UNCERTAIN),
        at(60, peer(PRIMARY_ACTIVE)).withMode(OWN_TIMELINE).withFailedFollows(1), automatic, null);
    assertEquals(SECONDARY_POST_FAILBACK, again.next());
    assertTrue(again.has(ActionKind.FOLLOW_PEER) && again.has(ActionKind.RELEASE_VIP), again.actions().toString());
    assertTrue(again.outcome().contains("1 min after the last attempt failed (1 in a row)"), again.outcome());

    assertEquals(SECONDARY_UNCERTAIN, decider.decide(in(SECONDARY_UNCERTAIN),
        at(60, peer(PRIMARY_ACTIVE)).withMode(OWN_TIMELINE).withFailedFollows(2), automatic, null).next(),
        "2 min after the second failure");
    assertEquals(Duration.ofMinutes(32), SecondaryRules.followRetryWait(6));
    assertEquals(Duration.ofHours(1), SecondaryRules.followRetryWait(7), "never longer than an hour");
    assertEquals(Duration.ofHours(1), SecondaryRules.followRetryWait(40));

    Observations failedHere = new Observations(T0.plusSeconds(600), peer(PRIMARY_ACTIVE), 0, false, true, false, false,
        List.of()).withMode(OWN_TIMELINE).withFailedFollows(1);
    assertEquals(SECONDARY_UNCERTAIN, decider.decide(in(SECONDARY_UNCERTAIN), failedHere, automatic, null).next(),
        "nor while its own database fails");
  }

  /** The harness's pair: a hand-over whose follow fails twice ends Secondary Syncing on the third try, with no restart. */
  @Test
  void a_failed_hand_over_heals_without_a_restart() {
    PairHarness h = PairHarness.failedOver(FailoverType.MANUAL);
    h.command(h.secondary, new Command.Failback());
    h.runUntil(() -> h.secondary.state() == SECONDARY_POST_FAILBACK, 10);
    h.secondary.failNext.add(ActionKind.FOLLOW_PEER);
    h.runUntil(() -> h.secondary.state() == SECONDARY_UNCERTAIN, 5);
    assertTrue(h.secondary.databaseWritable(), "the failed hand-over's own timeline");
    h.secondary.failNext.add(ActionKind.FOLLOW_PEER);
    h.mark();
    h.runUntil(() -> h.secondary.state() == SECONDARY_SYNCING, 80);
    h.assertTable("Primary Active | Secondary Uncertain", "Primary Active | Secondary Post Failback",
        "Primary Active | Secondary Uncertain", "Primary Active | Secondary Post Failback",
        "Primary Active | Secondary Syncing");
    assertEquals(0, h.secondary.restartsStarted, "no restart of its database either");
    assertTrue(h.secondary.decisions.stream().anyMatch(d -> d.outcome() != null
        && d.outcome().contains("2 min after the last attempt failed (2 in a row)")), "the runner's count of failures");
    assertTrue(h.secondary.mails.stream().filter(m -> m.startsWith("Secondary could not follow the primary")).count() == 2,
        h.secondary.mails.toString());
  }

  @Test
  void a_healthy_database_that_is_not_a_standby_is_not_secondary_syncing() {
    Observations healthy = at(30, peer(PRIMARY_ACTIVE));
    assertEquals(SECONDARY_UNCERTAIN,
        decider.decide(in(SECONDARY_UNCERTAIN), healthy.withMode(OWN_TIMELINE), automatic, null).next());
    assertEquals(SECONDARY_SYNCING,
        decider.decide(in(SECONDARY_UNCERTAIN), healthy.withMode(STANDBY), automatic, null).next(),
        "a standby that recovered syncs again, as before");
    Decision back = decider.decide(in(SECONDARY_LOST_PRIMARY), healthy.withMode(OWN_TIMELINE), automatic, null);
    assertEquals(SECONDARY_UNCERTAIN, back.next(), "nor is it Syncing when the primary answers again in Lost Primary");
    assertTrue(back.outcome().contains("ncs restart on it tries at once"), back.outcome());
  }

  @Test
  void no_takeover_when_the_primary_steps_down() {
    Decision stepDown = decider.decide(in(SECONDARY_UNCERTAIN), at(600, peer(PRIMARY_FAILOVER)).withMode(OWN_TIMELINE),
        automatic, null);
    assertEquals(SECONDARY_UNCERTAIN, stepDown.next());
    assertFalse(stepDown.has(ActionKind.PROMOTE_DATABASE), stepDown.outcome());
  }

  /** NetworkScenariosIT: the primary killed between the hand-over and the secondary following it. */
  @Test
  void a_primary_lost_after_the_hand_over_is_failed_over_from_to_this_copy() {
    Decision lost = decider.decide(in(SECONDARY_UNCERTAIN), lost(600, 9).withMode(OWN_TIMELINE), automatic, null);
    assertEquals(SECONDARY_LOST_PRIMARY, lost.next(), "the only copy left is this one");
    assertTrue(lost.outcome().contains("lacks what the primary wrote since it took over"), lost.outcome());
    PeerReport failedPrimary = new PeerReport(PRIMARY_UNCERTAIN, false, true);
    assertEquals(SECONDARY_LOST_PRIMARY,
        decider.decide(in(SECONDARY_UNCERTAIN), at(60, failedPrimary).withMode(OWN_TIMELINE), automatic, null).next());
    assertNull(decider.refusalFor(in(SECONDARY_LOST_PRIMARY), lost(600, 9).withMode(OWN_TIMELINE),
        secondary(), new Command.Failover()), "the administrator's Failover");
  }

  @Test
  void a_promotion_that_failed_half_way_is_tried_again_though_its_database_is_writable() {
    // Promoted, then a later step of the promotion failed: back in Lost Primary with a writable database.
    assertEquals(SECONDARY_FAILOVER,
        decider.decide(in(SECONDARY_LOST_PRIMARY), lostBehind(1024L), automatic, null).next());
    assertNull(decider.refusalFor(in(SECONDARY_LOST_PRIMARY), lost(600, 9).withMode(OWN_TIMELINE),
        secondary(), new Command.Failover()), "the administrator's Failover too");
  }

  /** The review's finding: an own copy was promoted automatically whatever the primary wrote since. */
  @Test
  void an_own_copy_is_promoted_automatically_only_within_the_lag_limit_the_primary_last_reported() {
    long limit = automatic.maxLagOnFailoverBytes();
    Decision over = decider.decide(in(SECONDARY_LOST_PRIMARY), lostBehind(limit + 1), automatic, null);
    assertEquals(SECONDARY_LOST_PRIMARY, over.next());
    assertFalse(over.has(ActionKind.PROMOTE_DATABASE));
    assertTrue(over.outcome().contains("this server's own database (not a standby) is"), over.outcome());
    Decision unknown = decider.decide(in(SECONDARY_LOST_PRIMARY), lostBehind(null), automatic, null);
    assertFalse(unknown.has(ActionKind.PROMOTE_DATABASE), "an unknown lag blocks an own copy, not a standby");
    assertTrue(unknown.outcome().contains("the primary's last position is not known"), unknown.outcome());
    assertTrue(decider.decide(in(SECONDARY_LOST_PRIMARY), lost(600, 9).withMode(STANDBY), automatic, null)
        .has(ActionKind.PROMOTE_DATABASE), "a standby with an unknown lag fails over, as before");

    Observations steppedDown = new Observations(T0.plusSeconds(60), peer(PRIMARY_FAILOVER), 0, true, true, false, false,
        List.of(), null, WitnessView.NONE).withMode(OWN_TIMELINE);
    assertFalse(decider.decide(in(SECONDARY_LOST_PRIMARY), steppedDown, automatic, null).has(ActionKind.PROMOTE_DATABASE),
        "nor does it take over from a primary that stepped down");
  }

  private static Observations lostBehind(Long bytes) {
    return new Observations(T0.plusSeconds(600), null, 9, true, true, false, false, List.of(), bytes, WitnessView.NONE)
        .withMode(OWN_TIMELINE);
  }

  @Test
  void a_restart_follows_the_primary_again() {
    Observations startup = new Observations(T0, peer(PRIMARY_ACTIVE), 0, true, true, false, true, List.of())
        .withMode(OWN_TIMELINE);
    Decision d = decider.decide(in(SECONDARY_UNCERTAIN), startup, automatic, null);
    assertEquals(SECONDARY_POST_FAILBACK, d.next());
    assertTrue(d.has(ActionKind.FOLLOW_PEER) && d.has(ActionKind.RELEASE_VIP), d.actions().toString());
  }
}

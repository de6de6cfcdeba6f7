package org.ncsha.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.ncsha.ha.HaState;

class RollingRulesTest {
  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
  private static final Instant BEFORE = T0.minusSeconds(3600);
  private static final Instant AFTER = T0.plusSeconds(30);
  private static final RollingRules.Software OLD = new RollingRules.Software("0.1.0", false, null, null, null);
  private static final RollingRules.Software NEW =
      new RollingRules.Software("0.1.1", true, UpdateOutcome.INSTALLED, "version 0.1.1 started", AFTER);

  private static RollingProgress at(RollingStep step, boolean acted) {
    RollingProgress p = RollingProgress.start("ncs-ha-0.1.1", "0.1.1", "0.1.0", T0);
    while (p.step() != step) {
      p = p.stepDone(T0);
    }
    return acted ? p.acting("") : p;
  }

  private static RollingRules.View view(HaState own, HaState peer, RollingRules.Software mine, RollingRules.Software theirs) {
    return new RollingRules.View(own, peer, mine, theirs);
  }

  @Test
  void each_step_starts_only_from_the_pair_it_needs_and_ends_on_its_result() {
    RollingRules.View synced = view(HaState.PRIMARY_ACTIVE, HaState.SECONDARY_SYNCING, OLD, OLD);
    assertEquals(new RollingRules.Act(RollingStep.SEND_BUNDLE), RollingRules.next(at(RollingStep.SEND_BUNDLE, false), synced, T0));
    assertEquals(new RollingRules.Act(RollingStep.SEND_BUNDLE), RollingRules.next(at(RollingStep.SEND_BUNDLE, true), synced, T0),
        "a send found started was cut by a restart: sent again");
    assertEquals(new RollingRules.Act(RollingStep.UPDATE_SECONDARY),
        RollingRules.next(at(RollingStep.UPDATE_SECONDARY, false), synced, T0));
    // The secondary restarting, then back on the old version for a moment: wait.
    assertInstanceOf(RollingRules.Wait.class, RollingRules.next(at(RollingStep.UPDATE_SECONDARY, true),
        view(HaState.PRIMARY_LOST_SECONDARY, null, OLD, null), T0));
    assertInstanceOf(RollingRules.Wait.class, RollingRules.next(at(RollingStep.UPDATE_SECONDARY, true), synced, T0));
    RollingRules.View secondaryUpdated = view(HaState.PRIMARY_ACTIVE, HaState.SECONDARY_SYNCING, OLD, NEW);
    assertEquals(new RollingRules.StepDone(), RollingRules.next(at(RollingStep.UPDATE_SECONDARY, true), secondaryUpdated, T0));
    assertEquals(new RollingRules.Act(RollingStep.SWITCH_TO_SECONDARY),
        RollingRules.next(at(RollingStep.SWITCH_TO_SECONDARY, false), secondaryUpdated, T0));
    RollingRules.View switched = view(HaState.PRIMARY_SYNCING, HaState.SECONDARY_ACTIVE, OLD, NEW);
    assertInstanceOf(RollingRules.Wait.class, RollingRules.next(at(RollingStep.SWITCH_TO_SECONDARY, true),
        view(HaState.PRIMARY_FAILOVER, HaState.SECONDARY_FAILOVER, OLD, NEW), T0));
    assertEquals(new RollingRules.StepDone(), RollingRules.next(at(RollingStep.SWITCH_TO_SECONDARY, true), switched, T0));
    assertEquals(new RollingRules.Act(RollingStep.UPDATE_PRIMARY), RollingRules.next(at(RollingStep.UPDATE_PRIMARY, false), switched, T0));
    assertInstanceOf(RollingRules.Wait.class, RollingRules.next(at(RollingStep.UPDATE_PRIMARY, true),
        view(HaState.PRIMARY_PREPARING_FOR_FAILBACK, HaState.SECONDARY_ACTIVE, NEW, NEW), T0));
    RollingRules.View primaryUpdated = view(HaState.PRIMARY_SYNCING, HaState.SECONDARY_ACTIVE, NEW, NEW);
    assertEquals(new RollingRules.StepDone(), RollingRules.next(at(RollingStep.UPDATE_PRIMARY, true), primaryUpdated, T0));
    assertEquals(new RollingRules.Act(RollingStep.SWITCH_BACK), RollingRules.next(at(RollingStep.SWITCH_BACK, false), primaryUpdated, T0));
    assertEquals(new RollingRules.StepDone(), RollingRules.next(at(RollingStep.SWITCH_BACK, true),
        view(HaState.PRIMARY_ACTIVE, HaState.SECONDARY_SYNCING, NEW, NEW), T0));
  }

  @Test
  void only_an_install_made_after_the_step_began_counts_and_one_made_before_skips_the_step() {
    RollingRules.Software earlierRollback =
        new RollingRules.Software("0.1.0", false, UpdateOutcome.ROLLED_BACK, "CWWKZ0124E", BEFORE);
    assertInstanceOf(RollingRules.Wait.class, RollingRules.next(at(RollingStep.UPDATE_SECONDARY, true),
        view(HaState.PRIMARY_ACTIVE, HaState.SECONDARY_SYNCING, OLD, earlierRollback), T0), "a retry after a rollback");
    RollingRules.Software sameVersionNotYet = new RollingRules.Software("0.1.1", false, null, null, null);
    assertInstanceOf(RollingRules.Wait.class, RollingRules.next(at(RollingStep.UPDATE_SECONDARY, true),
        view(HaState.PRIMARY_ACTIVE, HaState.SECONDARY_SYNCING, OLD, sameVersionNotYet), T0),
        "a patch of the running version is not installed until its row says so");
    assertEquals(new RollingRules.StepDone(), RollingRules.next(at(RollingStep.UPDATE_SECONDARY, false),
        view(HaState.PRIMARY_ACTIVE, HaState.SECONDARY_SYNCING, OLD, NEW), T0), "installed there already: not again");
    // Its row written at its start, then its launcher rolled it back: the old version answers.
    RollingRules.Software installedButOld = new RollingRules.Software("0.1.0", true, UpdateOutcome.INSTALLED,
        "version 0.1.1 started", AFTER);
    assertInstanceOf(RollingRules.Wait.class, RollingRules.next(at(RollingStep.UPDATE_SECONDARY, true),
        view(HaState.PRIMARY_ACTIVE, HaState.SECONDARY_SYNCING, OLD, installedButOld), T0),
        "not done while the secondary does not run the new version");
    assertInstanceOf(RollingRules.Act.class, RollingRules.next(at(RollingStep.UPDATE_SECONDARY, false),
        view(HaState.PRIMARY_ACTIVE, HaState.SECONDARY_SYNCING, OLD, installedButOld), T0),
        "nor skipped as installed already");
    assertEquals(new RollingRules.StepDone(), RollingRules.next(at(RollingStep.UPDATE_PRIMARY, false),
        view(HaState.PRIMARY_SYNCING, HaState.SECONDARY_ACTIVE, NEW, NEW), T0));
  }

  @Test
  void the_last_step_done_completes_the_update_with_every_step_timed() {
    RollingProgress p = at(RollingStep.SWITCH_BACK, true).stepDone(T0.plusSeconds(60));
    assertEquals(RollingProgress.Status.COMPLETED, p.status());
    assertEquals(RollingStep.values().length, p.finished().size());
    assertEquals(p, RollingProgress.parse(p.toText()));
    assertEquals("rolling update record: started.at is not a time: yesterday", assertThrows(IllegalArgumentException.class,
        () -> RollingProgress.parse(p.toText().replaceAll("(?m)^started\\.at=.*$", "started.at=yesterday"))).getMessage());
  }

  @Test
  void a_pair_not_as_a_step_needs_is_waited_for_and_a_failure_says_where_it_stopped_what_serves_and_how_to_go_on() {
    RollingRules.Move rolledBack = RollingRules.next(at(RollingStep.UPDATE_SECONDARY, true),
        view(HaState.PRIMARY_ACTIVE, HaState.SECONDARY_SYNCING, OLD,
            new RollingRules.Software("0.1.0", false, UpdateOutcome.ROLLED_BACK, "CWWKZ0124E", AFTER)), T0);
    String why = ((RollingRules.Fail) rolledBack).why();
    assertTrue(why.startsWith("Stopped at \"Update the secondary\": the update failed on the secondary and was rolled back"
        + " there (CWWKZ0124E); the primary still serves with 0.1.0"), why);

    RollingRules.Move withdrawn = RollingRules.next(at(RollingStep.UPDATE_SECONDARY, true),
        view(HaState.PRIMARY_ACTIVE, HaState.SECONDARY_SYNCING, OLD,
            new RollingRules.Software("0.1.0", false, UpdateOutcome.WITHDRAWN, "nothing restarted ncs-ha within 60 s", AFTER)),
        T0);
    assertTrue(((RollingRules.Fail) withdrawn).why().startsWith("Stopped at \"Update the secondary\": the install on the"
        + " secondary was withdrawn, nothing was installed there (nothing restarted ncs-ha within 60 s); the primary still"
        + " serves with 0.1.0"), withdrawn.toString());
    RollingRules.Move primaryWithdrawn = RollingRules.next(at(RollingStep.UPDATE_PRIMARY, true),
        view(HaState.PRIMARY_SYNCING, HaState.SECONDARY_ACTIVE,
            new RollingRules.Software("0.1.0", false, UpdateOutcome.WITHDRAWN, "no unit", AFTER), NEW), T0);
    assertTrue(((RollingRules.Fail) primaryWithdrawn).why().contains("the install on this server was withdrawn"),
        primaryWithdrawn.toString());

    RollingProgress switchOver = at(RollingStep.SWITCH_TO_SECONDARY, false);
    RollingRules.View lost = view(HaState.PRIMARY_LOST_SECONDARY, null, OLD, null);
    assertEquals(new RollingRules.Wait("waiting for Primary Active with the secondary in Secondary Syncing (this server is"
        + " Primary Lost Secondary, the secondary not heard)"), RollingRules.next(switchOver, lost, T0));
    RollingRules.Move gaveUp = RollingRules.next(switchOver, lost, T0.plus(RollingRules.limit(RollingStep.SWITCH_TO_SECONDARY))
        .plusSeconds(1));
    assertTrue(((RollingRules.Fail) gaveUp).why().startsWith("Stopped at \"Switch over to the secondary\": it did not end"
        + " within 10 minutes (this server is Primary Lost Secondary, the secondary not heard); the secondary runs 0.1.1"),
        gaveUp.toString());

    RollingRules.Move primaryRolledBack = RollingRules.next(at(RollingStep.UPDATE_PRIMARY, true),
        view(HaState.PRIMARY_SYNCING, HaState.SECONDARY_ACTIVE,
            new RollingRules.Software("0.1.0", false, UpdateOutcome.ROLLED_BACK, "no start", AFTER), NEW), T0);
    assertTrue(((RollingRules.Fail) primaryRolledBack).why().contains("the secondary serves with 0.1.1"), primaryRolledBack.toString());

    RollingRules.Move late = RollingRules.next(at(RollingStep.SWITCH_BACK, true),
        view(HaState.PRIMARY_FAILBACK, HaState.SECONDARY_FAILBACK, NEW, NEW),
        T0.plus(RollingRules.limit(RollingStep.SWITCH_BACK)).plus(Duration.ofSeconds(1)));
    assertTrue(((RollingRules.Fail) late).why().startsWith("Stopped at \"Switch back to the primary\": it did not end within 5 minutes"),
        late.toString());
  }

  @Test
  void an_action_the_other_server_refuses_for_now_is_tried_again_and_a_time_out_says_the_last_refusal() {
    assertTrue(RollingRules.retried(RollingStep.SWITCH_BACK, false));
    assertTrue(RollingRules.retried(RollingStep.UPDATE_SECONDARY, true), "the secondary's refusal may pass");
    assertTrue(!RollingRules.retried(RollingStep.UPDATE_PRIMARY, true), "this server's own refusal does not");
    RollingProgress refused = at(RollingStep.SWITCH_BACK, true).retrying("Failback is not allowed in state Secondary Active"
        + " while the primary is not answering");
    RollingRules.View switched = view(HaState.PRIMARY_SYNCING, HaState.SECONDARY_ACTIVE, NEW, NEW);
    assertEquals(new RollingRules.Act(RollingStep.SWITCH_BACK), RollingRules.next(refused, switched, T0));
    String why = ((RollingRules.Fail) RollingRules.next(refused, switched, T0.plus(Duration.ofMinutes(6)))).why();
    assertTrue(why.contains("(last: Not taken yet, trying again: Failback is not allowed in state Secondary Active while the"
        + " primary is not answering)"), why);
  }

  @Test
  void only_a_rolling_bundle_on_a_synced_pair_starts() {
    BundleManifest rolling = BundleManifest.parse(BundleManifestTest.good());
    assertNull(RollingRules.startProblem(rolling, HaState.PRIMARY_ACTIVE, HaState.SECONDARY_SYNCING, false));
    assertTrue(RollingRules.startProblem(rolling, HaState.PRIMARY_LOST_SECONDARY, null, false)
        .endsWith("now this server is Primary Lost Secondary and the secondary is not heard"));
    assertTrue(RollingRules.startProblem(rolling, HaState.PRIMARY_ACTIVE, HaState.SECONDARY_SYNCING, true)
        .startsWith("A rolling update is running already"));
  }
}

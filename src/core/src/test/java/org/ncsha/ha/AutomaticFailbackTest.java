package org.ncsha.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncsha.ha.HaState.*;
import static org.ncsha.ha.Inputs.*;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The MSE pairs' automatic failback: the active secondary hands back by itself once the restored
 * primary has been healthy in Primary Syncing for the delay, and never otherwise.
 */
class AutomaticFailbackTest {
  private final HaDecider decider = new HaDecider();
  private final HaConfig automatic = secondary().withFailback(FailbackType.AUTOMATIC, Duration.ofSeconds(60));

  private static PeerReport primary(HaState state, long seenSeconds, boolean healthy) {
    return new PeerReport(state, healthy, healthy, Duration.ofSeconds(seenSeconds));
  }

  @Test
  void a_primary_steady_in_primary_syncing_for_the_delay_gets_the_failback_by_itself() {
    Decision d = decider.decide(in(SECONDARY_ACTIVE), at(600, primary(PRIMARY_SYNCING, 60, true)), automatic, null);
    assertEquals(SECONDARY_FAILBACK, d.next());
    assertEquals("automatic failback: the primary has been healthy in Primary Syncing for 60 s"
        + " (failback.delay.seconds 60)", d.outcome());
    // The same switchover as the administrator's: writes stop until the primary has replayed them.
    Decision manual = decider.decide(in(SECONDARY_ACTIVE), at(600, primary(PRIMARY_SYNCING, 0, true)), secondary(),
        new Command.Failback());
    assertEquals(manual.actions().stream().map(Action::kind).toList(), d.actions().stream().map(Action::kind).toList());
    assertTrue(d.has(ActionKind.APP_READ_ONLY) && d.has(ActionKind.NOTE_FAILBACK_POSITION) && d.has(ActionKind.SYNC_FILES));
  }

  @Test
  void a_primary_not_yet_steady_for_the_delay_or_unhealthy_or_elsewhere_waits() {
    for (PeerReport peer : new PeerReport[] {primary(PRIMARY_SYNCING, 59, true), primary(PRIMARY_SYNCING, 600, false),
        primary(PRIMARY_PREPARING_FOR_FAILBACK, 600, true), new PeerReport(PRIMARY_SYNCING, true, true)}) {
      Decision d = decider.decide(in(SECONDARY_ACTIVE), at(600, peer), automatic, null);
      assertEquals(SECONDARY_ACTIVE, d.next(), peer.toString());
      assertFalse(d.changed(), peer.toString());
    }
    assertEquals(SECONDARY_ACTIVE, decider.decide(in(SECONDARY_ACTIVE), lost(600, 9), automatic, null).next(),
        "no primary, no failback");
  }

  @Test
  void manual_failback_never_hands_back_by_itself() {
    assertEquals(SECONDARY_ACTIVE, decider.decide(in(SECONDARY_ACTIVE),
        at(86_400, primary(PRIMARY_SYNCING, 86_400, true)), secondary(), null).next());
  }

  @Test
  void a_failed_secondary_does_not_start_one() {
    Observations failed = new Observations(T0.plusSeconds(600), primary(PRIMARY_SYNCING, 600, true), 0, false, true,
        false, false, java.util.List.of());
    assertEquals(SECONDARY_ACTIVE, decider.decide(in(SECONDARY_ACTIVE), failed, automatic, null).next());
  }
}

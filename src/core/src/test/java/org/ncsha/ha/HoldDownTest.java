package org.ncsha.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncsha.ha.HaState.*;
import static org.ncsha.ha.Inputs.*;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Automatic failover waits for the hold-down so that short repeated outages do not flap. */
class HoldDownTest {

  private final HaDecider decider = new HaDecider();
  private final HaConfig automatic30 = secondary(FailoverType.AUTOMATIC, Duration.ofSeconds(30));

  @Test
  void noFailoverBeforeTheHoldDownHasPassed() {
    Decision d = decider.decide(in(SECONDARY_LOST_PRIMARY), lost(29, 9), automatic30, null);
    assertEquals(SECONDARY_LOST_PRIMARY, d.next());
    assertFalse(d.changed());
  }

  @Test
  void failoverOnceTheHoldDownHasPassed() {
    Decision d = decider.decide(in(SECONDARY_LOST_PRIMARY), lost(30, 9), automatic30, null);
    assertEquals(SECONDARY_FAILOVER, d.next());
    assertTrue(d.has(ActionKind.PROMOTE_DATABASE));
    assertEquals("automatic failover: the primary has been lost for 30 s (hold-down 30 s)",
        d.outcome());
  }

  @Test
  void zeroHoldDownFailsOverOnTheNextTick() {
    HaConfig zero = secondary(FailoverType.AUTOMATIC, Duration.ZERO);
    assertEquals(SECONDARY_FAILOVER,
        decider.decide(in(SECONDARY_LOST_PRIMARY), lost(0, 3), zero, null).next());
  }

  @Test
  void manualFailoverTypeNeverFailsOverByItself() {
    HaConfig manual = secondary(FailoverType.MANUAL, Duration.ZERO);
    assertEquals(SECONDARY_LOST_PRIMARY,
        decider.decide(in(SECONDARY_LOST_PRIMARY), lost(86_400, 9999), manual, null).next());
  }

  @Test
  void aPrimaryThatAnswersButIsNoLongerInHaIsNotFailedOverFrom() {
    assertEquals(SECONDARY_LOST_PRIMARY, decider.decide(in(SECONDARY_LOST_PRIMARY),
        at(3600, peer(STAND_ALONE)), automatic30, null).next());
  }

  @Test
  void aPrimaryReportingItselfFailedIsFailedOverFromAfterTheHoldDown() {
    PeerReport uncertain = new PeerReport(PRIMARY_UNCERTAIN, false, true);
    assertEquals(SECONDARY_LOST_PRIMARY,
        decider.decide(in(SECONDARY_LOST_PRIMARY), at(10, uncertain), automatic30, null).next());
    assertEquals(SECONDARY_FAILOVER,
        decider.decide(in(SECONDARY_LOST_PRIMARY), at(31, uncertain), automatic30, null).next());
  }

  @Test
  void outagesShorterThanTheHoldDownNeverFailOver() {
    PairHarness h = PairHarness.registered(FailoverType.AUTOMATIC);
    h.holdDown(Duration.ofSeconds(60));
    for (int i = 0; i < 4; i++) {
      h.cutLink();
      h.rounds(8); // 40 s: lost on the third miss, 30 s of the 60 s hold-down used
      assertEquals(SECONDARY_LOST_PRIMARY, h.secondary.state());
      h.restoreLink();
      h.rounds(2);
      assertEquals(SECONDARY_SYNCING, h.secondary.state());
      assertEquals(PRIMARY_ACTIVE, h.primary.state());
    }
    assertTrue(h.secondary.decisions.stream().noneMatch(d -> d.next() == SECONDARY_FAILOVER));
  }

  @Test
  void anOutageLongerThanTheHoldDownFailsOver() {
    PairHarness h = PairHarness.registered(FailoverType.AUTOMATIC);
    h.holdDown(Duration.ofSeconds(60));
    h.cutLink();
    h.rounds(14); // ticks at 0..65 s: lost on the third miss (10 s), hold-down ends at 70 s
    assertEquals(SECONDARY_LOST_PRIMARY, h.secondary.state());
    h.rounds(1);
    assertEquals(SECONDARY_FAILOVER, h.secondary.state());
  }
}

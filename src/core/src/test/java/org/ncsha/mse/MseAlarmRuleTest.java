package org.ncsha.mse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ncsha.mse.MseAlarmRule.Alarm;
import org.ncsha.mse.MseAlarmRule.Look;
import org.ncsha.mse.MseAlarmRule.Severity;

class MseAlarmRuleTest {
  private static final Look SYNCING = new Look(true, "Secondary Syncing", "10.0.0.11");
  private static final Look ACTIVE = new Look(true, "Secondary Active", "10.0.0.11");

  private static Optional<Alarm> between(Look before, Look now) {
    return MseAlarmRule.between("mse-secondary", "10.0.0.12", before, now);
  }

  @Test
  void a_secondary_that_takes_over_is_the_critical_alarm_once() {
    assertEquals(Optional.of(new Alarm(Severity.CRITICAL, "MSE failover: the secondary MSE mse-secondary (10.0.0.12)"
        + " took over from the primary 10.0.0.11, which failed")), between(SYNCING, ACTIVE));
    assertEquals(Optional.of(new Alarm(Severity.CRITICAL, "MSE failover: the secondary MSE mse-secondary (10.0.0.12)"
        + " took over from the primary 10.0.0.11, which failed")), between(new Look(true, "Secondary Failover", "10.0.0.11"),
        ACTIVE), "through Secondary Failover too");
    assertEquals(Optional.empty(), between(ACTIVE, ACTIVE), "still active: said once");
  }

  @Test
  void the_failback_that_ends_with_the_secondary_syncing_clears_it() {
    assertEquals(Optional.of(new Alarm(Severity.CLEARED, "MSE failback: the primary 10.0.0.11 is active again and the"
        + " secondary MSE mse-secondary (10.0.0.12) backs it")), between(new Look(true, "Secondary Failback", "10.0.0.11"),
        SYNCING));
    assertEquals(Optional.of(new Alarm(Severity.CLEARED, "MSE failback: the primary 10.0.0.11 is active again and the"
        + " secondary MSE mse-secondary (10.0.0.12) backs it")), between(new Look(true, "Secondary Post Failback",
        "10.0.0.11"), SYNCING), "the last state seen before may be the failback's last");
    assertEquals(Optional.empty(), between(SYNCING, SYNCING));
  }

  @Test
  void an_mse_that_stops_answering_is_major_and_its_return_is_said() {
    assertEquals(Optional.of(new Alarm(Severity.MAJOR, "MSE mse-secondary (10.0.0.12) does not answer")),
        between(SYNCING, Look.silent()));
    assertEquals(Optional.empty(), between(Look.silent(), Look.silent()));
    assertEquals(Optional.of(new Alarm(Severity.CLEARED, "MSE mse-secondary (10.0.0.12) answers again (Secondary Syncing)")),
        between(Look.silent(), SYNCING));
  }

  @Test
  void every_other_change_of_the_ha_state_is_an_event() {
    assertEquals(Optional.of(new Alarm(Severity.INFO, "MSE mse-secondary (10.0.0.12): Secondary Lost Primary (was Secondary"
        + " Syncing)")), between(SYNCING, new Look(true, "Secondary Lost Primary", "10.0.0.11")));
    assertEquals(Optional.of(new Alarm(Severity.INFO, "MSE mse-secondary (10.0.0.12): HA Initializing (was HA Not"
        + " Configured)")), between(new Look(true, "HA Not Configured", null), new Look(true, "HA Initializing", "10.0.0.11")),
        "the pairing's steps too");
    assertEquals(Optional.empty(), between(SYNCING, SYNCING), "no change, no event");
  }
}

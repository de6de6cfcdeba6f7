package org.ncsha.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncsha.ha.HaState.*;

import org.junit.jupiter.api.Test;

/** The Failover Type changed on a running pair (the guide's patching procedure sets it to Manual first). */
class SettingsChangeTest {

  @Test
  void manual_set_on_the_primary_reaches_the_secondary_and_the_next_failure_waits_for_the_administrator() {
    PairHarness h = PairHarness.registered(FailoverType.AUTOMATIC);
    h.command(h.primary, new Command.ChangeSettings(FailoverType.MANUAL));
    h.rounds(2);
    assertEquals(FailoverType.MANUAL, h.primary.config.failoverType());
    assertEquals(FailoverType.MANUAL, h.secondary.config.failoverType());
    assertEquals(PRIMARY_ACTIVE, h.primary.state());
    assertEquals(SECONDARY_SYNCING, h.secondary.state());
    h.stop(h.primary);
    h.rounds(8);
    assertEquals(SECONDARY_LOST_PRIMARY, h.secondary.state(), "manual now: no failover by itself");
  }

  @Test
  void automatic_set_on_the_secondary_reaches_the_primary_and_the_next_failure_fails_over() {
    PairHarness h = PairHarness.registered(FailoverType.MANUAL);
    h.command(h.secondary, new Command.ChangeSettings(FailoverType.AUTOMATIC));
    h.rounds(2);
    assertEquals(FailoverType.AUTOMATIC, h.primary.config.failoverType());
    h.stop(h.primary);
    h.runUntil(() -> h.secondary.state() == SECONDARY_ACTIVE, 12);
  }

  @Test
  void refused_while_the_peer_is_silent_or_a_failback_runs_and_then_nothing_changes() {
    PairHarness h = PairHarness.registered(FailoverType.AUTOMATIC);
    h.stop(h.secondary);
    h.rounds(1);
    h.command(h.primary, new Command.ChangeSettings(FailoverType.MANUAL));
    h.rounds(1);
    assertTrue(h.primary.lastRefusal().startsWith("The HA settings cannot change while the peer does not answer"),
        h.primary.lastRefusal());
    assertEquals(FailoverType.AUTOMATIC, h.primary.config.failoverType());

    PairHarness f = PairHarness.registered(FailoverType.AUTOMATIC);
    f.command(f.primary, new Command.ForceFailover());
    f.runUntil(() -> f.primary.state() == PRIMARY_SYNCING, 10);
    f.command(f.secondary, new Command.Failback());
    f.step(f.primary);
    f.step(f.secondary);
    assertEquals(SECONDARY_FAILBACK, f.secondary.state());
    f.command(f.secondary, new Command.ChangeSettings(FailoverType.MANUAL));
    f.step(f.secondary);
    assertTrue(f.secondary.lastRefusal().startsWith("The HA settings cannot change in state Secondary Failback"),
        f.secondary.lastRefusal());
    assertEquals(FailoverType.AUTOMATIC, f.secondary.config.failoverType());
  }

  @Test
  void without_ha_the_settings_belong_to_the_registration_form() {
    PairHarness h = PairHarness.unregistered(FailoverType.MANUAL);
    h.command(h.primary, new Command.ChangeSettings(FailoverType.MANUAL));
    h.rounds(1);
    assertTrue(h.primary.lastRefusal().startsWith("The HA settings of a pair change while HA is enabled"),
        h.primary.lastRefusal());
  }
}

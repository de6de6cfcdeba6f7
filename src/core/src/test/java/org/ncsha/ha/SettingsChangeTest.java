package org.ncsha.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncsha.ha.HaState.*;
import static org.ncsha.ha.Inputs.at;
import static org.ncsha.ha.Inputs.in;
import static org.ncsha.ha.Inputs.peer;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pair's settings changed on a running pair: the Failover Type (the guide's patching
 * procedure sets it to Manual first), the Failback Type (an MSE pair's) and the virtual IP, which the server holding it moves at
 * once, without a failover, and the other keeps for the next one.
 */
class SettingsChangeTest {
  private static final VirtualIps REGISTERED = PairHarness.REGISTERED_VIRTUAL_IP;
  /** The IPv4 address moves, the IPv6 one stays. */
  private static final VirtualIps MOVED = new VirtualIps("10.0.0.101", "fd00::100");

  private static Command.ChangeSettings failoverType(FailoverType type) {
    return new Command.ChangeSettings(type, FailbackType.MANUAL, REGISTERED);
  }

  private static List<ActionKind> kinds(Decision d) {
    return d.actions().stream().map(Action::kind).toList();
  }

  @Test
  void manual_set_on_the_primary_reaches_the_secondary_and_the_next_failure_waits_for_the_administrator() {
    PairHarness h = PairHarness.registered(FailoverType.AUTOMATIC);
    h.command(h.primary, failoverType(FailoverType.MANUAL));
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
    h.command(h.secondary, failoverType(FailoverType.AUTOMATIC));
    h.rounds(2);
    assertEquals(FailoverType.AUTOMATIC, h.primary.config.failoverType());
    h.stop(h.primary);
    h.runUntil(() -> h.secondary.state() == SECONDARY_ACTIVE, 12);
  }

  @Test
  void automatic_failback_set_on_the_running_pair_reaches_both_and_the_next_failback_runs_by_itself() {
    PairHarness h = PairHarness.registered(FailoverType.AUTOMATIC, FailbackType.MANUAL, java.time.Duration.ofSeconds(10));
    h.command(h.primary, new Command.ChangeSettings(FailoverType.AUTOMATIC, FailbackType.AUTOMATIC, REGISTERED));
    h.step(h.primary);
    assertEquals("HA settings changed by the administrator: Failover Type Automatic; Failback Type changed from Manual"
        + " to Automatic", h.primary.lastDecision().outcome());
    h.rounds(2);
    assertEquals(FailbackType.AUTOMATIC, h.primary.config.failbackType());
    assertEquals(FailbackType.AUTOMATIC, h.secondary.config.failbackType());
    h.stop(h.primary);
    h.runUntil(() -> h.secondary.state() == SECONDARY_ACTIVE, 12);
    h.start(h.primary);
    // Nobody presses Failback: the secondary hands back once the primary has been steady for the delay.
    h.runUntil(() -> h.primary.state() == PRIMARY_ACTIVE && h.secondary.state() == SECONDARY_SYNCING, 40);
  }

  @Test
  void an_unchanged_virtual_ip_is_neither_moved_nor_named() {
    PairHarness h = PairHarness.registered(FailoverType.AUTOMATIC);
    h.command(h.primary, failoverType(FailoverType.MANUAL));
    h.step(h.primary);
    Decision d = h.primary.lastDecision();
    assertEquals(List.of(ActionKind.SAVE_HA_CONFIG, ActionKind.PEER_CHANGE_SETTINGS), kinds(d));
    assertEquals("HA settings changed by the administrator: Failover Type Manual", d.outcome());
  }

  @Test
  void a_new_virtual_ip_set_on_the_primary_moves_there_at_once_and_a_later_failover_takes_the_new_one() {
    PairHarness h = PairHarness.registered(FailoverType.AUTOMATIC);
    assertTrue(h.primary.vipHeld, "the serving primary holds the registered address");
    h.command(h.primary, new Command.ChangeSettings(FailoverType.AUTOMATIC, FailbackType.MANUAL, MOVED));
    h.step(h.primary);
    Decision here = h.primary.lastDecision();
    assertEquals(PRIMARY_ACTIVE, here.next(), "no failover, HA stays");
    assertEquals(List.of(ActionKind.SAVE_HA_CONFIG, ActionKind.CHANGE_VIRTUAL_IP, ActionKind.ACQUIRE_VIP,
        ActionKind.PEER_CHANGE_SETTINGS), kinds(here), "the old address goes, the new one is taken, then the peer is told");
    assertEquals(MOVED, here.actions().get(1).virtualIps());
    assertEquals("HA settings changed by the administrator: Failover Type Automatic; Virtual IP changed from"
        + " 10.0.0.100, fd00::100 to 10.0.0.101, fd00::100", here.outcome());
    assertEquals(MOVED, h.primary.config.virtualIps());
    assertTrue(h.primary.vipHeld, "the new address is on the primary");

    h.step(h.secondary);
    Decision there = h.secondary.lastDecision();
    assertEquals(SECONDARY_SYNCING, there.next());
    assertEquals(List.of(ActionKind.SAVE_HA_CONFIG, ActionKind.CHANGE_VIRTUAL_IP), kinds(there),
        "the passive secondary stores it and takes nothing");
    assertEquals("HA settings changed on the peer: Failover Type Automatic; Virtual IP changed from"
        + " 10.0.0.100, fd00::100 to 10.0.0.101, fd00::100", there.outcome());
    assertEquals(MOVED, h.secondary.config.virtualIps());
    assertFalse(h.secondary.vipHeld);

    h.rounds(3);
    assertTrue(h.primary.vipHeld && !h.secondary.vipHeld, "nothing moves back on later ticks");
    h.stop(h.primary);
    h.primary.vipHeld = false; // powered off: its link is down, nothing answers for the address
    h.runUntil(() -> h.secondary.state() == SECONDARY_ACTIVE, 12);
    assertTrue(h.secondary.vipHeld, "the failover takes the virtual IP");
    assertEquals(MOVED, h.secondary.config.virtualIps(), "the new address");
  }

  @Test
  void the_server_that_holds_it_moves_it_when_the_change_is_made_on_the_other() {
    PairHarness h = PairHarness.registered(FailoverType.AUTOMATIC);
    h.command(h.primary, new Command.ForceFailover());
    h.runUntil(() -> h.primary.state() == PRIMARY_SYNCING && h.secondary.state() == SECONDARY_ACTIVE, 10);
    assertTrue(h.secondary.vipHeld && !h.primary.vipHeld);
    h.command(h.primary, new Command.ChangeSettings(FailoverType.AUTOMATIC, FailbackType.MANUAL, MOVED));
    h.step(h.primary);
    assertEquals(List.of(ActionKind.SAVE_HA_CONFIG, ActionKind.CHANGE_VIRTUAL_IP, ActionKind.PEER_CHANGE_SETTINGS),
        kinds(h.primary.lastDecision()), "the passive primary takes nothing");
    h.step(h.secondary);
    assertEquals(List.of(ActionKind.SAVE_HA_CONFIG, ActionKind.CHANGE_VIRTUAL_IP, ActionKind.ACQUIRE_VIP),
        kinds(h.secondary.lastDecision()));
    assertEquals(SECONDARY_ACTIVE, h.secondary.state());
    assertTrue(h.secondary.vipHeld && !h.primary.vipHeld);
    assertEquals(MOVED, h.primary.config.virtualIps());
  }

  @Test
  void an_empty_virtual_ip_removes_it_from_the_holder_and_no_later_failover_takes_one() {
    PairHarness h = PairHarness.registered(FailoverType.AUTOMATIC);
    h.command(h.secondary, new Command.ChangeSettings(FailoverType.AUTOMATIC, FailbackType.MANUAL, VirtualIps.NONE));
    h.step(h.secondary);
    h.step(h.primary);
    Decision holder = h.primary.lastDecision();
    assertEquals(List.of(ActionKind.SAVE_HA_CONFIG, ActionKind.CHANGE_VIRTUAL_IP), kinds(holder), "nothing to take");
    assertTrue(holder.outcome().endsWith("Virtual IP changed from 10.0.0.100, fd00::100 to none"), holder.outcome());
    assertFalse(h.primary.vipHeld, "released");
    assertEquals(VirtualIps.NONE, h.secondary.config.virtualIps());
    h.rounds(3);
    assertFalse(h.primary.vipHeld, "not taken again");
    h.stop(h.primary);
    h.runUntil(() -> h.secondary.state() == SECONDARY_ACTIVE, 12);
    assertFalse(h.secondary.vipHeld);
  }

  @Test
  void a_fenced_server_stores_the_new_address_but_does_not_take_it() {
    HaConfig config = Inputs.primary().withVirtualIps(REGISTERED);
    LocalMode fenced = new LocalMode(false, true, true, null, false, LocalMode.VirtualIp.NOT_HELD);
    Decision d = new HaDecider().decide(in(PRIMARY_ACTIVE), at(1, peer(SECONDARY_SYNCING)).withMode(fenced), config,
        new Command.ChangeSettings(FailoverType.MANUAL, FailbackType.MANUAL, MOVED));
    assertTrue(d.has(ActionKind.CHANGE_VIRTUAL_IP), d.actions().toString());
    assertFalse(d.has(ActionKind.ACQUIRE_VIP), "the witness fenced it: another server may serve");
  }

  @Test
  void refused_while_the_peer_is_silent_or_a_failback_runs_and_then_nothing_changes() {
    PairHarness h = PairHarness.registered(FailoverType.AUTOMATIC);
    h.stop(h.secondary);
    h.rounds(1);
    h.command(h.primary, new Command.ChangeSettings(FailoverType.MANUAL, FailbackType.MANUAL, MOVED));
    h.rounds(1);
    assertTrue(h.primary.lastRefusal().startsWith("The HA settings cannot change while the peer does not answer"),
        h.primary.lastRefusal());
    assertEquals(FailoverType.AUTOMATIC, h.primary.config.failoverType());
    assertEquals(REGISTERED, h.primary.config.virtualIps());

    PairHarness f = PairHarness.failedOver(FailoverType.AUTOMATIC);
    f.command(f.secondary, new Command.Failback());
    f.step(f.primary);
    f.step(f.secondary);
    assertEquals(SECONDARY_FAILBACK, f.secondary.state());
    f.command(f.secondary, new Command.ChangeSettings(FailoverType.MANUAL, FailbackType.MANUAL, MOVED));
    f.step(f.secondary);
    assertTrue(f.secondary.lastRefusal().startsWith("The HA settings cannot change in state Secondary Failback"),
        f.secondary.lastRefusal());
    assertEquals(FailoverType.AUTOMATIC, f.secondary.config.failoverType());
    assertEquals(REGISTERED, f.secondary.config.virtualIps(), "the virtual IP stays where the failback takes it");
  }

  @Test
  void refused_while_the_peer_fails_over() {
    Decision d = new HaDecider().decide(in(PRIMARY_LOST_SECONDARY), at(1, peer(SECONDARY_FAILOVER)),
        Inputs.primary().withVirtualIps(REGISTERED), new Command.ChangeSettings(FailoverType.MANUAL, FailbackType.MANUAL, MOVED));
    assertTrue(d.refusal().startsWith("The HA settings cannot change while the peer is Secondary Failover"), d.refusal());
    assertFalse(d.has(ActionKind.CHANGE_VIRTUAL_IP));
  }

  @Test
  void without_ha_the_settings_belong_to_the_registration_form() {
    PairHarness h = PairHarness.unregistered(FailoverType.MANUAL);
    h.command(h.primary, new Command.ChangeSettings(FailoverType.MANUAL, FailbackType.MANUAL, MOVED));
    h.rounds(1);
    assertTrue(h.primary.lastRefusal().startsWith("The HA settings of a pair change while HA is enabled"),
        h.primary.lastRefusal());
    assertEquals(VirtualIps.NONE, h.primary.config.virtualIps());
  }
}

package org.ncsha.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncsha.ha.HaState.HA_NOT_CONFIGURED;
import static org.ncsha.ha.HaState.PRIMARY_ACTIVE;
import static org.ncsha.ha.HaState.PRIMARY_LOST_SECONDARY;
import static org.ncsha.ha.HaState.SECONDARY_ACTIVE;
import static org.ncsha.ha.HaState.SECONDARY_FAILOVER;
import static org.ncsha.ha.HaState.SECONDARY_LOST_PRIMARY;
import static org.ncsha.ha.HaState.SECONDARY_SYNCING;
import static org.ncsha.ha.Inputs.T0;
import static org.ncsha.ha.Inputs.at;
import static org.ncsha.ha.Inputs.in;
import static org.ncsha.ha.Inputs.peer;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decider keeps the application's serving mode, the synchronous-standby setting and the
 * virtual IP in line with the state it decides, from what the runner observed ({@link LocalMode}).
 */
class ModeRulesTest {
  private final HaDecider decider = new HaDecider();

  private static LocalMode mode(boolean appWritable, boolean fenced, boolean dbWritable) {
    return new LocalMode(appWritable, fenced, dbWritable, null, false);
  }

  private static LocalMode sync(String standby, boolean streaming) {
    return new LocalMode(true, false, true, standby, streaming);
  }

  private List<Action> actions(HaState state, PeerReport peer, HaConfig config, LocalMode mode) {
    return decider.decide(in(state), at(1, peer).withMode(mode), config, null).actions();
  }

  @Test
  void a_serving_state_with_a_passive_application_makes_it_writable_again() {
    assertEquals(List.of(Action.of(ActionKind.APP_READ_WRITE, "the application was passive in Primary Active")),
        actions(PRIMARY_ACTIVE, peer(SECONDARY_SYNCING), Inputs.primary(), mode(false, false, true)));
  }

  @Test
  void a_passive_state_with_a_writable_application_makes_it_passive() {
    assertEquals(List.of(Action.of(ActionKind.APP_READ_ONLY, "the application was writable in Secondary Syncing")),
        actions(SECONDARY_SYNCING, peer(PRIMARY_ACTIVE), Inputs.secondary(), mode(true, false, false)));
  }

  /** The guide's replaced primary MSE, started in HA recovery mode: nothing is served before the failback brings its data. */
  @Test
  void a_primary_in_ha_recovery_mode_serves_nothing_until_ha_is_configured() {
    HaConfig unconfigured = HaConfig.unregistered(Role.PRIMARY);
    HaConfig recovering = unconfigured.withRecoveryMode(true);
    assertEquals(List.of(Action.of(ActionKind.APP_READ_ONLY, "the application was writable in HA Not Configured")),
        actions(HA_NOT_CONFIGURED, null, recovering, mode(true, false, true)));
    assertEquals(List.of(), actions(HA_NOT_CONFIGURED, null, recovering, mode(false, false, true)),
        "passive, as recovery mode wants");
    assertEquals(List.of(Action.of(ActionKind.APP_READ_WRITE, "the application was passive in HA Not Configured")),
        actions(HA_NOT_CONFIGURED, null, unconfigured, mode(false, false, true)),
        "without recovery mode a server without HA serves");
    assertEquals(List.of(Action.of(ActionKind.APP_READ_WRITE, "the application was passive in Primary Active")),
        actions(PRIMARY_ACTIVE, peer(SECONDARY_SYNCING), Inputs.primary().withRecoveryMode(true), mode(false, false, true)),
        "once configured (the failback brought the data), recovery mode no longer holds it back");
    assertTrue(HaAdvice.whyPassive(HA_NOT_CONFIGURED, recovering).startsWith("HA recovery mode:"));
  }

  @Test
  void nothing_is_repaired_for_a_fenced_server_a_database_not_yet_writable_or_a_mode_in_line() {
    assertEquals(List.of(), actions(PRIMARY_ACTIVE, peer(SECONDARY_SYNCING), Inputs.primary(), mode(false, true, true)),
        "the witness fenced it: it stays passive");
    assertEquals(List.of(), actions(PRIMARY_ACTIVE, peer(SECONDARY_SYNCING), Inputs.primary(), mode(false, false, false)),
        "a database still in recovery has nothing to write to yet");
    assertEquals(List.of(), actions(PRIMARY_ACTIVE, peer(SECONDARY_SYNCING), Inputs.primary(), mode(true, false, true)));
    assertEquals(List.of(), actions(PRIMARY_ACTIVE, peer(SECONDARY_SYNCING), Inputs.primary(), null),
        "not observed: left alone");
  }

  @Test
  void a_decision_that_switches_the_application_itself_gets_no_second_switch() {
    // The secondary answers Secondary Active: this primary steps down with its own APP_READ_ONLY.
    Decision d = decider.decide(in(PRIMARY_ACTIVE), at(1, peer(SECONDARY_ACTIVE)).withMode(mode(true, false, true)),
        Inputs.primary(), null);
    assertEquals(1, d.actions().stream().filter(a -> a.kind() == ActionKind.APP_READ_ONLY).count(), d.actions().toString());
  }

  @Test
  void a_healthy_pair_replicates_synchronously_and_anything_else_degrades_to_asynchronous() {
    HaConfig syncPrimary = Inputs.primary().withSynchronousReplication(true);
    assertEquals(List.of(Action.of(ActionKind.SET_SYNC_STANDBY, "10.0.0.2")),
        actions(PRIMARY_ACTIVE, peer(SECONDARY_SYNCING), syncPrimary, sync("", true)));
    assertEquals(List.of(), actions(PRIMARY_ACTIVE, peer(SECONDARY_SYNCING), syncPrimary, sync("10.0.0.2", true)));
    assertEquals(List.of(Action.of(ActionKind.SET_SYNC_STANDBY, "")),
        actions(PRIMARY_ACTIVE, peer(SECONDARY_SYNCING), syncPrimary, sync("10.0.0.2", false)),
        "a standby that does not stream would block every commit");
    assertEquals(List.of(Action.of(ActionKind.SET_SYNC_STANDBY, "")),
        actions(PRIMARY_LOST_SECONDARY, null, syncPrimary, sync("10.0.0.2", true)));
    HaConfig syncSecondary = Inputs.secondary().withSynchronousReplication(true);
    assertEquals(List.of(Action.of(ActionKind.SET_SYNC_STANDBY, "10.0.0.1")),
        actions(SECONDARY_ACTIVE, peer(HaState.PRIMARY_SYNCING), syncSecondary, sync("", true)),
        "after a failover the old primary, now streaming, is the synchronous standby");
  }

  @Test
  void without_the_option_or_on_a_database_that_does_not_take_writes_the_setting_is_left_alone() {
    assertEquals(List.of(), actions(PRIMARY_ACTIVE, peer(SECONDARY_SYNCING), Inputs.primary(), sync("", true)));
    assertEquals(List.of(), actions(PRIMARY_ACTIVE, peer(SECONDARY_SYNCING), Inputs.primary().withSynchronousReplication(true),
        new LocalMode(true, false, true, null, true)));
  }

  @Test
  void repairs_run_before_a_long_running_action_which_stays_last() {
    Decision d = new Decision(PRIMARY_ACTIVE, List.of(Action.of(ActionKind.SEND_MAIL, "x"), Action.of(ActionKind.FOLLOW_PEER)),
        "o", null).withQuickActions(List.of(Action.of(ActionKind.APP_READ_ONLY)));
    assertEquals(List.of(ActionKind.SEND_MAIL, ActionKind.APP_READ_ONLY, ActionKind.FOLLOW_PEER),
        d.actions().stream().map(Action::kind).toList());
    assertEquals(T0, in(PRIMARY_ACTIVE).since());
  }

  private static LocalMode vip(LocalMode.VirtualIp vip, boolean fenced) {
    return new LocalMode(!fenced, fenced, true, null, false, vip);
  }

  @Test
  void the_virtual_ip_is_taken_by_a_serving_state_and_let_go_by_any_other() {
    assertEquals(List.of(Action.of(ActionKind.ACQUIRE_VIP, "the virtual IP was not on this server in Primary Active")),
        actions(PRIMARY_ACTIVE, peer(SECONDARY_SYNCING), Inputs.primary(), vip(LocalMode.VirtualIp.NOT_HELD, false)));
    assertEquals(List.of(Action.of(ActionKind.RELEASE_VIP, "the virtual IP was on this server in Secondary Syncing")),
        actions(SECONDARY_SYNCING, peer(PRIMARY_ACTIVE), Inputs.secondary(),
            new LocalMode(false, false, false, null, false, LocalMode.VirtualIp.HELD)));
    assertEquals(List.of(), actions(PRIMARY_ACTIVE, peer(SECONDARY_SYNCING), Inputs.primary(),
        vip(LocalMode.VirtualIp.HELD, false)));
    assertEquals(List.of(), actions(PRIMARY_ACTIVE, peer(SECONDARY_SYNCING), Inputs.primary(),
        vip(LocalMode.VirtualIp.NONE, false)), "no virtual IP: nothing to do");
  }

  @Test
  void part_of_the_virtual_ip_left_on_a_server_is_let_go_or_completed_as_its_state_wants() {
    // An IPv6 address left behind by a release that failed half way: the active server's probe
    // finds it answering here and would never add it.
    assertEquals(List.of(Action.of(ActionKind.RELEASE_VIP, "the virtual IP was partly on this server in Secondary Syncing")),
        actions(SECONDARY_SYNCING, peer(PRIMARY_ACTIVE), Inputs.secondary(),
            new LocalMode(false, false, false, null, false, LocalMode.VirtualIp.PARTLY_HELD)));
    assertEquals(List.of(Action.of(ActionKind.ACQUIRE_VIP, "the virtual IP was only partly on this server in Primary Active")),
        actions(PRIMARY_ACTIVE, peer(SECONDARY_SYNCING), Inputs.primary(), vip(LocalMode.VirtualIp.PARTLY_HELD, false)));
  }

  @Test
  void a_secondary_holds_the_virtual_ip_from_the_start_of_its_promotion() {
    LocalMode promoting = new LocalMode(false, false, false, null, false, LocalMode.VirtualIp.NOT_HELD);
    assertEquals(List.of(Action.of(ActionKind.ACQUIRE_VIP, "the virtual IP was not on this server in Secondary Failover")),
        actions(SECONDARY_FAILOVER, null, Inputs.secondary(), promoting), "promoting: the address is wanted already");
    WitnessView leaseElsewhere = new WitnessView(true, true, false, "10.0.0.1");
    assertEquals(List.of(), decider.decide(in(SECONDARY_FAILOVER), at(1, null).withMode(promoting).withWitness(leaseElsewhere),
        Inputs.secondary(), null).actions(), "without the witness's lease a promoting secondary does not take it");
    Decision start = decider.decide(in(SECONDARY_LOST_PRIMARY), at(1, null), Inputs.secondary(), new Command.Failover());
    assertEquals(SECONDARY_FAILOVER, start.next());
    assertTrue(start.has(ActionKind.ACQUIRE_VIP) && start.has(ActionKind.PROMOTE_DATABASE), start.actions().toString());
  }

  @Test
  void a_fenced_server_or_one_whose_ha_was_removed_lets_the_virtual_ip_go() {
    assertEquals(List.of(Action.of(ActionKind.RELEASE_VIP, "the virtual IP was on this server in Primary Active")),
        actions(PRIMARY_ACTIVE, peer(SECONDARY_SYNCING), Inputs.primary(), vip(LocalMode.VirtualIp.HELD, true)),
        "the witness fenced it: another server may serve");
    assertEquals(List.of(Action.of(ActionKind.RELEASE_VIP, "the virtual IP was on this server in HA Not Configured")),
        actions(HaState.HA_NOT_CONFIGURED, null, new HaConfig(Role.PRIMARY, FailoverType.MANUAL, 3, java.time.Duration.ZERO, null), vip(LocalMode.VirtualIp.HELD_UNCONFIGURED, false)),
        "Remove HA removes the virtual IP (the guide's only way to remove it)");
  }

  @Test
  void a_decision_that_takes_or_releases_the_virtual_ip_itself_gets_no_second_one() {
    // The secondary answers Secondary Active: this primary steps down with its own RELEASE_VIP.
    Decision d = decider.decide(in(PRIMARY_ACTIVE), at(1, peer(SECONDARY_ACTIVE))
        .withMode(vip(LocalMode.VirtualIp.HELD, false)), Inputs.primary(), null);
    assertEquals(1, d.actions().stream().filter(a -> a.kind() == ActionKind.RELEASE_VIP).count(), d.actions().toString());
  }
}

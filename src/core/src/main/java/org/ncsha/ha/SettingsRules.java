package org.ncsha.ha;

import static org.ncsha.ha.ActionKind.ACQUIRE_VIP;
import static org.ncsha.ha.ActionKind.PEER_CHANGE_SETTINGS;
import static org.ncsha.ha.HaState.*;

import java.util.ArrayList;
import java.util.List;

/**
 * The pair's settings changed while HA runs (the Failover Type, the Failback Type and the virtual IP): when the
 * administrator's change is taken, and what taking it, or the peer's word of it, does on a
 * server. Both servers save the same settings; the server that holds the virtual IP moves it at
 * once, without a failover.
 */
final class SettingsRules {
  private SettingsRules() {}

  /** A failover, failback or registration runs: the pair's settings wait until it has ended. */
  private static boolean inTransition(HaState s) {
    return s == HA_INITIALIZING || s == SECONDARY_FAILOVER || s == SECONDARY_FAILBACK || s == SECONDARY_POST_FAILBACK
        || s == PRIMARY_FAILOVER || s == PRIMARY_FAILBACK || s == PRIMARY_PREPARING_FOR_FAILBACK;
  }

  /**
   * The administrator's change, on either server: only while both servers run HA, neither is
   * in a failover, failback or registration, and the peer answers (both must take it).
   */
  static CommandRules.Verdict change(Tick t, Command.ChangeSettings c) {
    if (!t.state().haConfigured() || t.peerNotConfigured()) {
      return CommandRules.Verdict.refuse("The HA settings of a pair change while HA is enabled; " + CommandRules.here(t)
          + ": give them in the registration form");
    }
    if (inTransition(t.state())) {
      return CommandRules.Verdict.refuse("The HA settings cannot change in state " + t.state().displayName()
          + ": a failover, failback or registration is under way; try again when it has ended");
    }
    if (!t.peerAnswered()) {
      return CommandRules.Verdict.refuse("The HA settings cannot change while the peer does not answer ("
          + t.peerDescription() + "): both servers must take them");
    }
    if (inTransition(t.peer().state())) {
      return CommandRules.Verdict.refuse("The HA settings cannot change while the peer is "
          + t.peer().state().displayName()
          + ": a failover, failback or registration is under way; try again when it has ended");
    }
    return CommandRules.Verdict.accept(take(t, "HA settings changed by the administrator", c.failoverType(),
        c.failbackType(), c.virtualIps(), Action.of(PEER_CHANGE_SETTINGS, c.failoverType().wireName())));
  }

  /** The peer's word that its administrator changed them: taken whatever the state, while HA runs. */
  static CommandRules.Verdict accept(Tick t, Command.AcceptSettings c) {
    if (!t.state().haConfigured() || t.peerNotConfigured()) {
      return CommandRules.Verdict.refuse("Taking the pair's HA settings needs HA enabled; " + CommandRules.here(t));
    }
    return CommandRules.Verdict.accept(take(t, "HA settings changed on the peer", c.failoverType(),
        c.failbackType() == null ? t.config().failbackType() : c.failbackType(), c.virtualIps()));
  }

  /**
   * Saves the settings in the state the server is in; a new virtual IP is stored (the old
   * addresses that go are let go of first) and, where this server holds the address, taken at
   * once. The outcome, an event, names the old and the new virtual IP and failback type. {@code then} runs last.
   */
  private static Decision take(Tick t, String who, FailoverType type, FailbackType failback, VirtualIps virtualIps,
      Action... then) {
    List<Action> actions = new ArrayList<>();
    actions.add(Action.saveHaConfig(t.config().peerAddress(), type, failback));
    StringBuilder outcome = new StringBuilder(who).append(": Failover Type ").append(type.displayName());
    if (failback != t.config().failbackType()) {
      outcome.append("; Failback Type changed from ").append(t.config().failbackType().displayName()).append(" to ")
          .append(failback.displayName());
    }
    VirtualIps before = t.config().virtualIps();
    if (!virtualIps.equals(before)) {
      outcome.append("; Virtual IP changed from ").append(before.describe()).append(" to ").append(virtualIps.describe());
      actions.add(Action.changeVirtualIp(virtualIps));
      if (virtualIps.configured() && ModeRules.wantsVirtualIp(t, t.state())) {
        actions.add(Action.of(ACQUIRE_VIP));
      }
    }
    actions.addAll(List.of(then));
    return Decision.to(t.state(), outcome.toString(), actions.toArray(Action[]::new));
  }
}

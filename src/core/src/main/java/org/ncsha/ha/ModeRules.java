package org.ncsha.ha;

import static org.ncsha.ha.ActionKind.ACQUIRE_VIP;
import static org.ncsha.ha.ActionKind.APP_READ_ONLY;
import static org.ncsha.ha.ActionKind.APP_READ_WRITE;
import static org.ncsha.ha.ActionKind.RELEASE_VIP;
import static org.ncsha.ha.ActionKind.SET_SYNC_STANDBY;

import java.util.ArrayList;
import java.util.List;

/**
 * After the state's rules: keeps the application's serving mode, the synchronous-standby setting
 * and the virtual IP in line with the state the decision leads to. A switch that failed (or a
 * mode that drifted) is applied again on the next tick, so "Secondary Active" never stays
 * passive, nor a passive state writable or holding the virtual IP, for longer than a tick.
 */
final class ModeRules {
  private ModeRules() {}

  static Decision align(Tick t, Decision decision) {
    LocalMode mode = t.obs().mode();
    if (mode == null) {
      return decision;
    }
    List<Action> repairs = new ArrayList<>();
    servingRepair(t, decision, mode, repairs);
    synchronousStandby(t, decision, mode, repairs);
    virtualIp(t, decision, mode, repairs);
    return repairs.isEmpty() ? decision : decision.withQuickActions(repairs);
  }

  private static void servingRepair(Tick t, Decision decision, LocalMode mode, List<Action> repairs) {
    boolean serves = t.config().servesWrites(decision.next());
    // A fenced server stays passive whatever its state; a decision that switches decides itself.
    if (mode.fenced() || decision.has(APP_READ_WRITE) || decision.has(APP_READ_ONLY)
        || serves == mode.applicationWritable()) {
      return;
    }
    if (serves && !mode.databaseWritable()) {
      return; // nothing to write to yet: a later tick tries again
    }
    repairs.add(Action.of(serves ? APP_READ_WRITE : APP_READ_ONLY,
        "the application was " + (serves ? "passive" : "writable") + " in " + decision.next().displayName()));
  }

  /**
   * The synchronous replication option: while the pair is healthy (Primary Active or Secondary
   * Active, the standby streaming) a commit on the active server waits until the standby has it,
   * so a failover loses no acknowledged write; otherwise the active server degrades to
   * asynchronous, so it never blocks for longer than it takes the Health Monitor to notice.
   */
  private static void synchronousStandby(Tick t, Decision decision, LocalMode mode, List<Action> repairs) {
    if (!t.config().synchronousReplication() || mode.synchronousStandby() == null) {
      return; // only the writable server has a say; a standby's setting is rewritten on follow
    }
    HaState next = decision.next();
    boolean healthyPair = next == HaState.PRIMARY_ACTIVE || next == HaState.SECONDARY_ACTIVE;
    String peer = t.config().peerAddress();
    String wanted = peer != null && healthyPair && mode.standbyStreaming() ? peer : "";
    if (!wanted.equals(mode.synchronousStandby())) {
      repairs.add(Action.of(SET_SYNC_STANDBY, wanted));
    }
  }

  /**
   * The virtual IP is where writes are served: on this server exactly while its state holds it
   * ({@link HaState#holdsVirtualIp}; Secondary Failover only with the witness's lease) and the
   * witness has not fenced it; after Remove HA nowhere. A decision that takes or releases it
   * decides itself, and so does a settings change that moves it ({@link SettingsRules}).
   */
  private static void virtualIp(Tick t, Decision decision, LocalMode mode, List<Action> repairs) {
    if (mode.virtualIp() == LocalMode.VirtualIp.NONE || decision.has(ACQUIRE_VIP) || decision.has(RELEASE_VIP)) {
      return;
    }
    HaState next = decision.next();
    boolean wanted = mode.virtualIp() != LocalMode.VirtualIp.HELD_UNCONFIGURED && wantsVirtualIp(t, next);
    // Part of it is both: not enough for a server that should hold it, too much for one that should not.
    boolean partly = mode.virtualIp() == LocalMode.VirtualIp.PARTLY_HELD;
    boolean wholly = mode.virtualIp() == LocalMode.VirtualIp.HELD || mode.virtualIp() == LocalMode.VirtualIp.HELD_UNCONFIGURED;
    if (wanted && !wholly) {
      repairs.add(Action.of(ACQUIRE_VIP, "the virtual IP was " + (partly ? "only partly" : "not") + " on this server in "
          + next.displayName()));
    } else if (!wanted && (wholly || partly)) {
      repairs.add(Action.of(RELEASE_VIP, "the virtual IP was " + (partly ? "partly " : "") + "on this server in "
          + next.displayName()));
    }
  }

  /**
   * Whether this server should hold the pair's virtual IP in state {@code next}: its state holds
   * it and the witness has not fenced it (a fence seen this tick, when observed).
   */
  static boolean wantsVirtualIp(Tick t, HaState next) {
    LocalMode mode = t.obs().mode();
    return next.haConfigured() && next.holdsVirtualIp(t.role()) && (mode == null || !mode.fenced())
        // Before it serves, a promoting secondary holds the address only with the witness's lease.
        && (next != HaState.SECONDARY_FAILOVER || t.leaseOk());
  }
}

package org.ncsha.ha;

import static org.ncsha.ha.ActionKind.*;
import static org.ncsha.ha.HaState.*;

/**
 * When each administrator or peer command is allowed, what accepting it does, and the message
 * that names the current state when it is refused.
 */
final class CommandRules {

  /** Either the decision that accepts the command or the reason it is refused. */
  record Verdict(Decision accepted, String refusal) {
    static Verdict accept(Decision decision) {
      return new Verdict(decision, null);
    }

    static Verdict refuse(String reason) {
      return new Verdict(null, reason);
    }
  }

  private CommandRules() {}

  static Verdict judge(Tick t) {
    // Java 17: no pattern matching for switch, so an instanceof chain over the sealed type.
    Command c = t.pending();
    if (c instanceof Command.Register r) {
      return register(t, r);
    } else if (c instanceof Command.AcceptRegistration a) {
      return acceptRegistration(t, a);
    } else if (c instanceof Command.AbortRegistration a) {
      return abortRegistration(t, a);
    } else if (c instanceof Command.Failover) {
      return failover(t);
    } else if (c instanceof Command.Failback) {
      return failback(t);
    } else if (c instanceof Command.ForceFailover) {
      return forceFailover(t);
    } else if (c instanceof Command.Remove) {
      return remove(t);
    } else if (c instanceof Command.PeerRemoved) {
      return peerRemoved(t);
    } else if (c instanceof Command.AcceptFailback a) {
      return acceptFailback(t, a);
    } else if (c instanceof Command.ChangeSettings s) {
      return SettingsRules.change(t, s);
    } else if (c instanceof Command.AcceptSettings s) {
      return SettingsRules.accept(t, s);
    }
    throw new IllegalArgumentException("unknown command " + c);
  }

  static String here(Tick t) {
    return "this is the " + t.role().wireName() + " in state " + t.state().displayName();
  }

  private static Verdict register(Tick t, Command.Register c) {
    if (t.role() != Role.PRIMARY) {
      return Verdict.refuse("Registration is started on the primary; " + here(t));
    }
    if (t.state().haConfigured()) {
      return Verdict.refuse(
          "Registration is not allowed in state "
              + t.state().displayName()
              + ": it needs HA Not Configured (remove HA first)");
    }
    if (c.secondaryAddress() == null || c.secondaryAddress().isBlank()) {
      return Verdict.refuse("Registration needs the secondary server's address");
    }
    return Verdict.accept(
        Decision.to(
            HA_INITIALIZING,
            "started HA registration with secondary "
                + c.secondaryAddress()
                + " ("
                + c.failoverType().wireName()
                + " failover)",
            Action.saveHaConfig(c.secondaryAddress(), c.failoverType(), c.failbackType()),
            Action.of(REGISTER_SECONDARY, c.secondaryAddress())));
  }

  private static Verdict acceptRegistration(Tick t, Command.AcceptRegistration c) {
    if (t.role() != Role.SECONDARY) {
      return Verdict.refuse(
          "Only a server installed as secondary accepts a registration; " + here(t));
    }
    if (t.state().haConfigured()) {
      return Verdict.refuse(
          "Registration is not allowed in state "
              + t.state().displayName()
              + ": it needs HA Not Configured (remove HA first)");
    }
    return Verdict.accept(
        Decision.to(
            HA_INITIALIZING,
            "accepted HA registration from primary "
                + c.primaryAddress()
                + "; cloning its database",
            Action.saveHaConfig(c.primaryAddress(), c.failoverType(), c.failbackType()),
            Action.of(APP_READ_ONLY),
            Action.of(CLONE_FROM_PEER, c.primaryAddress())));
  }

  private static Verdict abortRegistration(Tick t, Command.AbortRegistration c) {
    if (t.state() == HA_NOT_CONFIGURED) {
      // A secondary that refused the registration (wrong key) never started it: nothing to undo.
      return Verdict.accept(Decision.stay(HA_NOT_CONFIGURED));
    }
    if (t.state() != HA_INITIALIZING) {
      return Verdict.refuse(
          "Aborting a registration is only possible in state HA Initializing; " + here(t));
    }
    String why = "HA registration aborted by the peer" + (c.reason().isBlank() ? "" : ": " + c.reason());
    return Verdict.accept(RegistrationRules.backToNotConfigured(t, why, false));
  }

  private static Verdict failover(Tick t) {
    if (t.role() != Role.SECONDARY) {
      return Verdict.refuse(
          "Failover is triggered on the secondary's Health Monitor page; "
              + here(t)
              + " (the primary offers Force Failover in Primary Active)");
    }
    boolean lost = t.state() == SECONDARY_LOST_PRIMARY;
    boolean primaryUncertain =
        t.state() == SECONDARY_SYNCING && t.peerIs(PRIMARY_UNCERTAIN);
    if (!lost && !primaryUncertain) {
      return Verdict.refuse(
          "Failover is not allowed in state "
              + t.state().displayName()
              + ": it needs Secondary Lost Primary (or Secondary Syncing with the primary in"
              + " Primary Uncertain)");
    }
    if (t.peerIsHealthyServingPrimary()) {
      return Verdict.refuse(
          "Failover is not allowed in state "
              + t.state().displayName()
              + ": the primary answers again, healthy, in state "
              + t.peerDescription());
    }
    if (t.locallyFailed()) {
      return Verdict.refuse(
          "Failover is not allowed in state "
              + t.state().displayName()
              + ": on this server "
              + t.localFailure());
    }
    if (!t.leaseOk()) {
      return Verdict.refuse(
          "Failover is not possible yet in state "
              + t.state().displayName()
              + ": the witness lease is needed first and "
              + t.obs().witness().describeHolder()
              + "; a lost primary's lease expires by itself, try again in a few seconds");
    }
    return Verdict.accept(
        Decision.to(
            SECONDARY_FAILOVER,
            "failover triggered by the administrator (primary " + t.peerDescription() + ")",
            Action.of(SEND_MAIL, "Failover to the secondary triggered by the administrator"),
            Action.of(ACQUIRE_VIP),
            Action.of(PROMOTE_DATABASE)));
  }

  private static Verdict failback(Tick t) {
    String needs = ": it needs Secondary Active with the primary in Primary Syncing";
    if (t.role() != Role.SECONDARY) {
      return Verdict.refuse("Failback is triggered on the secondary's Health Monitor page; " + here(t));
    }
    if (t.state() != SECONDARY_ACTIVE) {
      return Verdict.refuse("Failback is not allowed in state " + t.state().displayName() + needs);
    }
    if (t.peerNotConfigured()) {
      // Replaced primary hardware: a full copy to it, then the usual switchover.
      return Verdict.accept(
          Decision.to(
              SECONDARY_FAILBACK,
              "failback to a replaced primary started: it receives a full database copy",
              Action.of(APP_READ_ONLY),
              Action.of(PEER_ACCEPT_FAILBACK),
              Action.of(SEND_MAIL, "Failback to the (replaced) primary started"),
              Action.of(NOTE_FAILBACK_POSITION),
              Action.of(SYNC_FILES)));
    }
    if (!t.peerIs(PRIMARY_SYNCING)) {
      String copying =
          t.peerIs(PRIMARY_PREPARING_FOR_FAILBACK) || t.peerIs(PRIMARY_FAILOVER)
              ? " (its database copy has not finished)"
              : "";
      return Verdict.refuse(
          "Failback is not allowed in state Secondary Active while the primary is "
              + t.peerDescription()
              + copying
              + needs);
    }
    if (t.peer().failed()) {
      return Verdict.refuse(
          "Failback is not allowed in state Secondary Active: the primary's database is not"
              + " healthy");
    }
    return Verdict.accept(
        SecondaryRules.startFailback(
            "failback triggered by the administrator; stopping writes until the primary has"
                + " replayed them",
            "Failback to the primary started"));
  }

  private static Verdict forceFailover(Tick t) {
    String needs =
        ": it needs Primary Active with the secondary in Secondary Syncing and all processes"
            + " running on both servers";
    HaState primaryState = t.role() == Role.PRIMARY ? t.state() : peerStateOrNull(t);
    HaState secondaryState = t.role() == Role.SECONDARY ? t.state() : peerStateOrNull(t);
    if (primaryState != PRIMARY_ACTIVE || secondaryState != SECONDARY_SYNCING) {
      String where =
          t.role() == Role.PRIMARY
              ? t.state().displayName() + " (secondary " + t.peerDescription() + ")"
              : t.state().displayName() + " (primary " + t.peerDescription() + ")";
      return Verdict.refuse("Force Failover is not allowed in state " + where + needs);
    }
    if (!t.obs().processesHealthy() || t.locallyFailed()) {
      return Verdict.refuse(
          "Force Failover is not allowed in state "
              + t.state().displayName()
              + ": not all processes are running on this server");
    }
    if (!t.peer().allHealthy()) {
      return Verdict.refuse(
          "Force Failover is not allowed in state "
              + t.state().displayName()
              + ": not all processes are running on the peer");
    }
    if (t.role() == Role.SECONDARY) {
      return Verdict.accept(
          Decision.to(
              t.state(),
              "asked the primary to step down for a forced failover",
              Action.of(PEER_FORCE_FAILOVER)));
    }
    return Verdict.accept(
        Decision.to(
            PRIMARY_FAILOVER,
            "forced failover: stepped down so that the secondary takes over; restarting as its"
                + " standby",
            Action.of(APP_READ_ONLY),
            Action.of(RELEASE_VIP),
            Action.of(SEND_MAIL, "Forced failover to the secondary started"),
            Action.of(FOLLOW_PEER)));
  }

  private static HaState peerStateOrNull(Tick t) {
    return t.peerAnswered() ? t.peer().state() : null;
  }

  private static Verdict remove(Tick t) {
    if (t.role() != Role.PRIMARY) {
      return Verdict.refuse("Remove HA is only allowed on the primary in Primary Active; " + here(t));
    }
    if (t.state() == PRIMARY_ACTIVE) {
      return Verdict.accept(
          Decision.to(
              HA_NOT_CONFIGURED,
              "HA removed by the administrator; the secondary was told to leave HA",
              Action.of(PEER_REMOVE),
              Action.of(CLEAR_HA_CONFIG),
              Action.of(SEND_MAIL, "HA configuration removed")));
    }
    boolean alone = t.state() == PRIMARY_ALONE || t.state() == PRIMARY_LOST_SECONDARY;
    if (alone && !t.peerAnswered()) {
      return removeWithoutPeer(t, (Command.Remove) t.pending());
    }
    return Verdict.refuse(
        "Remove HA is not allowed in state "
            + t.state().displayName()
            + ": it needs Primary Active (fail back first), or Primary Alone / Primary Lost"
            + " Secondary with the secondary not answering");
  }

  /**
   * "Both servers down and the secondary will not restart": ncs ha remove, then stand-alone.
   * A secondary that took over meanwhile would keep writing beside this server for good, so
   * its database must be seen not writable, or the administrator must say it is down.
   */
  private static Verdict removeWithoutPeer(Tick t, Command.Remove c) {
    PeerDatabase seen = c.peerDatabase();
    if (!c.peerIsDownConfirmed() && !seen.provesNotWritable()) {
      return Verdict.refuse(
          "Remove HA while the secondary does not answer needs proof that its database takes no"
              + " writes, and the secondary's database is "
              + seen.description()
              + ". If the secondary took over, removing HA here leaves two servers that accept"
              + " writes. If you are sure it is down and will stay down, confirm with 'ncs ha"
              + " remove --peer-is-down' (on the page: 'The secondary is down')");
    }
    String proof = c.peerIsDownConfirmed() && !seen.provesNotWritable()
        ? "the administrator confirmed the secondary is down (its database is " + seen.description()
            + "; if it took over, its writes are not on this server)"
        : "the secondary's database is " + seen.description();
    return Verdict.accept(
        Decision.to(
            STAND_ALONE,
            "HA removed while the secondary does not answer (state "
                + t.state().displayName()
                + "): "
                + proof
                + "; running stand-alone",
            Action.of(CLEAR_HA_CONFIG),
            Action.of(APP_READ_WRITE),
            Action.of(SEND_MAIL, "HA configuration removed; the secondary was unreachable")));
  }

  private static Verdict peerRemoved(Tick t) {
    if (t.role() != Role.SECONDARY || !t.state().haConfigured()) {
      return Verdict.refuse("Leaving HA on the primary's request needs a configured secondary; " + here(t));
    }
    return Verdict.accept(
        Decision.to(
            HA_NOT_CONFIGURED,
            "the primary removed HA; leaving HA and detaching the database",
            Action.of(CLEAR_HA_CONFIG),
            Action.of(PROMOTE_DATABASE)));
  }

  private static Verdict acceptFailback(Tick t, Command.AcceptFailback c) {
    if (t.role() != Role.PRIMARY) {
      return Verdict.refuse("Only the primary accepts a failback; " + here(t));
    }
    if (!t.state().haConfigured()) {
      return Verdict.accept(
          Decision.to(
              PRIMARY_FAILBACK,
              "secondary " + c.secondaryAddress() + " started a failback onto this (replaced)"
                  + " primary; copying the full database from it",
              Action.saveHaConfig(c.secondaryAddress(), c.failoverType(), c.failbackType()),
              Action.changeVirtualIp(c.virtualIps()),
              Action.of(APP_READ_ONLY),
              Action.of(FOLLOW_PEER)));
    }
    if (t.state() == PRIMARY_SYNCING) {
      return Verdict.accept(
          Decision.to(PRIMARY_FAILBACK, "the secondary started a failback to this primary"));
    }
    if (t.state() == PRIMARY_FAILBACK) {
      return Verdict.accept(Decision.stay(PRIMARY_FAILBACK));
    }
    return Verdict.refuse(
        "A failback onto this primary is not allowed in state "
            + t.state().displayName()
            + ": it needs Primary Syncing, or HA Not Configured for a replaced primary");
  }
}

package org.ncsha.ha;

import static org.ncsha.ha.ActionKind.*;
import static org.ncsha.ha.HaState.*;

import java.util.ArrayList;
import java.util.List;

/** The primary's ordered checks once HA is configured; the first that applies decides. */
final class PrimaryRules {

  private PrimaryRules() {}

  static Decision decide(Tick t) {
    return switch (t.state()) {
      case PRIMARY_ACTIVE, PRIMARY_ALONE, PRIMARY_LOST_SECONDARY, PRIMARY_UNCERTAIN -> serving(t);
      case PRIMARY_FAILOVER, PRIMARY_PREPARING_FOR_FAILBACK -> followingAfterFailover(t);
      case PRIMARY_DATABASE_COPY_FAILED -> Decision.stay(t.state()); // retried on restart
      case PRIMARY_SYNCING -> syncing(t);
      case PRIMARY_FAILBACK -> failback(t);
      default ->
          throw new IllegalStateException(
              "state " + t.state().displayName() + " does not belong to a primary");
    };
  }

  /** The states in which the primary claims the active role (or did until it failed). */
  private static Decision serving(Tick t) {
    HaState s = t.state();
    var promoted = t.outcome(PROMOTE_DATABASE);
    if (s == PRIMARY_ACTIVE && promoted.isPresent()) {
      return promoted.get().success()
          ? Decision.to(
              PRIMARY_ACTIVE,
              "Completed failback from Secondary ncs-ha " + t.peerName(),
              Action.of(APP_READ_WRITE),
              Action.of(ACQUIRE_VIP),
              Action.of(SEND_MAIL, "Failback completed: the primary is active"))
          : Decision.to(
              PRIMARY_UNCERTAIN,
              "promoting the database during failback failed: " + promoted.get().detail(),
              Action.of(APP_READ_ONLY),
              Action.of(SEND_MAIL, "Failback failed: the primary database was not promoted"));
    }
    if (t.peerIsActiveSecondary()) {
      return stepDown(t, "the secondary is " + t.peerDescription());
    }
    if (s == PRIMARY_ALONE) {
      return alone(t);
    }
    if (t.locallyFailed()) {
      return s == PRIMARY_UNCERTAIN
          ? Decision.stay(s)
          : Decision.to(
              PRIMARY_UNCERTAIN,
              "primary failed: " + t.localFailure(),
              Action.of(APP_READ_ONLY),
              Action.of(SEND_MAIL, "Primary failed: " + t.localFailure()));
    }
    if (s == PRIMARY_UNCERTAIN) {
      HaState back = t.lostPeer() ? PRIMARY_LOST_SECONDARY : PRIMARY_ACTIVE;
      return Decision.to(
          back, "recovered: the database and critical processes are healthy again",
          Action.of(APP_READ_WRITE));
    }
    if (t.lostPeer()) {
      return s == PRIMARY_ACTIVE
          ? Decision.to(
              PRIMARY_LOST_SECONDARY,
              "lost the secondary after " + t.missedDescription(),
              Action.of(SEND_MAIL, "The primary lost the secondary"))
          : Decision.stay(s);
    }
    if (s != PRIMARY_ACTIVE && t.peerIsStandbySecondary()) {
      return Decision.to(
          PRIMARY_ACTIVE,
          "the secondary answers again (" + t.peerDescription() + "); HA enabled",
          Action.of(SEND_MAIL, "The primary and secondary are in contact again"));
    }
    return Decision.stay(s);
  }

  /**
   * Primary Alone serves nothing, so a local failure changes nothing here (the Health Monitor
   * still restarts what it can); it serves once the secondary answers as a standby.
   */
  private static Decision alone(Tick t) {
    if (t.peerIsStandbySecondary() && !t.locallyFailed() && t.leaseOk()) {
      return Decision.to(
          PRIMARY_ACTIVE,
          "the secondary answers as a standby (" + t.peerDescription() + "); HA enabled, serving",
          Action.of(APP_READ_WRITE),
          Action.of(ACQUIRE_VIP),
          Action.of(SEND_MAIL, "The primary and secondary are in contact again"));
    }
    return Decision.stay(PRIMARY_ALONE);
  }

  /**
   * Split-brain guard: a primary that sees an active secondary must not keep writing. It follows
   * the secondary right away unless it is itself failed, in which case it waits for a restart.
   */
  private static Decision stepDown(Tick t, String why) {
    List<Action> actions = new ArrayList<>();
    actions.add(Action.of(APP_READ_ONLY));
    actions.add(Action.of(RELEASE_VIP));
    actions.add(Action.of(SEND_MAIL, "The primary stepped down: " + why));
    String outcome;
    if (t.locallyFailed()) {
      outcome = why + ": stepped down; waiting to be restarted before following it";
    } else {
      actions.add(Action.of(FOLLOW_PEER));
      outcome = why + ": stepped down to avoid split brain; restarting as its standby";
    }
    return new Decision(PRIMARY_FAILOVER, actions, outcome, null);
  }

  /** Primary Failover / Preparing for Failback: waiting for FOLLOW_PEER (if it was started). */
  private static Decision followingAfterFailover(Tick t) {
    return t.outcome(FOLLOW_PEER)
        .map(
            o ->
                o.success()
                    ? Decision.to(
                        PRIMARY_SYNCING,
                        "Primary ncs-ha Server started successfully as standby of " + t.peerName() + "; ready for failback",
                        Action.of(SEND_MAIL, "The primary is syncing from the secondary"))
                    : Decision.to(
                        PRIMARY_DATABASE_COPY_FAILED,
                        "copying the database from the secondary failed: " + o.detail(),
                        Action.of(SEND_MAIL, "Primary database copy failed: " + o.detail())))
        .orElse(Decision.stay(t.state()));
  }

  private static Decision syncing(Tick t) {
    // Post Failback too: a primary that missed the short Secondary Failback must still take over.
    if (t.peerIs(SECONDARY_FAILBACK) || t.peerIs(SECONDARY_POST_FAILBACK)) {
      return Decision.to(PRIMARY_FAILBACK, "Starting to failback from secondary ncs-ha " + t.peerName());
    }
    return Decision.stay(PRIMARY_SYNCING);
  }

  private static Decision failback(Tick t) {
    var copied = t.outcome(FOLLOW_PEER);
    if (copied.isPresent() && !copied.get().success()) {
      return Decision.to(
          PRIMARY_DATABASE_COPY_FAILED,
          "copying the database from the secondary failed: " + copied.get().detail(),
          Action.of(SEND_MAIL, "Primary database copy failed: " + copied.get().detail()));
    }
    if (t.peerIs(SECONDARY_POST_FAILBACK) && t.leaseOk()) {
      return Decision.to(
          PRIMARY_ACTIVE,
          "the secondary handed over after this primary replayed all its changes; promoting",
          Action.of(PROMOTE_DATABASE));
    }
    if (t.peerIs(SECONDARY_ACTIVE) || t.peerIs(SECONDARY_ALONE)) {
      return Decision.to(
          PRIMARY_SYNCING, "the secondary abandoned the failback and is active again");
    }
    if (copied.isPresent()) {
      return Decision.to(
          PRIMARY_FAILBACK, "full database copy from the secondary finished; waiting for it to"
              + " hand over");
    }
    return Decision.stay(PRIMARY_FAILBACK);
  }
}

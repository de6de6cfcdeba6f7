package org.ncsha.ha;

import static org.ncsha.ha.ActionKind.*;
import static org.ncsha.ha.HaState.*;

/**
 * The first tick after the HM started: long-running actions of the previous run are gone, so
 * what is still needed is issued again, and a node that does not hear its peer yet assumes the
 * worst of it (Primary Alone, Secondary Lost Primary, Secondary Alone). A primary that claimed
 * the active role always restarts as Primary Alone, which serves nothing.
 */
final class StartupRules {

  private StartupRules() {}

  /** The startup decision, or null when the state needs nothing special at startup. */
  static Decision decide(Tick t) {
    boolean heard = t.peerAnswered();
    return switch (t.state()) {
      case HA_INITIALIZING ->
          RegistrationRules.backToNotConfigured(
              t, "HA registration was interrupted by a restart", t.role() == Role.PRIMARY);
      case PRIMARY_ACTIVE, PRIMARY_ALONE, PRIMARY_LOST_SECONDARY, PRIMARY_UNCERTAIN ->
          t.peerIsActiveSecondary() ? null : alone(t);
      case PRIMARY_FAILOVER, PRIMARY_PREPARING_FOR_FAILBACK, PRIMARY_DATABASE_COPY_FAILED,
          PRIMARY_FAILBACK ->
          Decision.to(
              PRIMARY_PREPARING_FOR_FAILBACK,
              "restarted after the secondary took over; starting as its standby",
              Action.of(APP_READ_ONLY),
              Action.of(RELEASE_VIP),
              Action.of(FOLLOW_PEER));
      case SECONDARY_SYNCING, SECONDARY_UNCERTAIN ->
          SecondaryRules.failedHandOver(t)
              // A failback's hand-over that failed (SecondaryRules.untilItFollows): the restart tries again at once.
              ? Decision.to(
                  SECONDARY_POST_FAILBACK,
                  "restarted with its database still its own after a failed hand-over; following the primary again",
                  Action.of(APP_READ_ONLY),
                  Action.of(RELEASE_VIP),
                  Action.of(FOLLOW_PEER))
              : heard
              ? null
              : Decision.to(
                  SECONDARY_LOST_PRIMARY,
                  "restarted and the primary does not answer yet",
                  Action.of(APP_READ_ONLY));
      case SECONDARY_FAILOVER ->
          t.leaseOk()
              ? Decision.to(
                  SECONDARY_FAILOVER,
                  "restarted during a failover; promoting the database again",
                  Action.of(PROMOTE_DATABASE))
              // A promotion without the lease would fork the timeline while the old primary,
              // which may still hold it, serves; the fence would stop only this side's writes.
              : Decision.to(
                  SECONDARY_LOST_PRIMARY,
                  "restarted during a failover; not promoting again without the witness lease ("
                      + t.obs().witness().describeHolder() + "): failover is offered again from here",
                  Action.of(APP_READ_ONLY));
      case SECONDARY_ACTIVE, SECONDARY_ALONE ->
          heard
              ? null
              : Decision.to(
                  SECONDARY_ALONE,
                  "restarted as the active server and the primary does not answer",
                  Action.of(APP_READ_WRITE),
                  Action.of(ACQUIRE_VIP));
      case SECONDARY_FAILBACK ->
          Decision.to(
              SECONDARY_ACTIVE,
              "restarted during a failback; the failback is abandoned and this server stays"
                  + " active",
              Action.of(APP_READ_WRITE),
              Action.of(ACQUIRE_VIP),
              Action.of(SEND_MAIL, "Failback abandoned: the secondary restarted"));
      case SECONDARY_POST_FAILBACK ->
          Decision.to(
              SECONDARY_POST_FAILBACK,
              "restarted while handing over to the primary; following it again",
              Action.of(APP_READ_ONLY),
              Action.of(FOLLOW_PEER));
      default -> null;
    };
  }

  /**
   * The guide's Primary Alone: "Primary restarted after it lost secondary. Only Health Monitor
   * is running in this state." The secondary may have taken over while this server was down,
   * so nothing is served until it answers as a standby (then Primary Active on the next cycle);
   * an active secondary is left to the normal rules, which step down at once.
   */
  private static Decision alone(Tick t) {
    String why = t.peerIsStandbySecondary()
        ? "restarted; the secondary answers as a standby (" + t.peerDescription()
            + "), resuming HA on the next cycle"
        : "restarted and the secondary does not answer yet; only the Health Monitor runs until it"
            + " answers. If it will not return, run 'ncs ha remove' on this server (it asks Y/N) to"
            + " run stand-alone";
    return Decision.to(PRIMARY_ALONE, why, Action.of(APP_READ_ONLY), Action.of(RELEASE_VIP));
  }

  /** When the normal rules change nothing, the restart still re-applies the state's mode. */
  static Decision reapplyMode(Tick t) {
    HaState s = t.state();
    boolean writes = t.config().servesWrites(s);
    if (s.haConfigured() && writes) {
      return Decision.to(
          s, "Health Monitor started in state " + s.displayName(),
          t.appModeFor(s), Action.of(ACQUIRE_VIP));
    }
    return Decision.to(s, "Health Monitor started in state " + s.displayName(), t.appModeFor(s));
  }
}

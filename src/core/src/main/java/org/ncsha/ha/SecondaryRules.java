package org.ncsha.ha;

import static org.ncsha.ha.ActionKind.*;
import static org.ncsha.ha.HaState.*;

import java.time.Duration;

/** The secondary's ordered checks once HA is configured; the first that applies decides. */
final class SecondaryRules {

  private SecondaryRules() {}

  /** The first wait before a failed hand-over follows the primary again; each failure doubles it. */
  static final Duration FIRST_FOLLOW_RETRY = Duration.ofMinutes(1);
  static final Duration LONGEST_FOLLOW_RETRY = Duration.ofHours(1);

  /**
   * How long a failed hand-over waits, in Secondary Uncertain, before following the healthy
   * primary again: 1 min after the first failure, doubling to at most an hour, so that a fault
   * that lasts (a full disk, a primary that refuses the rewind) costs a mail an hour, not a minute.
   */
  static Duration followRetryWait(int failedInARow) {
    int doublings = Math.min(Math.max(failedInARow, 1) - 1, 6);
    Duration wait = FIRST_FOLLOW_RETRY.multipliedBy(1L << doublings);
    return wait.compareTo(LONGEST_FOLLOW_RETRY) > 0 ? LONGEST_FOLLOW_RETRY : wait;
  }

  /** What the operator is told when a failed hand-over leaves this server Secondary Uncertain. */
  static String untilItFollows(Tick t) {
    return ". Its database is not a standby of the primary's, so it stays Secondary Uncertain (not Syncing, no"
        + " takeover when the primary steps down) until it follows: it tries again in "
        + followRetryWait(t.obs().failedFollows()).toMinutes() + " min while the primary is healthy (ncs restart on"
        + " it tries at once)";
  }

  /** Why a failover to a failed hand-over's copy is still offered, and what it costs. */
  static final String COPY_FROM_FAILBACK = "; this server's database is its copy from the failback, which lacks"
      + " what the primary wrote since it took over (failed over to automatically only while the primary's last WAL"
      + " position is known and within the lag limit)";

  static Decision decide(Tick t) {
    return switch (t.state()) {
      case SECONDARY_SYNCING, SECONDARY_UNCERTAIN, SECONDARY_LOST_PRIMARY -> standby(t);
      case SECONDARY_FAILOVER -> failingOver(t);
      case SECONDARY_ACTIVE, SECONDARY_ALONE -> active(t);
      case SECONDARY_FAILBACK -> failback(t);
      case SECONDARY_POST_FAILBACK -> postFailback(t);
      default ->
          throw new IllegalStateException(
              "state " + t.state().displayName() + " does not belong to a secondary");
    };
  }

  private static Decision standby(Tick t) {
    HaState s = t.state();
    if (t.peerIs(PRIMARY_FAILOVER) && !t.locallyFailed() && !failedHandOver(t)) {
      if (!t.leaseOk()) {
        return Decision.stay(s);
      }
      String refused = ownDatabaseWritable(t) ? lagRefusal(t) : null;
      if (refused != null) {
        // Its own copy (a failed hand-over that has lost the primary since): the primary's writes
        // since would be dropped when it follows.
        return Decision.to(s, "taking over from the primary that stepped down refused: " + refused);
      }
      // The primary gave up writing (forced failover, or it saw a failure): take over.
      return Decision.to(
          SECONDARY_FAILOVER,
          "the primary stepped down (Primary Failover); taking over",
          Action.of(ACQUIRE_VIP),
          Action.of(PROMOTE_DATABASE));
    }
    if (s != SECONDARY_LOST_PRIMARY) {
      // A failed hand-over's copy is still the one to fail over to when the primary is gone: the
      // primary may have died before it wrote anything (killed in the middle of the failback), and
      // the promotion guard (lagRefusal) keeps an automatic failover from dropping more.
      String copy = failedHandOver(t) ? COPY_FROM_FAILBACK : "";
      if (t.peerAnswered() && t.peer().failed() && t.peer().state().server() == Role.PRIMARY) {
        return lostPrimary(t, "the primary reports itself failed (" + t.peerDescription() + ")" + copy);
      }
      if (t.lostPeer()) {
        return lostPrimary(t, "lost the primary after " + t.missedDescription() + copy);
      }
      if (t.locallyFailed() && s == SECONDARY_SYNCING) {
        return Decision.to(
            SECONDARY_UNCERTAIN,
            "secondary failed: " + t.localFailure(),
            Action.of(SEND_MAIL, "Secondary failed: " + t.localFailure()));
      }
      // Not while the database is its own, writable: a failback whose hand-over failed left it so,
      // and Syncing would show a standby where there is a second timeline (a failover would then
      // promote it at once, losing every write since the failback).
      if (!t.locallyFailed() && s == SECONDARY_UNCERTAIN && !failedHandOver(t)) {
        return Decision.to(SECONDARY_SYNCING, "recovered: the local database is healthy again");
      }
      if (failedHandOver(t) && !t.locallyFailed() && t.peerIsHealthyServingPrimary()) {
        return followAgain(t);
      }
      return Decision.stay(s);
    }
    return lostPrimaryChecks(t);
  }

  /** A failed hand-over follows the healthy primary again once its wait ({@link #followRetryWait}) is over. */
  private static Decision followAgain(Tick t) {
    int failed = t.obs().failedFollows();
    Duration wait = followRetryWait(failed);
    if (t.timeInState().compareTo(wait) < 0) {
      return Decision.stay(SECONDARY_UNCERTAIN);
    }
    return Decision.to(
        SECONDARY_POST_FAILBACK,
        "following the primary again, " + wait.toMinutes() + " min after "
            + (failed == 0 ? "the primary answered again" : "the last attempt failed (" + failed + " in a row)"),
        Action.of(APP_READ_ONLY),
        Action.of(RELEASE_VIP),
        Action.of(FOLLOW_PEER));
  }

  /** The local database answers and is not a standby (unknown counts as not). */
  static boolean ownDatabaseWritable(Tick t) {
    return t.obs().mode() != null && t.obs().mode().databaseWritable();
  }

  /**
   * Secondary Uncertain with a database of its own, writable: a failback's hand-over failed
   * ({@link #untilItFollows}). Losing the primary still makes it Secondary Lost Primary, where a
   * writable database is also a promotion that failed half way; a failover (re)tries either.
   */
  static boolean failedHandOver(Tick t) {
    return t.state() == SECONDARY_UNCERTAIN && ownDatabaseWritable(t);
  }

  private static Decision lostPrimary(Tick t, String why) {
    return Decision.to(
        SECONDARY_LOST_PRIMARY,
        why,
        Action.of(SEND_MAIL, "The secondary lost the primary: " + why
            + " (Health Monitor: failover is possible on this server)"));
  }

  /** Secondary Lost Primary: back to syncing, or automatic failover after the hold-down. */
  private static Decision lostPrimaryChecks(Tick t) {
    if (t.peerIsHealthyServingPrimary() && ownDatabaseWritable(t)) {
      // A failed hand-over (or a promotion that failed half way): two timelines, not a standby.
      return Decision.to(
          SECONDARY_UNCERTAIN,
          "the primary answers again (" + t.peerDescription() + ")" + untilItFollows(t));
    }
    if (t.peerIsHealthyServingPrimary()) {
      return Decision.to(
          SECONDARY_SYNCING,
          "the primary answers again (" + t.peerDescription() + "); syncing from it");
    }
    // Gone means silent for the whole miss window (or reporting itself failed): a primary that
    // answers but cannot be trusted, or missed one heartbeat, is not gone.
    boolean primaryGone = t.lostPeer() || (t.peerAnswered() && t.peer().failed()
        && t.peer().state().server() == Role.PRIMARY);
    if (t.config().failoverType() == FailoverType.AUTOMATIC
        && primaryGone
        && !t.locallyFailed()
        && t.timeInState().compareTo(t.config().holdDown()) >= 0) {
      if (!t.leaseOk()) {
        // The old primary may still hold the lease: it serves until the lease expires.
        return Decision.to(SECONDARY_LOST_PRIMARY, "automatic failover is " + t.leaseWait());
      }
      String refused = lagRefusal(t);
      if (refused != null) {
        return Decision.to(SECONDARY_LOST_PRIMARY, "automatic failover refused: " + refused);
      }
      return Decision.to(
          SECONDARY_FAILOVER,
          "automatic failover: the primary has been lost for "
              + t.timeInState().toSeconds()
              + " s (hold-down "
              + t.config().holdDown().toSeconds()
              + " s)",
          Action.of(SEND_MAIL, "Automatic failover to the secondary started"),
          Action.of(ACQUIRE_VIP),
          Action.of(PROMOTE_DATABASE));
    }
    return Decision.stay(SECONDARY_LOST_PRIMARY);
  }

  /**
   * Why promoting without the administrator would lose more acknowledged writes than accepted,
   * or null. A standby's unknown lag does not block it (the guide's failover); a database of its
   * own does, since it lacks everything the primary wrote after the fork.
   */
  private static String lagRefusal(Tick t) {
    Long behind = t.obs().walBehindBytes();
    String what = ownDatabaseWritable(t) ? "this server's own database (not a standby)" : "this standby's received WAL";
    if (behind == null) {
      return ownDatabaseWritable(t)
          ? what + " may lack writes the primary took, and the primary's last position is not known"
              + "; Failover on this Health Monitor page promotes it anyway"
          : null;
    }
    if (behind > t.config().maxLagOnFailoverBytes()) {
      return what + " is " + Bytes.describe(behind) + " behind what the primary last reported (the limit is "
          + Bytes.describe(t.config().maxLagOnFailoverBytes()) + "); Failover on this Health Monitor page promotes it anyway";
    }
    return null;
  }

  private static Decision failingOver(Tick t) {
    return t.outcome(PROMOTE_DATABASE)
        .map(
            o ->
                o.success()
                    ? Decision.to(
                        SECONDARY_ACTIVE,
                        "Completed failover from Primary ncs-ha " + t.peerName() + "; this secondary is active",
                        Action.of(APP_READ_WRITE),
                        Action.of(ACQUIRE_VIP),
                        Action.of(SEND_MAIL, "Failover completed: the secondary is active"))
                    : Decision.to(
                        SECONDARY_LOST_PRIMARY,
                        "failover failed: the database was not promoted: " + o.detail(),
                        Action.of(RELEASE_VIP),
                        Action.of(SEND_MAIL, "Failover failed: " + o.detail())))
        .orElse(Decision.stay(SECONDARY_FAILOVER));
  }

  private static Decision active(Tick t) {
    if (t.state() == SECONDARY_ALONE && t.peerAnswered()) {
      return Decision.to(
          SECONDARY_ACTIVE, "the primary answers again (" + t.peerDescription() + ")");
    }
    if (t.state() == SECONDARY_ACTIVE
        && t.config().failbackType() == FailbackType.AUTOMATIC
        && !t.locallyFailed()
        && t.peerAnswered()
        && t.peer().steadyIn(PRIMARY_SYNCING, t.config().failbackDelay())) {
      return startFailback(
          "automatic failback: the primary has been healthy in Primary Syncing for "
              + t.peer().seenInStateFor().toSeconds()
              + " s (failback.delay.seconds " + t.config().failbackDelay().toSeconds() + ")",
          "Automatic failback to the primary started");
    }
    return Decision.stay(t.state());
  }

  /**
   * Secondary Active to Secondary Failback, by the administrator or by the automatic failback:
   * writes stop here until the primary has replayed them, and the files go to it first.
   */
  static Decision startFailback(String why, String mail) {
    return Decision.to(
        SECONDARY_FAILBACK,
        why,
        Action.of(APP_READ_ONLY),
        Action.of(SEND_MAIL, mail),
        Action.of(NOTE_FAILBACK_POSITION),
        Action.of(SYNC_FILES));
  }

  /**
   * Failback hands over once the primary, taking up the failback, has replayed everything this
   * server wrote before its writes stopped; it is abandoned (this server stays active) when the
   * primary is lost or does not catch up within the catch-up time.
   */
  private static Decision failback(Tick t) {
    Long behind = t.obs().peerBehindFailbackBytes();
    boolean databaseCaughtUp = behind != null && behind <= 0;
    // Files as well as the database: the primary takes over with every file this server had.
    boolean filesCaughtUp = t.obs().filesCaughtUp() == null || t.obs().filesCaughtUp();
    if (t.peerIs(PRIMARY_FAILBACK) && databaseCaughtUp && filesCaughtUp) {
      return Decision.to(
          SECONDARY_POST_FAILBACK,
          "the primary replayed all changes and has every file; handing over and following it",
          Action.of(RELEASE_VIP),
          Action.of(FOLLOW_PEER));
    }
    if (t.lostPeer()) {
      return abandonFailback("lost the primary while waiting for it to catch up");
    }
    Duration waited = Duration.between(t.current().since(), t.obs().now());
    if (waited.compareTo(t.config().failbackCatchUp()) > 0) {
      return abandonFailback((databaseCaughtUp
              ? "the primary did not receive this server's files"
              : "the primary did not replay this server's last write")
          + " within " + t.config().failbackCatchUp().toSeconds() + " s (failback.catchup.seconds)");
    }
    return Decision.stay(SECONDARY_FAILBACK);
  }

  private static Decision abandonFailback(String why) {
    return Decision.to(
        SECONDARY_ACTIVE,
        "failback abandoned, this secondary stays active: " + why,
        Action.of(APP_READ_WRITE),
        Action.of(ACQUIRE_VIP),
        Action.of(SEND_MAIL, "Failback failed: " + why));
  }

  private static Decision postFailback(Tick t) {
    return t.outcome(FOLLOW_PEER)
        .map(
            o ->
                o.success()
                    ? Decision.to(
                        SECONDARY_SYNCING,
                        "Completed failback to Primary ncs-ha " + t.peerName() + "; following it as its standby",
                        Action.of(SEND_MAIL, "Failback completed: the secondary is syncing"))
                    : Decision.to(
                        SECONDARY_UNCERTAIN,
                        "could not follow the primary after failback: " + o.detail() + untilItFollows(t),
                        Action.of(SEND_MAIL, "Secondary could not follow the primary: "
                            + o.detail() + untilItFollows(t))))
        .orElse(Decision.stay(SECONDARY_POST_FAILBACK));
  }
}

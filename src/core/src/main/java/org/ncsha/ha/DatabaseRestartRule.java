package org.ncsha.ha;

import java.util.List;

/**
 * The Health Monitor's policy for its own database, as the guide's Health Monitor has it: it
 * restarts a failed process before it declares a failure. One failed health query is not yet a
 * database down (a cancelled or slow query); after {@code database.failure.count} in a row the
 * rule asks for a restart (RESTART_DATABASE, which the decider adds to its decision and the
 * runner starts off the loop); only when {@link #RESTART_BUDGET} restarts in a row have failed is
 * the database a critical process down, which makes a primary Primary Uncertain. An answer resets
 * both counts; a restart that started the database resets the count of failed restarts. A
 * database that a copy or a rewind has down on purpose (maintenance) is not a failure, and no
 * restart is asked for then: that is the only time the Health Monitor stops it.
 *
 * <p>Pure: it keeps the counts from one check to the next, so one loop has one instance, kept
 * in its {@link LoopBookkeeping} and used under the loop's lock.
 */
public final class DatabaseRestartRule {
  /** Consecutive failed restarts before the database counts as a critical process down. */
  public static final int RESTART_BUDGET = 3;

  /** What the rule made of one check. */
  public enum Kind {
    /** The database answered. */
    HEALTHY,
    /** A failed query, fewer in a row than the failure count: the last verdict stands. */
    UNCONFIRMED,
    /** Down: restart it now (RESTART_DATABASE). Not yet failed: processes are not all up. */
    RESTART,
    /** A restart is running: not yet failed, processes are not all up. */
    RESTARTING,
    /** The restart budget is spent: a critical process down. */
    DOWN,
    /** A copy or a rewind has the database down on purpose: not a failure. */
    MAINTENANCE
  }

  /**
   * The verdict the runner reports for this tick (to the decider and in its heartbeat answers),
   * with {@code failedQueries}, the failed health queries in a row so far.
   */
  public record Verdict(Kind kind, boolean databaseHealthy, boolean processesHealthy, boolean criticalProcessDown,
      int failedQueries) {

    /** Whether the rule asks for a restart of the database this tick. */
    public boolean restartDatabase() {
      return kind == Kind.RESTART;
    }
  }

  /** Before the first check nothing is known: neither the database nor the processes count as up. */
  public static final Verdict NOTHING_KNOWN = new Verdict(Kind.UNCONFIRMED, false, false, false, 0);

  private int failedQueries;
  private int failedRestarts;
  private Verdict last = NOTHING_KNOWN;

  /** Judges one check; {@code failureCount} is {@code database.failure.count} (at least 1). */
  public Verdict checked(DatabaseCheck check, int failureCount) {
    if (failureCount < 1) {
      throw new IllegalArgumentException("failureCount must be >= 1, was " + failureCount);
    }
    last = judge(check, failureCount);
    return last;
  }

  /** The verdict of the last check. */
  public Verdict last() {
    return last;
  }

  private Verdict judge(DatabaseCheck check, int failureCount) {
    if (check.maintenance() || check.restartEnded() == DatabaseRestart.TAKEN) {
      return new Verdict(Kind.MAINTENANCE, false, true, false, failedQueries);
    }
    if (check.restartRunning()) {
      return notYetFailed(Kind.RESTARTING);
    }
    if (check.restartEnded() != null) {
      failedRestarts = check.restartEnded() == DatabaseRestart.STARTED ? 0 : failedRestarts + 1;
    }
    if (check.answered()) {
      failedQueries = 0;
      failedRestarts = 0;
      return new Verdict(Kind.HEALTHY, true, true, false, 0);
    }
    failedQueries++;
    if (failedQueries < failureCount) {
      return new Verdict(Kind.UNCONFIRMED, last.databaseHealthy(), last.processesHealthy(), last.criticalProcessDown(),
          failedQueries);
    }
    if (failedRestarts < RESTART_BUDGET) {
      return notYetFailed(Kind.RESTART);
    }
    return new Verdict(Kind.DOWN, false, false, true, failedQueries);
  }

  /**
   * While the database is being restarted the node is not yet failed: the last verdict on the
   * database stands, and processes are not all up.
   */
  private Verdict notYetFailed(Kind kind) {
    return new Verdict(kind, last.databaseHealthy(), false, false, failedQueries);
  }

  /**
   * The decider's part: RESTART_DATABASE, a quick action (it only starts the restart), when the
   * observations say the rule asks for it, whatever the state. The rule never asks while a copy
   * or a rewind has the database, the only time the Health Monitor stops it on purpose.
   */
  static Decision ask(Tick t, Decision decision) {
    if (!t.obs().restartDatabase() || decision.has(ActionKind.RESTART_DATABASE)) {
      return decision;
    }
    return decision.withQuickActions(List.of(Action.of(ActionKind.RESTART_DATABASE)));
  }
}

package org.ncsha.ha;

import java.util.List;

/**
 * What the Health Monitor's loop carries from one tick to the next besides the state: the
 * peer's consecutive missed heartbeats, its own database's failed queries and restarts ({@link
 * DatabaseRestartRule}), the FOLLOW_PEERs that failed in a row, whether this is the first
 * decision since the Health Monitor started, how many prompt decisions a heartbeat interval has
 * had, and the last "staying, because ..." outcome already recorded. The runner ({@code
 * monitor.HaEngine}) and the scenario harness of the tests both keep their ticks with it, so
 * what the tests replay is what the runner does. Pure: no clock, no I/O; one loop uses one instance, under its lock.
 */
public final class LoopBookkeeping {
  /**
   * Prompt decisions allowed between two heartbeats after transitions: a new state may allow the
   * next step at once (Secondary Lost Primary to Secondary Failover with no hold-down), but
   * observations that flap must not spin the loop.
   */
  public static final int MAX_FOLLOW_UPS = 4;

  private int missedHeartbeats;
  private int failedFollows;
  private boolean startup = true;
  private int followUps;
  private String lastStayOutcome;
  private DatabaseRestartRule database = new DatabaseRestartRule();

  /** The bookkeeping of a Health Monitor that has just started: its first decision is a startup one. */
  public LoopBookkeeping() {}

  /** The bookkeeping of a loop that has decided before (a simulated node set up mid-life). */
  public static LoopBookkeeping afterStartup() {
    LoopBookkeeping loop = new LoopBookkeeping();
    loop.startup = false;
    return loop;
  }

  /** A tick begins; a heartbeat tick renews the budget of prompt decisions. */
  public void tickStarted(boolean heartbeat) {
    if (heartbeat) {
      followUps = 0;
    }
  }

  /**
   * Counts the exchange with the peer ({@code null} when no peer is configured, which resets the
   * count) and returns what the decider may be told of the peer: its report, when trusted.
   */
  public PeerReport peerExchanged(PeerContact contact, boolean heartbeat) {
    if (contact == null) {
      missedHeartbeats = 0;
      return null;
    }
    missedHeartbeats = contact.missedAfter(missedHeartbeats, heartbeat);
    return contact.trustedReport();
  }

  /**
   * Whether this tick asks the peer. A heartbeat tick does, and so does a prompt tick while the
   * peer answers or with a command to decide (its verdict must see the peer as it is). A prompt
   * tick while the peer is silent does not: it could count no miss, and asking would only wait
   * out the peer timeout on the loop before the decision it was nudged for (Secondary Active
   * once the promotion is done); the next heartbeat asks.
   */
  public boolean asksPeer(boolean heartbeat, boolean commandPending) {
    return heartbeat || commandPending || missedHeartbeats == 0;
  }

  /**
   * Judges what this tick saw of the local database ({@link DatabaseRestartRule}; {@code
   * failureCount} is {@code database.failure.count}): the verdict the runner reports and gives the
   * decider, which asks for RESTART_DATABASE when it says so.
   */
  public DatabaseRestartRule.Verdict databaseChecked(DatabaseCheck check, int failureCount) {
    return database.checked(check, failureCount);
  }

  public int missedHeartbeats() {
    return missedHeartbeats;
  }

  /**
   * Books the long-running actions that finished since the last tick and returns how many
   * FOLLOW_PEERs have failed in a row ({@link Observations#failedFollows}): a success ends the row.
   */
  public int followsFinished(List<ActionOutcome> finished) {
    for (ActionOutcome o : finished) {
      if (o.kind() == ActionKind.FOLLOW_PEER) {
        failedFollows = o.success() ? 0 : failedFollows + 1;
      }
    }
    return failedFollows;
  }

  /** True until the first decision after the Health Monitor started has been made. */
  public boolean startup() {
    return startup;
  }

  /**
   * The Health Monitor started again: nothing heard yet, nothing known of the database (a restart
   * it ran is gone with it), and the next decision is a startup one.
   */
  public void restarted() {
    missedHeartbeats = 0;
    failedFollows = 0;
    database = new DatabaseRestartRule();
    startup = true;
    lastStayOutcome = null;
  }

  /**
   * What the runner does after a decision besides its actions.
   *
   * @param transition the state changes: record it as an event
   * @param decideAgainNow ask for a prompt decision rather than waiting for the next heartbeat
   * @param stayEvent an outcome of staying in the state that is new, to record once (null: none)
   */
  public record After(boolean transition, boolean decideAgainNow, String stayEvent) {}

  /** Books a decision taken in state {@code before}. */
  public After decided(HaState before, Decision decision) {
    startup = false;
    if (decision.next() != before) {
      lastStayOutcome = null;
      return new After(true, followUps++ < MAX_FOLLOW_UPS, null);
    }
    // A condition that holds tick after tick (a refused automatic failover) is one event.
    if (decision.outcome() != null && !decision.outcome().equals(lastStayOutcome)) {
      lastStayOutcome = decision.outcome();
      return new After(false, false, decision.outcome());
    }
    return new After(false, false, null);
  }
}

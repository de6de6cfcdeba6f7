package org.ncsha.monitor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.logging.Logger;
import org.ncsha.db.DatabaseHealth;
import org.ncsha.ha.DatabaseCheck;
import org.ncsha.ha.DatabaseRestart;
import org.ncsha.ha.DatabaseRestartRule;
import org.ncsha.node.NodeSettings;

/**
 * Checks this node's own database each tick and reports the facts (a copy or a rewind has it, a
 * restart runs or how it ended, it answered the health query or not) to the loop's pure {@link
 * DatabaseRestartRule}, which judges them as the guide's Health Monitor does: a database that
 * stays down is restarted, and one the restarts cannot bring back is a critical process down,
 * which makes the primary Primary Uncertain. The decider asks for the restart (RESTART_DATABASE)
 * and the runner has it started here, off the loop ({@link #restartDatabase}). What the rule made
 * of the check is kept as a snapshot: the heartbeat answers and {@code GET /api/status} read it
 * and never touch the database.
 */
@ApplicationScoped
public class LocalHealth {
  private static final Logger LOG = Logger.getLogger(LocalHealth.class.getName());

  @Inject LocalDatabase database;
  @Inject NodeSettings node;

  @Inject BackgroundActions background;

  /** Touched under the loop's lock only (its checks and its actions). */
  private Future<DatabaseRestart> restarting;
  /** Why the last health query failed, for the restart's warning. */
  private String lastError;
  private volatile Snapshot last =
      new Snapshot(DatabaseRestartRule.NOTHING_KNOWN, false, null, Map.of(), Instant.now());

  /**
   * What one check saw: {@code verdict} is what the restart rule made of it; {@code
   * databaseWritable}: it answers and is not a standby; {@code database} is the status document's
   * database object and {@code at} when it was taken.
   */
  public record Snapshot(DatabaseRestartRule.Verdict verdict, boolean databaseWritable, String walPosition,
      Map<String, Object> database, Instant at) {

    public boolean databaseHealthy() {
      return verdict.databaseHealthy();
    }

    public boolean processesHealthy() {
      return verdict.processesHealthy();
    }

    public boolean criticalProcessDown() {
      return verdict.criticalProcessDown();
    }

    /** The rule asks for a restart of the database this tick (the decider's RESTART_DATABASE). */
    public boolean restartDatabase() {
      return verdict.restartDatabase();
    }
  }

  /**
   * One check: observes the facts, has {@code judge} (the loop's restart rule) judge them, and
   * publishes the snapshot. A database in maintenance or being restarted is not asked.
   */
  Snapshot check(Function<DatabaseCheck, DatabaseRestartRule.Verdict> judge) {
    DatabaseHealth health = null;
    DatabaseCheck facts;
    if (database.inMaintenance()) {
      facts = DatabaseCheck.MAINTENANCE;
    } else if (restarting != null && !restarting.isDone()) {
      facts = DatabaseCheck.RESTART_RUNNING;
    } else {
      DatabaseRestart ended = restarting == null ? null : finishedRestart();
      if (ended == DatabaseRestart.TAKEN) {
        LOG.info("Not restarted: a copy or a rewind has just taken the database down on purpose");
        facts = DatabaseCheck.afterRestart(ended, false);
      } else {
        health = database.health();
        if (!health.reachable()) {
          lastError = health.error();
        }
        facts = ended == null ? DatabaseCheck.query(health.reachable()) : DatabaseCheck.afterRestart(ended, health.reachable());
      }
    }
    last = snapshot(judge.apply(facts), health);
    return last;
  }

  private Snapshot snapshot(DatabaseRestartRule.Verdict verdict, DatabaseHealth health) {
    return switch (verdict.kind()) {
      // An action stopped the database on purpose (copy, rewind): that is not a failure.
      case MAINTENANCE -> new Snapshot(verdict, false, null, Map.of("reachable", false, "maintenance", true), Instant.now());
      // Not yet failed: the status document says what is going on.
      case RESTART, RESTARTING -> new Snapshot(verdict, false, last.walPosition(),
          Map.of("reachable", false, "restarting", true), Instant.now());
      case UNCONFIRMED -> {
        // One failed query (a query cancelled, a moment of overload) is not a database down.
        LOG.info("The database did not answer a health query (" + health.error() + "); "
            + verdict.failedQueries() + " of " + node.databaseFailureCount() + " before it counts as down");
        yield new Snapshot(verdict, last.databaseWritable(), last.walPosition(), last.database(), last.at());
      }
      case HEALTHY, DOWN -> new Snapshot(verdict, health.reachable() && !health.inRecovery(), health.walPosition(),
          database.statusDocument(health), Instant.now());
    };
  }

  /**
   * RESTART_DATABASE, run by the {@link ActionRunner}: starts the restart off the loop. A restart
   * can take long (crash recovery), and the loop must keep answering its peer meanwhile, or the
   * peer would count it as a stopped Health Monitor. The next checks see it run, then how it ended.
   */
  void restartDatabase() {
    if (restarting != null) {
      throw new IllegalStateException("a restart of the database is already under way");
    }
    LOG.warning("The database is not answering (" + lastError + "): restarting it");
    restarting = background.restartDatabase();
  }

  private DatabaseRestart finishedRestart() {
    try {
      return restarting.get();
    } catch (ExecutionException e) {
      LOG.warning("Restarting the database failed: " + e.getCause());
      return DatabaseRestart.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return DatabaseRestart.FAILED;
    } finally {
      restarting = null;
    }
  }

  /** The latest snapshot, for heartbeat answers and the status document between cycles. */
  public Snapshot last() {
    return last;
  }
}

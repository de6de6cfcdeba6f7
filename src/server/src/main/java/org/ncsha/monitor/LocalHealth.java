package org.ncsha.monitor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Logger;
import org.ncsha.db.DatabaseHealth;
import org.ncsha.node.NodeSettings;

/**
 * Checks this node's own processes each tick and restarts a failed one, as the guide's Health
 * Monitor does. A critical process it cannot bring back within the restart budget is reported
 * as down, which makes the primary Primary Uncertain. What it saw is kept as a snapshot: the
 * heartbeat answers and {@code GET /api/status} read it and never touch the database.
 */
@ApplicationScoped
public class LocalHealth {
  private static final Logger LOG = Logger.getLogger(LocalHealth.class.getName());
  /** Consecutive failed restarts before the database counts as a critical process down. */
  static final int RESTART_BUDGET = 3;

  @Inject LocalDatabase database;
  @Inject NodeSettings node;

  @Inject BackgroundActions background;

  /** Touched by the loop thread only. */
  private int failedRestarts;
  private int failedQueries;
  private java.util.concurrent.Future<DatabaseOwner.Restart> restarting;
  private volatile Snapshot last = new Snapshot(false, false, false, false, null, Map.of(), Instant.now());

  /**
   * What one check saw; {@code databaseWritable}: it answers and is not a standby;
   * {@code database} is the status document's database object and {@code at} when it was taken.
   */
  public record Snapshot(boolean databaseHealthy, boolean processesHealthy, boolean criticalProcessDown,
      boolean databaseWritable, String walPosition, Map<String, Object> database, Instant at) {}

  Snapshot check() {
    if (database.inMaintenance()) {
      last = inMaintenance();
      return last;
    }
    if (restarting != null) {
      if (!restarting.isDone()) {
        last = restartingSnapshot();
        return last;
      }
      DatabaseOwner.Restart result = finishedRestart();
      if (result == DatabaseOwner.Restart.TAKEN) {
        LOG.info("Not restarted: a copy or a rewind has just taken the database down on purpose");
        last = inMaintenance();
        return last;
      }
      failedRestarts = result == DatabaseOwner.Restart.STARTED ? 0 : failedRestarts + 1;
    }
    DatabaseHealth health = database.health();
    if (!health.reachable()) {
      failedQueries++;
      if (failedQueries < node.databaseFailureCount()) {
        // One failed query (a query cancelled, a moment of overload) is not a database down.
        LOG.info("The database did not answer a health query (" + health.error() + "); "
            + failedQueries + " of " + node.databaseFailureCount() + " before it counts as down");
        return last;
      }
      if (failedRestarts < RESTART_BUDGET) {
        // Off the loop: a restart can take long (crash recovery), and the loop must keep
        // answering its peer meanwhile, or the peer would count it as a stopped Health Monitor.
        LOG.warning("The database is not answering (" + health.error() + "): restarting it");
        restarting = background.restartDatabase();
        last = restartingSnapshot();
        return last;
      }
    } else {
      failedRestarts = 0;
      failedQueries = 0;
    }
    boolean up = health.reachable();
    last = new Snapshot(up, up, !up && failedRestarts >= RESTART_BUDGET, up && !health.inRecovery(), health.walPosition(),
        database.statusDocument(health), Instant.now());
    return last;
  }

  private DatabaseOwner.Restart finishedRestart() {
    try {
      return restarting.get();
    } catch (java.util.concurrent.ExecutionException e) {
      LOG.warning("Restarting the database failed: " + e.getCause());
      return DatabaseOwner.Restart.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return DatabaseOwner.Restart.FAILED;
    } finally {
      restarting = null;
    }
  }

  /**
   * While the Health Monitor restarts the database, the node is not yet failed (the guide's
   * Health Monitor restarts a process before it declares a failure): the last verdict on the
   * database stands, processes are not all up, and the status document says what is going on.
   */
  private Snapshot restartingSnapshot() {
    Snapshot before = last;
    return new Snapshot(before.databaseHealthy(), false, false, false, before.walPosition(),
        Map.of("reachable", false, "restarting", true), Instant.now());
  }

  /** An action stopped the database on purpose (copy, rewind): that is not a failure. */
  private static Snapshot inMaintenance() {
    return new Snapshot(false, true, false, false, null, Map.of("reachable", false, "maintenance", true), Instant.now());
  }

  /** The latest snapshot, for heartbeat answers and the status document between cycles. */
  public Snapshot last() {
    return last;
  }
}

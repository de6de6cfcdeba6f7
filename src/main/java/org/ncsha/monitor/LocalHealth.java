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

  private int failedRestarts;
  private int failedQueries;
  private volatile Snapshot last = new Snapshot(false, false, false, null, Map.of(), Instant.now());

  /**
   * What one check saw; {@code database} is the status document's database object and
   * {@code at} when it was taken.
   */
  public record Snapshot(boolean databaseHealthy, boolean processesHealthy, boolean criticalProcessDown,
      String walPosition, Map<String, Object> database, Instant at) {}

  Snapshot check() {
    if (database.inMaintenance()) {
      last = inMaintenance();
      return last;
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
        LOG.warning("The database is not answering (" + health.error() + "): restarting it");
        switch (database.restart()) {
          case STARTED -> {
            failedRestarts = 0;
            health = database.health();
          }
          case FAILED -> failedRestarts++;
          case TAKEN -> {
            LOG.info("Not restarted: a copy or a rewind has just taken the database down on purpose");
            last = inMaintenance();
            return last;
          }
        }
      }
    } else {
      failedRestarts = 0;
    }
    boolean up = health.reachable();
    if (up) {
      failedQueries = 0;
    }
    last = new Snapshot(up, up, !up && failedRestarts >= RESTART_BUDGET, health.walPosition(),
        database.statusDocument(health), Instant.now());
    return last;
  }

  /** An action stopped the database on purpose (copy, rewind): that is not a failure. */
  private static Snapshot inMaintenance() {
    return new Snapshot(false, true, false, null, Map.of("reachable", false, "maintenance", true), Instant.now());
  }

  /** The latest snapshot, for heartbeat answers and the status document between cycles. */
  public Snapshot last() {
    return last;
  }
}

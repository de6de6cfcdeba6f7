package org.ncsha.monitor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.ncsha.db.DatabaseHealth;

/**
 * Checks this node's own processes each tick and restarts a failed one, as the guide's Health
 * Monitor does. A critical process it cannot bring back within the restart budget is reported
 * as down, which makes the primary Primary Uncertain.
 */
@ApplicationScoped
public class LocalHealth {
  private static final Logger LOG = Logger.getLogger(LocalHealth.class.getName());
  /** Consecutive failed restarts before the database counts as a critical process down. */
  static final int RESTART_BUDGET = 3;

  @Inject LocalDatabase database;

  private int failedRestarts;
  private volatile Snapshot last = new Snapshot(false, false, false, null);

  /** What one check saw. */
  public record Snapshot(boolean databaseHealthy, boolean processesHealthy, boolean criticalProcessDown, String walPosition) {}

  /** An action stopped the database on purpose (copy, rewind): that is not a failure. */
  private static final Snapshot IN_MAINTENANCE = new Snapshot(false, true, false, null);

  Snapshot check() {
    if (database.inMaintenance()) {
      last = IN_MAINTENANCE;
      return last;
    }
    DatabaseHealth health = database.health();
    if (!health.reachable()) {
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
            last = IN_MAINTENANCE;
            return last;
          }
        }
      }
    } else {
      failedRestarts = 0;
    }
    boolean up = health.reachable();
    last = new Snapshot(up, up, !up && failedRestarts >= RESTART_BUDGET, health.walPosition());
    return last;
  }

  /** The latest snapshot, for heartbeat answers between cycles. */
  public Snapshot last() {
    return last;
  }
}

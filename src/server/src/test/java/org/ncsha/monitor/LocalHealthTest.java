package org.ncsha.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncsha.db.DatabaseHealth;

/**
 * The Health Monitor's check of its own database: one failed query is not a failure, a database
 * that stays down is restarted off the loop, and only one that the restarts cannot bring back
 * counts as a critical process down (which makes the primary Primary Uncertain).
 */
class LocalHealthTest {
  @TempDir Path nodeDir;

  private final LocalHealth health = new LocalHealth();
  private DatabaseHealth answer = new DatabaseHealth(true, false, "0/3000000", null);
  private boolean maintenance;
  private CompletableFuture<DatabaseOwner.Restart> restart;
  private int restartsStarted;

  @BeforeEach
  void parts() {
    health.node = TestSettings.of(nodeDir, "node.address=10.0.0.1", "database.failure.count=2");
    health.database = new LocalDatabase() {
      @Override
      public DatabaseHealth health() {
        return answer;
      }

      @Override
      boolean inMaintenance() {
        return maintenance;
      }

      @Override
      Map<String, Object> statusDocument(DatabaseHealth h) {
        return Map.of("reachable", h.reachable());
      }
    };
    health.background = new BackgroundActions() {
      @Override
      public Future<DatabaseOwner.Restart> restartDatabase() {
        restartsStarted++;
        restart = new CompletableFuture<>();
        return restart;
      }
    };
  }

  @Test
  void a_healthy_database_is_reported_with_its_position() {
    LocalHealth.Snapshot s = health.check();
    assertTrue(s.databaseHealthy() && s.processesHealthy() && !s.criticalProcessDown(), s.toString());
    assertEquals("0/3000000", s.walPosition());
    assertEquals(s, health.last(), "the heartbeat answers read the same snapshot");
  }

  @Test
  void one_failed_query_is_not_a_database_down() {
    health.check();
    answer = DatabaseHealth.down("canceling statement due to user request");
    LocalHealth.Snapshot s = health.check();
    assertTrue(s.databaseHealthy(), "the verdict before the failed query stands: " + s);
    assertEquals(0, restartsStarted);
  }

  @Test
  void a_database_that_stays_down_is_restarted_off_the_loop_and_counts_as_healthy_again_once_back() {
    health.check();
    answer = DatabaseHealth.down("connection refused");
    health.check();
    LocalHealth.Snapshot restarting = health.check();
    assertEquals(1, restartsStarted, "the second failed query in a row starts a restart");
    assertFalse(restarting.processesHealthy());
    assertFalse(restarting.criticalProcessDown(), "a process being restarted is not yet failed");
    assertEquals(Map.of("reachable", false, "restarting", true), restarting.database());

    health.check();
    assertEquals(1, restartsStarted, "no second restart while the first one runs");

    answer = new DatabaseHealth(true, false, "0/3000100", null);
    restart.complete(DatabaseOwner.Restart.STARTED);
    LocalHealth.Snapshot back = health.check();
    assertTrue(back.databaseHealthy() && back.processesHealthy() && !back.criticalProcessDown(), back.toString());
    assertEquals("0/3000100", back.walPosition());
  }

  @Test
  void a_database_the_restarts_cannot_bring_back_is_a_critical_process_down() {
    answer = DatabaseHealth.down("connection refused");
    health.check();
    for (int i = 0; i < LocalHealth.RESTART_BUDGET; i++) {
      health.check(); // the second failed query in a row: restart
      restart.complete(DatabaseOwner.Restart.FAILED);
    }
    assertEquals(LocalHealth.RESTART_BUDGET, restartsStarted);
    LocalHealth.Snapshot s = health.check();
    assertTrue(s.criticalProcessDown(), "the budget is spent: " + s);
    assertFalse(s.databaseHealthy());
    assertEquals(LocalHealth.RESTART_BUDGET, restartsStarted, "no restart beyond the budget");
  }

  @Test
  void a_restart_that_throws_counts_as_a_failed_one() {
    answer = DatabaseHealth.down("connection refused");
    health.check();
    for (int i = 0; i < LocalHealth.RESTART_BUDGET; i++) {
      health.check();
      restart.completeExceptionally(new IllegalStateException("pg_ctl timed out"));
    }
    assertTrue(health.check().criticalProcessDown());
  }

  @Test
  void a_database_taken_down_on_purpose_by_a_copy_is_not_a_failure() {
    maintenance = true;
    answer = DatabaseHealth.down("the database system is shutting down");
    LocalHealth.Snapshot s = health.check();
    assertTrue(s.processesHealthy() && !s.criticalProcessDown(), s.toString());
    assertNull(s.walPosition());
    assertEquals(0, restartsStarted);

    maintenance = false;
    health.check();
    health.check();
    assertEquals(1, restartsStarted);
    restart.complete(DatabaseOwner.Restart.TAKEN);
    LocalHealth.Snapshot taken = health.check();
    assertTrue(taken.processesHealthy() && !taken.criticalProcessDown(),
        "a copy that took the database while the restart waited is maintenance, not a failure: " + taken);
  }
}

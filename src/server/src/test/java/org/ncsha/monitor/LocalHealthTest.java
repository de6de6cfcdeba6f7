package org.ncsha.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncsha.db.DatabaseHealth;
import org.ncsha.ha.DatabaseCheck;
import org.ncsha.ha.DatabaseRestart;
import org.ncsha.ha.DatabaseRestartRule;

/**
 * The Health Monitor's check of its own database, judged by the loop's restart rule: one failed
 * query is not a failure, a database that stays down is restarted off the loop when the decider
 * asks for it, and only one that the restarts cannot bring back counts as a critical process
 * down (which makes the primary Primary Uncertain). LocalHealth reports facts; what the rule
 * made of them is the snapshot the heartbeat answers and the status page read.
 */
class LocalHealthTest {
  @TempDir Path nodeDir;

  private final LocalHealth health = new LocalHealth();
  private final DatabaseRestartRule rule = new DatabaseRestartRule();
  private final List<DatabaseCheck> facts = new ArrayList<>();
  private DatabaseHealth answer = new DatabaseHealth(true, false, "0/3000000", null);
  private int queries;
  private boolean maintenance;
  private CompletableFuture<DatabaseRestart> restart;
  private int restartsStarted;

  @BeforeEach
  void parts() {
    health.node = TestSettings.of(nodeDir, "node.address=10.0.0.1", "database.failure.count=2");
    health.database = new LocalDatabase() {
      @Override
      public DatabaseHealth health() {
        queries++;
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
      public Future<DatabaseRestart> restartDatabase() {
        restartsStarted++;
        restart = new CompletableFuture<>();
        return restart;
      }
    };
  }

  /** One check as the loop makes it: its restart rule judges the facts. */
  private LocalHealth.Snapshot check() {
    return health.check(f -> {
      facts.add(f);
      return rule.checked(f, 2);
    });
  }

  /** One check, and the restart the decider then asks for, as the runner starts it. */
  private LocalHealth.Snapshot tick() {
    LocalHealth.Snapshot s = check();
    if (s.restartDatabase()) {
      health.restartDatabase();
    }
    return s;
  }

  @Test
  void a_healthy_database_is_reported_with_its_position() {
    LocalHealth.Snapshot s = tick();
    assertTrue(s.databaseHealthy() && s.processesHealthy() && !s.criticalProcessDown(), s.toString());
    assertEquals("0/3000000", s.walPosition());
    assertTrue(s.databaseWritable());
    assertEquals(s, health.last(), "the heartbeat answers read the same snapshot");
    assertEquals(List.of(DatabaseCheck.query(true)), facts);
  }

  @Test
  void one_failed_query_is_not_a_database_down() {
    LocalHealth.Snapshot before = tick();
    answer = DatabaseHealth.down("canceling statement due to user request");
    LocalHealth.Snapshot s = tick();
    assertTrue(s.databaseHealthy() && s.processesHealthy(), "the verdict before the failed query stands: " + s);
    assertEquals(before.walPosition(), s.walPosition());
    assertSame(before.at(), s.at(), "the status document is still the one of the last answer");
    assertEquals(0, restartsStarted);
  }

  @Test
  void a_database_that_stays_down_is_restarted_off_the_loop_and_counts_as_healthy_again_once_back() {
    tick();
    answer = DatabaseHealth.down("connection refused");
    tick();
    LocalHealth.Snapshot restarting = tick();
    assertTrue(restarting.restartDatabase(), "the second failed query in a row: the rule asks for a restart");
    assertEquals(1, restartsStarted);
    assertFalse(restarting.processesHealthy());
    assertFalse(restarting.criticalProcessDown(), "a process being restarted is not yet failed");
    assertEquals(Map.of("reachable", false, "restarting", true), restarting.database());
    assertEquals("0/3000000", restarting.walPosition(), "the last position known");

    int asked = queries;
    LocalHealth.Snapshot running = tick();
    assertEquals(1, restartsStarted, "no second restart while the first one runs");
    assertFalse(running.restartDatabase());
    assertEquals(DatabaseCheck.RESTART_RUNNING, facts.get(facts.size() - 1));
    assertEquals(asked, queries, "a database being restarted is not queried");
    assertThrows(IllegalStateException.class, health::restartDatabase, "never two restarts at once");

    answer = new DatabaseHealth(true, false, "0/3000100", null);
    restart.complete(DatabaseRestart.STARTED);
    LocalHealth.Snapshot back = tick();
    assertEquals(DatabaseCheck.afterRestart(DatabaseRestart.STARTED, true), facts.get(facts.size() - 1));
    assertTrue(back.databaseHealthy() && back.processesHealthy() && !back.criticalProcessDown(), back.toString());
    assertEquals("0/3000100", back.walPosition());
  }

  @Test
  void a_database_the_restarts_cannot_bring_back_is_a_critical_process_down() {
    answer = DatabaseHealth.down("connection refused");
    tick();
    for (int i = 0; i < DatabaseRestartRule.RESTART_BUDGET; i++) {
      tick(); // the second failed query in a row, then each failed restart: restart
      restart.complete(DatabaseRestart.FAILED);
    }
    assertEquals(DatabaseRestartRule.RESTART_BUDGET, restartsStarted);
    LocalHealth.Snapshot s = tick();
    assertTrue(s.criticalProcessDown(), "the budget is spent: " + s);
    assertFalse(s.databaseHealthy());
    assertEquals(Map.of("reachable", false), s.database());
    tick();
    assertEquals(DatabaseRestartRule.RESTART_BUDGET, restartsStarted, "no restart beyond the budget");
  }

  @Test
  void a_restart_that_throws_counts_as_a_failed_one() {
    answer = DatabaseHealth.down("connection refused");
    tick();
    for (int i = 0; i < DatabaseRestartRule.RESTART_BUDGET; i++) {
      tick();
      restart.completeExceptionally(new IllegalStateException("pg_ctl timed out"));
    }
    assertTrue(tick().criticalProcessDown());
  }

  @Test
  void a_database_taken_down_on_purpose_by_a_copy_is_not_a_failure() {
    maintenance = true;
    answer = DatabaseHealth.down("the database system is shutting down");
    LocalHealth.Snapshot s = tick();
    assertTrue(s.processesHealthy() && !s.criticalProcessDown(), s.toString());
    assertNull(s.walPosition());
    assertEquals(Map.of("reachable", false, "maintenance", true), s.database());
    assertEquals(List.of(DatabaseCheck.MAINTENANCE), facts);
    assertEquals(0, queries, "a database in maintenance is not queried");
    assertEquals(0, restartsStarted);

    maintenance = false;
    tick();
    tick();
    assertEquals(1, restartsStarted);
    restart.complete(DatabaseRestart.TAKEN);
    LocalHealth.Snapshot taken = tick();
    assertTrue(taken.processesHealthy() && !taken.criticalProcessDown(),
        "a copy that took the database while the restart waited is maintenance, not a failure: " + taken);
    assertEquals(DatabaseCheck.afterRestart(DatabaseRestart.TAKEN, false), facts.get(facts.size() - 1));
  }
}

package org.ncsha.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncsha.ha.DatabaseRestartRule.Kind.DOWN;
import static org.ncsha.ha.DatabaseRestartRule.Kind.HEALTHY;
import static org.ncsha.ha.DatabaseRestartRule.Kind.MAINTENANCE;
import static org.ncsha.ha.DatabaseRestartRule.Kind.RESTART;
import static org.ncsha.ha.DatabaseRestartRule.Kind.RESTARTING;
import static org.ncsha.ha.DatabaseRestartRule.Kind.UNCONFIRMED;
import static org.ncsha.ha.DatabaseRestartRule.RESTART_BUDGET;
import static org.ncsha.ha.Inputs.in;
import static org.ncsha.ha.Inputs.peer;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Health Monitor's policy for its own database: one failed query is not a database down, a
 * database that stays down is restarted (one restart at a time), and only one that the restarts
 * cannot bring back is a critical process down; a copy or a rewind that has it down on purpose is
 * no failure. And the decider asks for the restart the rule wants, in whatever state.
 */
class DatabaseRestartRuleTest {
  /** database.failure.count's default. */
  private static final int COUNT = 2;
  private static final DatabaseCheck ANSWERED = DatabaseCheck.query(true);
  private static final DatabaseCheck SILENT = DatabaseCheck.query(false);

  private final DatabaseRestartRule rule = new DatabaseRestartRule();

  private DatabaseRestartRule.Verdict check(DatabaseCheck check) {
    return rule.checked(check, COUNT);
  }

  @Test
  void an_answer_is_a_healthy_database_with_all_processes_up() {
    DatabaseRestartRule.Verdict v = check(ANSWERED);
    assertEquals(new DatabaseRestartRule.Verdict(HEALTHY, true, true, false, 0), v);
    assertFalse(v.restartDatabase());
  }

  @Test
  void failed_queries_under_the_failure_count_leave_the_last_verdict_standing() {
    check(ANSWERED);
    DatabaseRestartRule.Verdict v = check(SILENT);
    assertEquals(UNCONFIRMED, v.kind());
    assertTrue(v.databaseHealthy() && v.processesHealthy() && !v.criticalProcessDown(), v.toString());
    assertEquals(1, v.failedQueries());
    assertFalse(v.restartDatabase(), "one cancelled or slow query is not an outage");
  }

  @Test
  void nothing_is_known_before_a_first_answer() {
    DatabaseRestartRule.Verdict v = check(SILENT);
    assertEquals(UNCONFIRMED, v.kind());
    assertFalse(v.databaseHealthy() || v.processesHealthy() || v.criticalProcessDown(), v.toString());
  }

  @Test
  void the_failure_count_of_queries_asks_for_one_restart_and_none_while_it_runs() {
    check(ANSWERED);
    check(SILENT);
    DatabaseRestartRule.Verdict restart = check(SILENT);
    assertEquals(RESTART, restart.kind());
    assertTrue(restart.restartDatabase());
    assertTrue(restart.databaseHealthy(), "not yet failed: the verdict on the database stands");
    assertFalse(restart.processesHealthy(), "processes are not all up while it is restarted");
    assertFalse(restart.criticalProcessDown());

    for (int i = 0; i < 3; i++) {
      DatabaseRestartRule.Verdict running = check(DatabaseCheck.RESTART_RUNNING);
      assertEquals(RESTARTING, running.kind());
      assertFalse(running.restartDatabase(), "no second restart while the first one runs");
      assertTrue(running.databaseHealthy() && !running.processesHealthy() && !running.criticalProcessDown(),
          running.toString());
    }
    assertEquals(HEALTHY, check(DatabaseCheck.afterRestart(DatabaseRestart.STARTED, true)).kind());
  }

  @Test
  void a_failure_count_of_one_restarts_at_the_first_failed_query() {
    rule.checked(ANSWERED, 1);
    assertEquals(RESTART, rule.checked(SILENT, 1).kind());
  }

  @Test
  void a_database_the_restarts_cannot_bring_back_is_a_critical_process_down_once_the_budget_is_spent() {
    check(ANSWERED);
    check(SILENT);
    int restarts = check(SILENT).restartDatabase() ? 1 : 0;
    DatabaseRestartRule.Verdict v = null;
    for (int i = 0; i < 10; i++) {
      check(DatabaseCheck.RESTART_RUNNING);
      v = check(DatabaseCheck.afterRestart(DatabaseRestart.FAILED, false));
      if (!v.restartDatabase()) {
        break;
      }
      assertTrue(v.databaseHealthy() && !v.criticalProcessDown(), "a failed restart with budget left is retried: " + v);
      restarts++;
    }
    assertEquals(RESTART_BUDGET, restarts);
    assertEquals(new DatabaseRestartRule.Verdict(DOWN, false, false, true, COUNT + RESTART_BUDGET), v);
    assertEquals(DOWN, check(SILENT).kind(), "no restart beyond the budget");
    assertFalse(check(SILENT).restartDatabase());

    assertEquals(HEALTHY, check(ANSWERED).kind(), "a database that answers again is healthy again");
    check(SILENT);
    assertEquals(RESTART, check(SILENT).kind(), "and has its whole budget again");
  }

  @Test
  void an_answer_resets_the_failed_queries() {
    check(ANSWERED);
    check(SILENT);
    check(ANSWERED);
    assertEquals(UNCONFIRMED, check(SILENT).kind(), "the count starts again after an answer");
  }

  @Test
  void a_restart_that_started_the_database_renews_the_budget() {
    check(SILENT);
    check(SILENT);
    check(DatabaseCheck.afterRestart(DatabaseRestart.FAILED, false));
    check(DatabaseCheck.afterRestart(DatabaseRestart.FAILED, false));
    // The third restart started it, but it is gone again before the next query.
    DatabaseRestartRule.Verdict v = check(DatabaseCheck.afterRestart(DatabaseRestart.STARTED, false));
    assertEquals(RESTART, v.kind(), "down again right after a restart: restarted again at once");
    for (int i = 0; i < RESTART_BUDGET - 1; i++) {
      assertEquals(RESTART, check(DatabaseCheck.afterRestart(DatabaseRestart.FAILED, false)).kind());
    }
    assertEquals(DOWN, check(DatabaseCheck.afterRestart(DatabaseRestart.FAILED, false)).kind());
  }

  @Test
  void a_database_down_on_purpose_is_no_failure_and_is_not_restarted() {
    check(ANSWERED);
    DatabaseRestartRule.Verdict v = check(DatabaseCheck.MAINTENANCE);
    assertEquals(new DatabaseRestartRule.Verdict(MAINTENANCE, false, true, false, 0), v);
    assertFalse(v.restartDatabase());

    check(SILENT);
    check(SILENT);
    DatabaseRestartRule.Verdict taken = check(DatabaseCheck.afterRestart(DatabaseRestart.TAKEN, false));
    assertEquals(MAINTENANCE, taken.kind(), "a copy took the database while the restart waited: maintenance");
    assertTrue(taken.processesHealthy() && !taken.criticalProcessDown() && !taken.restartDatabase(), taken.toString());
    assertEquals(RESTART, check(SILENT).kind(), "taken is no failed restart, and the failed queries still count");
    check(DatabaseCheck.MAINTENANCE);
    check(DatabaseCheck.MAINTENANCE);
    assertEquals(RESTART, check(DatabaseCheck.afterRestart(DatabaseRestart.FAILED, false)).kind(),
        "maintenance spends no restart: the budget still has two");
  }

  @Test
  void checks_are_facts_and_settings_are_checked() {
    assertThrows(IllegalArgumentException.class, () -> new DatabaseCheck(false, true, DatabaseRestart.FAILED, false));
    assertThrows(IllegalArgumentException.class, () -> rule.checked(ANSWERED, 0));
  }

  @Test
  void the_loop_forgets_its_database_when_the_health_monitor_restarts() {
    LoopBookkeeping loop = LoopBookkeeping.afterStartup();
    loop.databaseChecked(ANSWERED, COUNT);
    loop.databaseChecked(SILENT, COUNT);
    assertEquals(RESTART, loop.databaseChecked(SILENT, COUNT).kind());
    loop.restarted();
    DatabaseRestartRule.Verdict v = loop.databaseChecked(SILENT, COUNT);
    assertEquals(UNCONFIRMED, v.kind(), "counted from the start again");
    assertFalse(v.databaseHealthy(), "and nothing known yet");
  }

  @Test
  void the_decider_asks_for_the_restart_in_any_state_before_a_long_running_action() {
    HaDecider decider = new HaDecider();
    Observations asks = Inputs.at(0, peer(HaState.SECONDARY_SYNCING)).withRestartDatabase(true);
    Decision active = decider.decide(in(HaState.PRIMARY_ACTIVE), asks, Inputs.primary(), null);
    assertEquals(HaState.PRIMARY_ACTIVE, active.next());
    assertEquals(List.of(Action.of(ActionKind.RESTART_DATABASE)), active.actions());
    assertFalse(decider.decide(in(HaState.PRIMARY_ACTIVE), asks.withRestartDatabase(false), Inputs.primary(), null)
        .has(ActionKind.RESTART_DATABASE));

    // A primary that failed over starts again: FOLLOW_PEER, with the restart ahead of it.
    Observations startup = new Observations(Inputs.T0, peer(HaState.SECONDARY_ACTIVE), 0, true, true, false, true,
        List.of()).withRestartDatabase(true);
    Decision follow = decider.decide(in(HaState.PRIMARY_FAILOVER), startup, Inputs.primary(), null);
    List<Action> actions = follow.actions();
    assertEquals(ActionKind.FOLLOW_PEER, actions.get(actions.size() - 1).kind(), actions.toString());
    assertTrue(follow.has(ActionKind.RESTART_DATABASE), actions.toString());

    Decision unconfigured = decider.decide(in(HaState.HA_NOT_CONFIGURED), Inputs.at(0, null).withRestartDatabase(true),
        HaConfig.unregistered(Role.PRIMARY), null);
    assertEquals(List.of(Action.of(ActionKind.RESTART_DATABASE)), unconfigured.actions());
  }
}

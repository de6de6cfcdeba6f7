package org.ncsha.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The guide's two MSE scenario sections ("Failover Scenario for MSE High Availability", "Failback
 * Scenario for MSE High Availability"), as the state tables of docs/mse.md, replayed on two
 * deciders: each test runs the events its table's heading names and asserts the table's rows.
 */
class MseScenariosTest {
  private static final Duration DELAY = Duration.ofSeconds(60);

  private static PairHarness mse(FailoverType failover, FailbackType failback) {
    PairHarness h = PairHarness.registered(failover, failback, DELAY);
    // Registration gave both servers the pair's failback type.
    assertEquals(failback, h.primary.config.failbackType());
    assertEquals(failback, h.secondary.config.failbackType());
    return h;
  }

  /** The rows of the table between {@code <!-- mse-scenario:NAME:begin -->} and its end in docs/mse.md. */
  private static String[] table(String name) throws IOException {
    String docs = Files.readString(Path.of(System.getProperty("ncs.repo", "."), "docs", "mse.md"));
    String begin = "<!-- mse-scenario:" + name + ":begin -->";
    int from = docs.indexOf(begin);
    int to = docs.indexOf("<!-- mse-scenario:" + name + ":end -->");
    assertTrue(from >= 0 && to > from, "docs/mse.md lacks the table " + name);
    List<String> rows = new ArrayList<>();
    for (String line : docs.substring(from + begin.length(), to).split("\n")) {
      String[] cells = line.split("\\|");
      // | event | Primary MSE | Secondary MSE |
      if (cells.length >= 4 && !cells[2].isBlank() && !cells[2].contains("---") && !cells[2].strip().equals("Primary MSE")) {
        rows.add(cells[2].strip() + " | " + cells[3].strip());
      }
    }
    return rows.toArray(String[]::new);
  }

  @Test
  void automatic_failover_starts_the_secondary_once_its_health_monitor_confirms_the_primary_down() throws IOException {
    PairHarness h = mse(FailoverType.AUTOMATIC, FailbackType.MANUAL);
    h.mark();
    h.stop(h.primary);
    h.runUntil(() -> h.secondary.state() == HaState.SECONDARY_ACTIVE, 10);
    h.assertTable(table("automatic-failover"));
  }

  @Test
  void manual_failover_waits_for_the_administrator_and_mails_the_ask() throws IOException {
    PairHarness h = mse(FailoverType.MANUAL, FailbackType.MANUAL);
    h.mark();
    h.stop(h.primary);
    h.rounds(10);
    assertEquals(HaState.SECONDARY_LOST_PRIMARY, h.secondary.state(), "no failover by itself");
    assertTrue(h.secondary.mails.stream().anyMatch(m -> m.startsWith("The secondary lost")), h.secondary.mails.toString());
    h.command(h.secondary, new Command.Failover());
    h.runUntil(() -> h.secondary.state() == HaState.SECONDARY_ACTIVE, 10);
    h.assertTable(table("manual-failover"));
  }

  /**
   * The primary fails, the secondary takes over, {@code downRounds} pass, and the administrator
   * starts the primary again: it is the secondary's standby, ready for a failback. The tables
   * start from the restart.
   */
  private static void failedOverThenPrimaryStarted(PairHarness h, int downRounds) {
    h.stop(h.primary);
    h.runUntil(() -> h.secondary.state() == HaState.SECONDARY_ACTIVE, 10);
    h.rounds(downRounds);
    h.mark();
    h.start(h.primary);
    h.runUntil(() -> h.primary.state() == HaState.PRIMARY_SYNCING, 10);
  }

  @Test
  void automatic_failback_runs_by_itself_once_the_started_primary_was_steady_for_the_delay() throws IOException {
    PairHarness h = mse(FailoverType.AUTOMATIC, FailbackType.AUTOMATIC);
    // "Failback can occur only if the administrator starts up the failed primary MSE": 30 rounds
    // (150 s, over twice the delay) down, and the table starts with the secondary still active.
    failedOverThenPrimaryStarted(h, 30);
    java.time.Instant syncing = h.now;
    h.runUntil(() -> h.secondary.state() == HaState.SECONDARY_FAILBACK, 30);
    assertTrue(Duration.between(syncing, h.now).compareTo(DELAY) >= 0,
        "not before the primary was steady for the delay: " + Duration.between(syncing, h.now));
    h.runUntil(() -> h.primary.state() == HaState.PRIMARY_ACTIVE && h.secondary.state() == HaState.SECONDARY_SYNCING, 10);
    h.assertTable(table("automatic-failback"));
  }

  @Test
  void manual_failback_waits_for_the_administrator() throws IOException {
    PairHarness h = mse(FailoverType.AUTOMATIC, FailbackType.MANUAL);
    failedOverThenPrimaryStarted(h, 0);
    h.rounds(60);
    assertEquals(HaState.SECONDARY_ACTIVE, h.secondary.state(), "manual: the secondary stays active");
    h.command(h.secondary, new Command.Failback());
    h.runUntil(() -> h.primary.state() == HaState.PRIMARY_ACTIVE && h.secondary.state() == HaState.SECONDARY_SYNCING, 10);
    h.assertTable(table("manual-failback"));
  }
}

package org.ncsha.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class WalAfterForkTest {
  private static final String HEAD = "WAL statistics between 0/1500790 and 0/15167E8:\n"
      + "Type                                           N      (%)          Record size      (%)             FPI size      (%)        Combined size      (%)\n"
      + "----                                           -      ---          -----------      ---             --------      ---        -------------      ---\n";
  private static final String CHECKPOINT = "XLOG/CHECKPOINT_SHUTDOWN                       1 ( 33.33)                  114 ( 53.00)                    0 (  0.00)                  114 ( 53.00)\n";
  private static final String RUNNING = "Standby/RUNNING_XACTS                          2 ( 66.67)                  100 ( 47.00)                    0 (  0.00)                  100 ( 47.00)\n";
  private static final String INSERT = "Heap/INSERT+INIT                               1 (  2.44)                   59 (  1.57)                    0 (  0.00)                   59 (  0.07)\n";
  private static final String COMMIT = "Transaction/COMMIT                             1 (  2.44)                  405 ( 10.78)                    0 (  0.00)                  405 (  0.45)\n";

  private static String table(int total, String... rows) {
    return HEAD + String.join("", rows) + "                                        --------                      --------\n"
        + "Total                                        " + total + "                           214 [100.00%]                     0 [0.00%]                   214 [100%]\n";
  }

  private static final String END = "pg_waldump: error: error in WAL record at 0/1516650: invalid record length at 0/15167E8: wanted 24, got 0\n";

  @Test
  void checkpoints_and_snapshots_only_need_no_copy_and_are_counted() {
    assertEquals(Optional.of("CHECKPOINT_SHUTDOWN x1, RUNNING_XACTS x2"),
        WalAfterFork.bookkeepingOnly(table(3, CHECKPOINT, RUNNING), END));
  }

  @Test
  void a_row_or_a_commit_after_the_fork_keeps_the_copy() {
    assertTrue(WalAfterFork.bookkeepingOnly(table(2, CHECKPOINT, INSERT), END).isEmpty());
    assertTrue(WalAfterFork.bookkeepingOnly(table(2, CHECKPOINT, COMMIT), END).isEmpty());
  }

  @Test
  void any_doubt_keeps_the_copy() {
    assertTrue(WalAfterFork.bookkeepingOnly("", END).isEmpty(), "no table");
    assertTrue(WalAfterFork.bookkeepingOnly(table(0), END).isEmpty(), "no record read");
    assertTrue(WalAfterFork.bookkeepingOnly(table(4, CHECKPOINT), END).isEmpty(), "rows that do not add up to the total");
    assertTrue(WalAfterFork.bookkeepingOnly(table(1, CHECKPOINT), "pg_waldump: error: could not find file \"000000010000000000000002\": "
        + "No such file or directory\n").isEmpty(), "stopped at a missing segment: what follows is unknown");
    assertTrue(WalAfterFork.bookkeepingOnly(table(1, CHECKPOINT), END + END).isEmpty(), "more than the end of WAL");
  }

  @Test
  void a_clean_exit_without_the_end_message_is_fine() {
    assertEquals(Optional.of("CHECKPOINT_SHUTDOWN x1"), WalAfterFork.bookkeepingOnly(table(1, CHECKPOINT), ""));
  }
}

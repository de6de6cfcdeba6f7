package org.ncsha.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ToolRunnerTest {
  @Test
  void aFailureMessageKeepsTheErrorAndDropsTheProgressLines() {
    String stderr = "waiting for checkpoint\r    0/412345 kB (0%), 0/1 tablespace\r196608/412345 kB (47%), 0/1 tablespace\r"
        + "pg_basebackup: error: could not write to file \"/x/base/16384/16402\": No space left on device\n"
        + "pg_basebackup: removing contents of data directory \"/x\"\n";
    assertEquals("waiting for checkpoint pg_basebackup: error: could not write to file \"/x/base/16384/16402\": No space left on device"
        + " pg_basebackup: removing contents of data directory \"/x\"", ToolRunner.lastErrorLines(stderr));
  }
}

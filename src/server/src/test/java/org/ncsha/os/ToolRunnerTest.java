package org.ncsha.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

  @Test
  void ambient_capabilities_are_read_from_the_process_status() {
    assertTrue(ToolRunner.holdsAmbientCapabilities("Name:\tjava\nCapInh:\t0000000000003000\nCapAmb:\t0000000000003000\n"));
    assertEquals(false, ToolRunner.holdsAmbientCapabilities("Name:\tjava\nCapInh:\t0000000000000000\nCapAmb:\t0000000000000000\n"));
    assertEquals(false, ToolRunner.holdsAmbientCapabilities("Name:\tjava\n"), "a kernel without ambient capabilities");
  }

  @Test
  void a_tool_that_runs_past_its_timeout_is_killed_with_everything_it_started() throws Exception {
    // A marker no other process on the machine has in its command line.
    String marker = "41." + (System.nanoTime() % 100000);
    ToolRunner runner = new ToolRunner(null);
    ToolException e = assertThrows(ToolException.class, () -> runner.run(
        List.of("/bin/sh", "-c", "sleep " + marker + " & sleep " + marker + "; wait"), Map.of(), Duration.ofSeconds(1)));
    assertTrue(e.getMessage().contains("did not finish within 1 s"), e.getMessage());
    Instant deadline = Instant.now().plusSeconds(5);
    while (running(marker) && Instant.now().isBefore(deadline)) {
      Thread.onSpinWait();
    }
    assertEquals(0, ProcessHandle.allProcesses().filter(h -> commandLineHas(h, marker)).count(),
        "no child of the tool outlives it");
  }

  private static boolean running(String marker) {
    return ProcessHandle.allProcesses().anyMatch(h -> h.isAlive() && commandLineHas(h, marker));
  }

  private static boolean commandLineHas(ProcessHandle h, String marker) {
    return h.isAlive() && h.info().commandLine().map(c -> c.contains(marker)).orElse(false);
  }
}

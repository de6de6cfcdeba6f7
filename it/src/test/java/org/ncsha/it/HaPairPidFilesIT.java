package org.ncsha.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ha-pair's pid files left behind by a pair that is gone (a crash, a reboot): their ids may
 * belong to other programs by now, and {@code down} and {@code kill} run as root. A process
 * that does not run with the pair's own files is left alone; one that does is stopped.
 */
class HaPairPidFilesIT {
  @TempDir Path dir;
  private final List<Process> started = new java.util.ArrayList<>();

  @AfterEach
  void endWhatWasStarted() {
    started.forEach(Process::destroyForcibly);
  }

  /** A process that sleeps two minutes; {@code arguments} only show in its command line. */
  private Process sleeper(String... arguments) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("python3", "-c", "import time; time.sleep(120)"));
    command.addAll(List.of(arguments));
    Process p = new ProcessBuilder(command).start();
    started.add(p);
    return p;
  }

  @Test
  void stale_pid_files_never_stop_a_process_that_is_not_the_pairs() throws Exception {
    Process stranger = sleeper();
    Process otherStranger = sleeper();
    Path pair = dir.resolve("pair");
    Path primary = Files.createDirectories(pair.resolve("primary"));
    Files.createDirectories(primary.resolve("run"));
    Files.createDirectories(primary.resolve("pgdata"));
    Files.writeString(primary.resolve("run/liberty.pid"), stranger.pid() + "\n");
    Files.writeString(primary.resolve("pgdata/postmaster.pid"), otherStranger.pid() + "\n" + primary.resolve("pgdata") + "\n");
    Map<String, String> env = Map.of("HA_PAIR_DIR", pair.toString(), "PRIMARY_ADDR", "127.0.2.91",
        "SECONDARY_ADDR", "127.0.2.92");
    String haPair = Pair.REPO.resolve("liberty/bin/ha-pair").toString();

    Command down = Command.run(List.of(haPair, "down"), env, "");
    assertEquals(0, down.code(), down.out());
    Command kill = Command.run(List.of(haPair, "kill", "primary"), env, "");
    assertNotEquals(0, kill.code(), kill.out());
    assertTrue(kill.out().contains("primary Liberty is not running"), kill.out());

    assertTrue(stranger.isAlive(), "the process behind the stale liberty.pid: " + down.out());
    assertTrue(otherStranger.isAlive(), "the process behind the stale postmaster.pid: " + down.out());

    // Processes with the arguments the pair's own have (NodeInit's -Dncs.node.dir=, postgres -D): stopped.
    Process liberty = sleeper("-Dncs.node.dir=" + primary.toRealPath());
    Process postgres = sleeper("-D", primary.toRealPath().resolve("pgdata").toString());
    Files.writeString(primary.resolve("run/liberty.pid"), liberty.pid() + "\n");
    Files.writeString(primary.resolve("pgdata/postmaster.pid"), postgres.pid() + "\n" + primary.resolve("pgdata") + "\n");
    Command stopped = Command.run(List.of(haPair, "down"), env, "");
    assertEquals(0, stopped.code(), stopped.out());
    assertTrue(stopped.out().contains("stopped primary Liberty (pid " + liberty.pid() + ")"), stopped.out());
    assertTrue(stopped.out().contains("stopped primary PostgreSQL (pid " + postgres.pid() + ")"), stopped.out());
    assertTrue(liberty.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && postgres.waitFor(10,
        java.util.concurrent.TimeUnit.SECONDS), "both ended");
  }
}

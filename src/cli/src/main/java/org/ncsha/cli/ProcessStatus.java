package org.ncsha.cli;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

/** {@code ncs status}: the node's Health Monitor, Liberty JVM and PostgreSQL, each Up or Down. */
final class ProcessStatus {
  private final NodeDir node;
  private final PrintStream out;
  private boolean allUp = true;

  ProcessStatus(NodeDir node, PrintStream out) {
    this.node = node;
    this.out = out;
  }

  /** Prints one line per process; 0 when all are up, 1 otherwise. */
  int print() {
    out.println("Status of the ncs-ha processes in " + node.path() + ":");
    line("Health Monitor", healthMonitor());
    line("Liberty server", process(node.libertyPid(), "java", NodeDir.LIBERTY_PID));
    line("PostgreSQL", process(node.postgresPid(), "postgres", "pgdata/postmaster.pid"));
    return allUp ? 0 : 1;
  }

  private void line(String name, String result) {
    allUp &= result.startsWith("Up");
    out.println(String.format("  %-15s %s", name, result));
  }

  private String healthMonitor() {
    try {
      HmClient.Answer answer = new HmClient(node.healthMonitorUri(), node.tlsFingerprint(), Duration.ofSeconds(10))
          .get("/api/status");
      if (!answer.ok()) {
        return "Down (answers HTTP " + answer.status() + ")";
      }
      JsonObject status = HmJson.object(answer.body());
      return "Up (" + HmJson.text(status, "state") + ", " + HmJson.text(status, "mode") + ")";
    } catch (CliException e) {
      return "Down (" + e.getMessage() + ")";
    } catch (JsonException e) {
      return "Down (status not readable: " + e.getMessage() + ")";
    }
  }

  /**
   * Linux hands out process and thread ids from one range, and {@code ProcessHandle.of} finds a
   * thread's id too: a dead server's pid may now name a thread of another process.
   */
  private static boolean isThreadOfAnother(long pid) {
    try {
      return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
          .filter(line -> line.startsWith("Tgid:"))
          .anyMatch(line -> Long.parseLong(line.substring(5).strip()) != pid);
    } catch (IOException | RuntimeException e) {
      return false; // no /proc (not Linux) or gone meanwhile: ProcessHandle's answer stands
    }
  }

  // A pid file can outlive its process and the pid be reused: check the command too when visible.
  private static String process(OptionalLong pid, String commandPart, String pidFile) {
    if (pid.isEmpty()) {
      return "Down (no " + pidFile + ")";
    }
    long p = pid.getAsLong();
    return ProcessHandle.of(p).filter(ProcessHandle::isAlive).filter(h -> !isThreadOfAnother(p)).map(h -> {
      String command = h.info().command().orElse(null);
      if (command != null && !command.contains(commandPart)) {
        return "Down (pid " + p + " from " + pidFile + " is another program: " + command + ")";
      }
      return "Up (pid " + p + ")";
    }).orElse("Down (pid " + p + " from " + pidFile + " is not running)");
  }
}

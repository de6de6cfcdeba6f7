package org.ncsha.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code ncs stop}, {@code ncs start} and {@code ncs restart}: this server (Liberty, its
 * PostgreSQL), as the guide's patching procedures use them. Through systemd where the server is
 * a systemd service, so that systemd's view stays true; otherwise through the launcher,
 * {@code ncs-server}, beside this command.
 */
final class LocalServerCommands {
  private static final Path SYSTEMD_UNIT = Path.of("/etc/systemd/system/ncs-ha.service");

  private final NodeDir node;
  private final Map<String, String> env;

  LocalServerCommands(NodeDir node, Map<String, String> env) {
    this.node = node;
    this.env = env;
  }

  int run(String action) throws CliException {
    List<String> command;
    if (Files.isDirectory(Path.of("/run/systemd/system")) && Files.isRegularFile(SYSTEMD_UNIT)) {
      command = List.of("systemctl", action, "ncs-ha.service");
    } else {
      String bin = env.get("NCS_BIN");
      if (bin == null || !Files.isExecutable(Path.of(bin, "ncs-server"))) {
        throw CliException.failure("ncs " + action + ": the launcher ncs-server is not beside this command (NCS_BIN="
            + bin + ")");
      }
      command = List.of(Path.of(bin, "ncs-server").toString(), action);
    }
    ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
    pb.environment().put(NodeDir.ENV, node.path().toString());
    try {
      int code = pb.start().waitFor();
      if (code != 0) {
        throw CliException.failure("ncs " + action + " failed (" + String.join(" ", command) + " exited with " + code + ")");
      }
      return 0;
    } catch (IOException e) {
      throw CliException.failure("ncs " + action + ": cannot run " + command.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.failure("ncs " + action + ": interrupted");
    }
  }
}

package org.ncsha.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.ncsha.node.NodeSecrets;
import org.ncsha.node.NodeSettings;

/**
 * {@code ncs backup [FILE]} and {@code ncs restore FILE}: the application data of this server's
 * database (PostgreSQL's pg_dump and pg_restore, the server's own version of them). The HA
 * settings are not in a backup: they live in the node-local store, as the guide's "HA settings
 * are not included in the backup" says. A restore is refused while HA is configured: the guide's
 * "Remove HA During Restore" (remove HA, restore, register the secondary again, whose
 * registration copies the restored data).
 */
final class BackupCommands {
  static final String USAGE = "usage: ncs backup [FILE] | ncs restore FILE";
  private static final String NOT_CONFIGURED = "HA not configured";

  private final NodeDir node;
  private final PrintStream out;

  BackupCommands(NodeDir node, PrintStream out) {
    this.node = node;
    this.out = out;
  }

  int backup(Path file) throws CliException {
    if (file == null) {
      // Into the node directory's backups folder, which root would then own.
      node.refuseRootOverAnotherOwner("ncs backup");
    }
    Path target = file != null ? file : node.path().resolve("backups")
        .resolve("ncs-backup-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".dump");
    Path partial = target.resolveSibling(target.getFileName() + ".part");
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw CliException.failure("FILE: cannot create " + target.getParent() + ": " + e.getMessage());
    }
    out.println("Backing up the application data of " + node.path() + " to " + target + " ...");
    int objects = run("pg_dump", List.of("-Fc", "--verbose", "-f", partial.toString()), "dumping contents of table ");
    try {
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      out.println("Backup complete: " + target + " (" + objects + " table(s), " + Files.size(target) + " bytes). The HA"
          + " settings are not in it.");
    } catch (IOException e) {
      throw CliException.failure("The backup could not be completed: " + e.getMessage());
    }
    return 0;
  }

  int restore(Path file) throws CliException {
    NodeDir.requireReadableFile(file, "is not a backup file (" + USAGE + ")");
    HmClient.Answer status = new HmClient(node.healthMonitorUri(), node.tlsFingerprint(), Duration.ofSeconds(10)).get("/api/status");
    String mode;
    String state;
    try {
      var o = HmJson.object(status.body());
      mode = HmJson.text(o, "mode");
      state = HmJson.text(o, "state");
    } catch (RuntimeException e) {
      throw CliException.failure("The Health Monitor's status is not readable: " + Ncs.message(status));
    }
    if (!NOT_CONFIGURED.equals(mode)) {
      throw CliException.failure("A restore is not possible while HA is configured (this server is " + state + "). Remove HA"
          + " first ('ncs ha remove' on the primary), restore, then register the secondary again: its registration"
          + " copies the restored data to it.");
    }
    out.println("Restoring " + file + " into the database of " + node.path() + " (what it holds now is replaced) ...");
    int objects = run("pg_restore", List.of("--clean", "--if-exists", "--single-transaction", "--verbose", file.toString()),
        "processing data for table ");
    out.println("Restore complete: " + objects + " table(s) restored from " + file + ".");
    return 0;
  }

  /**
   * Runs a PostgreSQL client tool against this node's database as its superuser, printing each
   * table as the tool reports it; returns how many it reported.
   */
  private int run(String tool, List<String> toolArgs, String tableLine) throws CliException {
    NodeSettings settings;
    String password;
    try {
      settings = NodeSettings.load(node.path());
      password = new NodeSecrets(node.path()).databasePassword();
    } catch (java.io.UncheckedIOException e) {
      throw CliException.failure(e.getMessage() + " (run ncs as root or as the ncs user): " + e.getCause().getMessage());
    }
    List<String> command = new ArrayList<>(List.of(settings.pgBinDir().resolve(tool).toString(), "-h", settings.address(),
        "-p", Integer.toString(settings.dbPort()), "-U", "ncs", "-d", "ncs"));
    command.addAll(toolArgs);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("PGPASSWORD", password);
    pb.environment().put("PGCONNECT_TIMEOUT", "10");
    int tables = 0;
    List<String> errors = new ArrayList<>();
    try {
      Process p = pb.start();
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          int at = line.indexOf(tableLine);
          if (at >= 0) {
            tables++;
            out.println("  table " + line.substring(at + tableLine.length()).replace("\"", ""));
          } else if (line.contains("error") || line.contains("FATAL")) {
            errors.add(line);
          }
        }
      }
      if (p.waitFor() != 0) {
        throw CliException.failure(tool + " failed (exit " + p.exitValue() + "): " + String.join("; ", errors));
      }
    } catch (IOException e) {
      throw CliException.failure("Cannot run " + command.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.failure(tool + " was interrupted");
    }
    return tables;
  }
}

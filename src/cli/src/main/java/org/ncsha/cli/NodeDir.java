package org.ncsha.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;

/** The files of one node directory that the CLI reads: settings, token, pinned certificate, pid files. */
final class NodeDir {
  static final String ENV = "NCS_NODE_DIR";
  static final int DEFAULT_HM_PORT = 8082;

  private final Path dir;

  NodeDir(Path dir) {
    this.dir = dir;
  }

  /** From {@code --node-dir} when given, else from {@value #ENV}. */
  static NodeDir resolve(String flag, Map<String, String> env) throws CliException {
    String value = flag != null ? flag : env.get(ENV);
    if (value == null || value.isBlank()) {
      throw CliException.usage("No node directory: pass --node-dir DIR or set " + ENV + ".");
    }
    return new NodeDir(Path.of(value));
  }

  Path path() {
    return dir;
  }

  /**
   * Refuses root on a node directory that another user owns (an installed server's, owned by
   * ncs): what root wrote there would be root's, and the server, which runs as the owner, could
   * then neither expand its application nor replace its settings. Before anything is written.
   */
  void refuseRootOverAnotherOwner(String command) throws CliException {
    try {
      int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      if (self != 0 || !Files.exists(dir) || (Integer) Files.getAttribute(dir, "unix:uid") == 0) {
        return;
      }
      String owner = Files.getOwner(dir).getName();
      throw CliException.usage("The node directory " + dir + " belongs to " + owner + ", and this is root: run it as "
          + owner + " (sudo -u " + owner + " " + command + " ...), so that the server, which runs as " + owner
          + ", can read and replace what it writes. Nothing was changed.");
    } catch (IOException | UnsupportedOperationException e) {
      // No owner to compare with (not a Unix file system): nothing to refuse.
    }
  }

  /**
   * A file the command is given to read ({@code FILE}): one that exists but cannot be read names
   * the user it cannot be read by (under {@code sudo -u ncs}, a file left in root's home), rather
   * than passing for no file at all.
   */
  static void requireReadableFile(Path file, String notAFile) throws CliException {
    if (file == null || !Files.exists(file)) {
      throw CliException.usage("FILE: " + file + " does not exist");
    }
    if (!Files.isRegularFile(file)) {
      throw CliException.usage("FILE: " + file + " " + notAFile);
    }
    if (!Files.isReadable(file)) {
      String user = System.getProperty("user.name");
      throw CliException.usage("FILE: " + file + " cannot be read by " + user + ": put it where " + user
          + " can read it (e.g. /tmp), or make it readable");
    }
  }

  Path nodeProperties() {
    return dir.resolve("etc/node.properties");
  }

  /** node.properties, empty when the file does not exist yet. */
  Properties settings() throws CliException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(nodeProperties(), StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (NoSuchFileException e) {
      return p;
    } catch (IOException e) {
      throw CliException.failure("Cannot read " + nodeProperties() + ": " + e.getMessage());
    }
    return p;
  }

  /** Base URI of the local Health Monitor, from node.address (and hm.port, 8082 by default). */
  String healthMonitorUri() throws CliException {
    Properties p = settings();
    String address = p.getProperty("node.address", "").strip();
    if (address.isEmpty()) {
      throw CliException.failure("This node has no address: node.address is missing from " + nodeProperties()
          + ". Is " + dir + " a node directory?");
    }
    String port = p.getProperty("hm.port", String.valueOf(DEFAULT_HM_PORT)).strip();
    if (!port.matches("\\d{1,5}")) {
      throw CliException.failure("hm.port in " + nodeProperties() + " is not a port number: '" + port + "'");
    }
    String host = address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address; // IPv6 literal
    return "https://" + host + ":" + port;
  }

  /** The certificate fingerprint the server published, to pin. */
  String tlsFingerprint() throws CliException {
    return read("etc/tls.fingerprint", "the node has no TLS certificate yet; it is written when the node is created");
  }

  /** The token the running server wrote for local administrators. */
  String cliToken() throws CliException {
    return read("etc/cli.token", "the ncs-ha server is not running on this node (it writes the file when it starts)."
        + " Start it, then try again");
  }

  /** Liberty's own pid file ('server start' writes it, for the launcher and for systemd alike). */
  OptionalLong libertyPid() {
    return pid(LIBERTY_PID);
  }

  static final String LIBERTY_PID = "usr/servers/.pid/ncs.pid";

  OptionalLong postgresPid() {
    return pid("pgdata/postmaster.pid");
  }

  private String read(String relative, String whenMissing) throws CliException {
    Path file = dir.resolve(relative);
    try {
      String value = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (value.isEmpty()) {
        throw CliException.failure(file + " is empty: " + whenMissing + ".");
      }
      return value;
    } catch (NoSuchFileException e) {
      throw CliException.failure(file + " not found: " + whenMissing + ".");
    } catch (AccessDeniedException e) {
      throw CliException.failure("Permission denied reading " + file + ": run ncs as the user that owns the node.");
    } catch (IOException e) {
      throw CliException.failure("Cannot read " + file + ": " + e.getMessage());
    }
  }

  // First line of a pid file (PostgreSQL's postmaster.pid has more lines after it).
  private OptionalLong pid(String relative) {
    try (var lines = Files.lines(dir.resolve(relative), StandardCharsets.UTF_8)) {
      Optional<String> first = lines.findFirst().map(String::strip);
      if (first.isPresent() && first.get().matches("\\d{1,10}")) {
        return OptionalLong.of(Long.parseLong(first.get()));
      }
    } catch (IOException | UncheckedIOException e) {
      // missing or unreadable: the process is reported Down
    }
    return OptionalLong.empty();
  }
}

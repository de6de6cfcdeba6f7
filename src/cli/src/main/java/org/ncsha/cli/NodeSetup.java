package org.ncsha.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ncsha.security.AuthKeyRule;
import org.ncsha.security.AuthKeyStore;
import org.ncsha.security.SecureFiles;

/**
 * The installer's HA questions for one node ({@code ncs-setup}): secondary or not, and the
 * secondary's authentication key, stored hashed. Safe to run again with the same answers.
 */
public final class NodeSetup {
  static final String SECONDARY_QUESTION = "Will this server be used as a secondary for HA? (yes/no)";
  static final String USAGE = String.join("\n",
      "usage: ncs-setup [--node-dir DIR] [--secondary yes|no] [--auth-key-file FILE | --auth-key-env VAR]",
      "",
      "  --node-dir DIR        the node directory (default: $" + NodeDir.ENV + ")",
      "  --secondary yes|no    answer to: " + SECONDARY_QUESTION,
      "  --auth-key-file FILE  read the secondary's authentication key from FILE (first line)",
      "  --auth-key-env VAR    read it from environment variable VAR",
      "Without these, the questions are asked. The key is never passed on the command line,",
      "so it does not show in the process list. " + AuthKeyRule.FIELD + ": " + AuthKeyRule.RULE + ".");

  private final Terminal terminal;
  private final Map<String, String> env;
  private String nodeDirFlag;
  private String secondaryFlag;
  private String keyFile;
  private String keyEnv;

  public NodeSetup(Terminal terminal, Map<String, String> env) {
    this.terminal = terminal;
    this.env = env;
  }

  public static void main(String[] args) {
    System.exit(new NodeSetup(Terminal.system(), System.getenv()).run(args));
  }

  /** Runs the setup and returns the exit code: 0 done, 1 cannot write, 2 usage or no valid answer. */
  public int run(String... args) {
    char[] key = null;
    try {
      if (!parse(args)) {
        terminal.out().println(USAGE);
        return 0;
      }
      NodeDir node = NodeDir.resolve(nodeDirFlag, env);
      if (!Files.isDirectory(node.path())) {
        throw CliException.usage("Node directory " + node.path() + " does not exist.");
      }
      node.refuseRootOverAnotherOwner("ncs-setup");
      boolean secondary = secondaryFlag != null ? yesNo(secondaryFlag) : askSecondary();
      if (!secondary && (keyFile != null || keyEnv != null)) {
        throw CliException.usage("--auth-key-file and --auth-key-env are for a secondary server (--secondary yes) only.");
      }
      if (secondary) {
        key = key(); // before writing anything: a bad key leaves the node as it was
      }
      writeSecondary(node, secondary);
      terminal.out().println(secondary
          ? "This server will be used as a secondary for HA."
          : "This server will not be used as a secondary for HA.");
      if (secondary) {
        AuthKeyStore store = AuthKeyStore.forNode(node.path());
        if (store.verify(key)) {
          terminal.out().println(AuthKeyRule.FIELD + " unchanged.");
        } else {
          store.set(key);
          terminal.out().println(AuthKeyRule.FIELD + " saved (hashed, never in clear) in " + store.file() + ".");
        }
      }
      return 0;
    } catch (CliException e) {
      terminal.err().println(e.getMessage());
      return e.exitCode();
    } catch (IOException | UncheckedIOException e) {
      terminal.err().println("ncs-setup: " + e.getMessage());
      return CliException.FAILURE;
    } finally {
      KeyPrompt.wipe(key);
    }
  }

  /** False when help was asked for. */
  private boolean parse(String[] args) throws CliException {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        return false;
      }
      String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      if (!List.of("--node-dir", "--secondary", "--auth-key-file", "--auth-key-env").contains(name)) {
        throw CliException.usage("Unknown argument '" + a + "'.\n" + USAGE);
      }
      String value;
      if (a.contains("=")) {
        value = a.substring(a.indexOf('=') + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw CliException.usage(name + " needs a value.");
      }
      switch (name) {
        case "--node-dir" -> nodeDirFlag = value;
        case "--secondary" -> secondaryFlag = value;
        case "--auth-key-file" -> keyFile = value;
        default -> keyEnv = value;
      }
    }
    if (keyFile != null && keyEnv != null) {
      throw CliException.usage("Give the key one way only: --auth-key-file or --auth-key-env.");
    }
    return true;
  }

  private static boolean yesNo(String value) throws CliException {
    switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "yes":
        return true;
      case "no":
        return false;
      default:
        throw CliException.usage("--secondary must be yes or no, not '" + value + "'.");
    }
  }

  private boolean askSecondary() throws CliException {
    for (int attempt = 0; attempt < KeyPrompt.ATTEMPTS; attempt++) {
      String answer = terminal.readLine(SECONDARY_QUESTION);
      if (answer == null) {
        throw CliException.usage("No answer to: " + SECONDARY_QUESTION);
      }
      switch (answer.strip().toLowerCase(Locale.ROOT)) {
        case "yes":
          return true;
        case "no":
          return false;
        default:
          terminal.err().println("Please answer yes or no.");
      }
    }
    throw CliException.usage("No yes or no answer after " + KeyPrompt.ATTEMPTS + " attempts: nothing was changed.");
  }

  private char[] key() throws CliException {
    char[] key;
    if (keyFile != null) {
      key = readKeyFile(Path.of(keyFile));
    } else if (keyEnv != null) {
      String value = env.get(keyEnv);
      if (value == null || value.isEmpty()) {
        throw CliException.usage("Environment variable " + keyEnv + " (--auth-key-env) is not set.");
      }
      key = value.toCharArray();
    } else {
      return KeyPrompt.ask(terminal);
    }
    Optional<String> violation = AuthKeyRule.violation(key);
    if (violation.isPresent()) {
      KeyPrompt.wipe(key);
      throw CliException.usage(violation.get());
    }
    return key;
  }

  private char[] readKeyFile(Path file) throws CliException {
    try {
      if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.GROUP_READ)) {
          terminal.err().println("Warning: " + file + " is readable by other users; delete it or chmod 600 it.");
        }
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      // Only the line end an editor adds goes: blanks may be part of the key.
      int end = text.indexOf('\n');
      String line = end < 0 ? text : text.substring(0, end);
      return (line.endsWith("\r") ? line.substring(0, line.length() - 1) : line).toCharArray();
    } catch (NoSuchFileException e) {
      throw CliException.usage("Key file " + file + " (--auth-key-file) does not exist.");
    } catch (AccessDeniedException e) {
      throw CliException.usage("Permission denied reading the key file " + file + ".");
    } catch (IOException e) {
      throw CliException.usage("Cannot read the key file " + file + ": " + e.getMessage());
    }
  }

  /** Sets ha.secondary in node.properties, leaving every other line as it was. */
  private static void writeSecondary(NodeDir node, boolean secondary) throws IOException {
    Path file = node.nodeProperties();
    List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    String setting = "ha.secondary=" + (secondary ? "yes" : "no");
    List<String> updated = new ArrayList<>();
    boolean found = false;
    for (String line : lines) {
      if (line.stripLeading().matches("ha\\.secondary\\s*([=:\\s].*)?")) {
        if (!found) {
          updated.add(setting); // later duplicates would win in Properties: drop them
        }
        found = true;
      } else {
        updated.add(line);
      }
    }
    if (!found) {
      updated.add(setting);
    }
    if (!updated.equals(lines)) {
      SecureFiles.write(file, (String.join("\n", updated) + "\n").getBytes(StandardCharsets.UTF_8), null);
    }
  }
}

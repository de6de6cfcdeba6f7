package org.ncsha.cli;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ncsha.security.AuthKeyRule;

/**
 * The {@code ncs} command line of the guide (Table 4 and {@code ncs status}), run on a
 * node against its own Health Monitor. Exit codes: 0 ok, 1 failure, 2 usage.
 */
public final class Ncs {
  static final String HA_HELP = String.join("\n",
      "High Availability commands (log in as admin on the primary server):",
      "",
      "  ncs ha ?                 Get help with high availability CLI commands",
      "  ncs ha authkey authkey   Update the authentication key for high availability",
      "  ncs ha remove            Remove the High Availability configuration",
      "  ncs ha status            Get the current status for High Availability",
      "  ncs ha register SECONDARY [--failover manual|automatic] [--failback manual|automatic]",
      "                  [--email LIST] [--auth-key-env VAR] [--vip IPV4 [--vip6 IPV6]]",
      "                           On the primary: register the secondary (HA Configuration's Save),",
      "                           showing its milestones until it completes; the secondary's key is",
      "                           asked for, or read from the environment variable VAR. --vip enables",
      "                           the virtual IP the servers share (and --vip6 its IPv6 address)",
      "",
      "Options:",
      "  --node-dir DIR   this node's directory (default: $" + NodeDir.ENV + ")",
      "  --yes            ncs ha remove: do not ask for confirmation",
      "  --peer-is-down   ncs ha remove: the secondary is down (removes HA even when its database",
      "                   cannot be seen; if it took over, its writes are not on this server)",
      "",
      "The authentication key: " + AuthKeyRule.RULE + ".",
      "Run 'ncs ha authkey' without a key to be asked for it, so it stays out of the",
      "shell history and the process list.");
  static final String HELP = String.join("\n",
      "usage: ncs [--node-dir DIR] COMMAND",
      "",
      "  ncs status   Show whether this server's processes are up",
      "  ncs getserverinfo",
      "               On an MSE: its version, HA role and state, appliance type and services",
      "  ncs show version",
      "               Show the version of ncs-ha this server runs and its installed patches",
      "  ncs update upload FILE | ncs update install ID [--rolling] | ncs update delete ID",
      "               Upload an update bundle to this server; install an uploaded one (the server restarts);",
      "               delete an uploaded one",
      "  ncs backup [FILE] | ncs restore FILE",
      "               Back up this server's application data (not the HA settings); restore a backup",
      "               (only with HA not configured: remove HA first, register again after)",
      "  ncs stop | ncs start | ncs restart",
      "               Stop, start or restart this server (Liberty and its PostgreSQL)",
      "  ncs node init --node-dir DIR --address ADDRESS ...",
      "               Prepare this server's node directory ('ncs node init' alone lists the options)",
      "  ncs ha ...   High Availability commands ('ncs ha ?' lists them)",
      "  ncs certvalidation tofu-certs deletecert host HOST",
      "               Forget the certificate trusted on first use for HOST (the peer server)");
  static final String TOFU_USAGE = "usage: ncs certvalidation tofu-certs deletecert host HOST";
  static final String REMOVE_QUESTION = "Do you want to remove HA? (Y/N)";

  private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration ACTION_TIMEOUT = Duration.ofSeconds(30);
  /** The Health Monitor waits up to 30 s for the peer to take a new key, then may probe it. */
  private static final Duration AUTHKEY_TIMEOUT = Duration.ofSeconds(75);

  private final Terminal terminal;
  private final Map<String, String> env;
  private String nodeDirFlag;
  private boolean yes;
  private boolean peerIsDown;
  /** ncs update install ID --rolling. */
  private boolean rolling;
  /** --failover, --failback, --email, --auth-key-env, --vip and --vip6 of 'ncs ha register'. */
  private final Map<String, String> registerOptions = new java.util.HashMap<>();
  /** How long 'ncs ha register' follows a registration: the database copy may take long. */
  static final Duration REGISTRATION_WAIT = Duration.ofHours(3);

  public Ncs(Terminal terminal, Map<String, String> env) {
    this.terminal = terminal;
    this.env = env;
  }

  public static void main(String[] args) {
    System.exit(new Ncs(Terminal.system(), System.getenv()).run(args));
  }

  /** Runs one command line and returns its exit code. */
  public int run(String... args) {
    try {
      if (args.length > 0 && args[0].equals("node")) {
        // Its own options (ncs node init --address ...), parsed by it.
        if (args.length < 2 || !args[1].equals("init")) {
          throw CliException.usage(NodeInit.USAGE);
        }
        return new NodeInit(terminal, env).run(List.of(args).subList(2, args.length));
      }
      return dispatch(parse(args));
    } catch (CliException e) {
      terminal.err().println(e.getMessage());
      return e.exitCode();
    }
  }

  private List<String> parse(String[] args) throws CliException {
    List<String> words = new ArrayList<>();
    boolean options = true;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (options && a.equals("--")) {
        options = false;
      } else if (options && a.equals("--node-dir")) {
        if (i + 1 >= args.length) {
          throw CliException.usage("--node-dir needs a directory.");
        }
        nodeDirFlag = args[++i];
      } else if (options && a.startsWith("--node-dir=")) {
        nodeDirFlag = a.substring("--node-dir=".length());
      } else if (options && (a.equals("--yes") || a.equals("-y"))) {
        yes = true;
      } else if (options && a.equals("--peer-is-down")) {
        peerIsDown = true;
      } else if (options && a.equals("--rolling")) {
        rolling = true;
      } else if (options && (a.equals("--failover") || a.equals("--failback") || a.equals("--email") || a.equals("--auth-key-env")
          || a.equals("--vip") || a.equals("--vip6"))) {
        if (i + 1 >= args.length) {
          throw CliException.usage(a + " needs a value.");
        }
        registerOptions.put(a, args[++i]);
      } else if (options && (a.equals("--help") || a.equals("-h"))) {
        words.add("help");
      } else if (options && a.startsWith("-") && a.length() > 1) {
        throw CliException.usage("Unknown option '" + a + "'. (A key starting with '-' goes after '--'.)");
      } else {
        words.add(a);
      }
    }
    return words;
  }

  private int dispatch(List<String> w) throws CliException {
    String first = w.isEmpty() ? "" : w.get(0);
    switch (first) {
      case "":
        throw CliException.usage(HELP);
      case "?":
      case "help":
        terminal.out().println(HELP);
        return 0;
      case "status":
        noMoreThan(w, 1);
        return new ProcessStatus(node(), terminal.out()).print();
      case "getserverinfo":
        noMoreThan(w, 1);
        return serverInfo();
      case "show":
        if (w.size() != 2 || !w.get(1).equals("version")) {
          throw CliException.usage("usage: ncs show version");
        }
        return new UpdateCommands(node(), terminal.out()).showVersion();
      case "update":
        return new UpdateCommands(node(), terminal.out()).run(w.subList(1, w.size()), rolling);
      case "backup":
        noMoreThan(w, 2);
        return new BackupCommands(node(), terminal.out()).backup(w.size() == 2 ? java.nio.file.Path.of(w.get(1)) : null);
      case "restore":
        if (w.size() != 2) {
          throw CliException.usage(BackupCommands.USAGE);
        }
        return new BackupCommands(node(), terminal.out()).restore(java.nio.file.Path.of(w.get(1)));
      case "stop", "start", "restart":
        noMoreThan(w, 1);
        return new LocalServerCommands(node(), env).run(first);
      case "ha":
        return ha(w.subList(1, w.size()));
      case "certvalidation":
        return deleteTofuCert(w);
      default:
        throw CliException.usage("Unknown command '" + String.join(" ", w) + "'. 'ncs ?' lists the commands.");
    }
  }

  private int ha(List<String> w) throws CliException {
    String sub = w.isEmpty() ? "" : w.get(0);
    switch (sub) {
      case "":
        throw CliException.usage(HA_HELP);
      case "?":
      case "help":
        terminal.out().println(HA_HELP);
        return 0;
      case "status":
        noMoreThan(w, 1);
        return haStatus();
      case "remove":
        noMoreThan(w, 1);
        return remove();
      case "authkey":
        noMoreThan(w, 2);
        return authkey(w.size() == 2 ? w.get(1) : null);
      case "register":
        if (w.size() != 2) {
          throw CliException.usage("usage: ncs ha register SECONDARY [--failover manual|automatic]"
              + " [--failback manual|automatic] [--email LIST] [--auth-key-env VAR] [--vip IPV4 [--vip6 IPV6]]");
        }
        return register(w.get(1));
      default:
        throw CliException.usage("Unknown command 'ncs ha " + String.join(" ", w) + "'. 'ncs ha ?' lists the commands.");
    }
  }

  private static void noMoreThan(List<String> words, int n) throws CliException {
    if (words.size() > n) {
      throw CliException.usage("Unexpected argument '" + words.get(n) + "'. 'ncs ha ?' lists the commands.");
    }
  }

  private NodeDir node() throws CliException {
    return NodeDir.resolve(nodeDirFlag, env);
  }

  private HmClient client(NodeDir node, Duration timeout) throws CliException {
    return new HmClient(node.healthMonitorUri(), node.tlsFingerprint(), timeout);
  }

  private int haStatus() throws CliException {
    HmClient.Answer answer = client(node(), STATUS_TIMEOUT).get("/api/status");
    if (!answer.ok()) {
      throw CliException.failure("The Health Monitor could not give its status: " + message(answer));
    }
    Map<String, String> status;
    try {
      status = HmJson.scalars(HmJson.object(answer.body()));
    } catch (JsonException e) {
      throw CliException.failure("The Health Monitor's status is not readable (" + e.getMessage() + "): " + abbreviate(answer.body()));
    }
    StatusView.print(status, terminal.out());
    return 0;
  }

  /** The guide's getserverinfo, from this MSE's Health Monitor. */
  private int serverInfo() throws CliException {
    HmClient.Answer answer = client(node(), STATUS_TIMEOUT).get("/api/mse/serverinfo");
    if (!answer.ok()) {
      throw CliException.failure("The Health Monitor could not give the server information: " + message(answer));
    }
    try {
      JsonObject o = HmJson.object(answer.body());
      List<org.ncsha.mse.ServerInfo.Service> services = new ArrayList<>();
      for (jakarta.json.JsonValue v : o.getJsonArray("services")) {
        JsonObject s = v.asJsonObject();
        services.add(new org.ncsha.mse.ServerInfo.Service(HmJson.text(s, "name"), HmJson.text(s, "status"),
            HmJson.text(s, "detail")));
      }
      var info = new org.ncsha.mse.ServerInfo(HmJson.text(o, "name"), HmJson.text(o, "version"), HmJson.text(o, "role"),
          HmJson.text(o, "haState"), HmJson.text(o, "applianceType"), HmJson.text(o, "healthMonitorAddress"),
          HmJson.text(o, "virtualIp"), services, o.getInt("prefixLength", -1), HmJson.text(o, "pairedWith"));
      info.lines().forEach(terminal.out()::println);
    } catch (JsonException | NullPointerException | ClassCastException e) {
      throw CliException.failure("The server information is not readable (" + e + "): " + abbreviate(answer.body()));
    }
    return 0;
  }

  private int remove() throws CliException {
    NodeDir node = node();
    HmClient client = client(node, ACTION_TIMEOUT);
    String token = node.cliToken(); // before asking: no point confirming if the server is down
    if (peerIsDown) {
      terminal.out().println("--peer-is-down: HA is removed even if the secondary's database cannot be seen. If the"
          + " secondary took over, it keeps its own writes and both servers accept writes.");
    }
    if (!yes && !confirmRemove()) {
      terminal.out().println("HA was not removed.");
      return 0;
    }
    return report(client.post("/api/actions/remove", peerIsDown ? "{\"peerIsDown\":true}" : "{}", token),
        "HA removal started.");
  }

  private boolean confirmRemove() throws CliException {
    for (int attempt = 0; attempt < KeyPrompt.ATTEMPTS; attempt++) {
      String answer = terminal.readLine(REMOVE_QUESTION);
      if (answer == null) {
        throw CliException.failure("No answer: HA was not removed.");
      }
      switch (answer.strip().toLowerCase(Locale.ROOT)) {
        case "y", "yes" -> {
          return true;
        }
        case "n", "no" -> {
          return false;
        }
        default -> terminal.err().println("Please answer Y or N.");
      }
    }
    throw CliException.usage("No Y or N answer: HA was not removed.");
  }

  private int deleteTofuCert(List<String> w) throws CliException {
    if (w.size() != 5 || !w.subList(1, 4).equals(List.of("tofu-certs", "deletecert", "host"))) {
      throw CliException.usage(TOFU_USAGE);
    }
    String host = w.get(4);
    if (!host.matches("[A-Za-z0-9.:\\-]+")) {
      throw CliException.usage("host: must be a host name or an IP address, was '" + host + "'");
    }
    NodeDir node = node();
    HmClient client = client(node, ACTION_TIMEOUT);
    return report(client.delete("/api/tofu-certs/" + host, node.cliToken()), "Deleted the TOFU certificate of " + host + ".");
  }

  private int register(String secondary) throws CliException {
    String failover = registerOptions.getOrDefault("--failover", "manual");
    if (!failover.equals("manual") && !failover.equals("automatic")) {
      throw CliException.usage("--failover: manual or automatic, not '" + failover + "'");
    }
    // Automatic only on an MSE pair: the server says so, naming the field, as for the page.
    String failback = registerOptions.getOrDefault("--failback", "manual");
    if (!failback.equals("manual") && !failback.equals("automatic")) {
      throw CliException.usage("--failback: manual or automatic, not '" + failback + "'");
    }
    String vip = registerOptions.getOrDefault("--vip", "");
    String vip6 = registerOptions.getOrDefault("--vip6", "");
    if (vip.isEmpty() && !vip6.isEmpty()) {
      throw CliException.usage("--vip6: an IPv6 virtual IP goes with an IPv4 one (--vip), as on the HA Configuration page");
    }
    NodeDir node = node();
    HmClient client = client(node, ACTION_TIMEOUT);
    String token = node.cliToken();
    char[] key;
    String keyEnv = registerOptions.get("--auth-key-env");
    if (keyEnv != null) {
      key = Terminal.secretFromEnvironment(env, "--auth-key-env", keyEnv);
    } else {
      key = terminal.readSecret("Authentication key of the secondary " + secondary + ":");
      if (key == null) {
        throw CliException.usage("No authentication key given: nothing was registered.");
      }
    }
    HmClient.Answer accepted;
    try {
      String body = Json.createObjectBuilder().add("secondaryServer", secondary).add("authenticationKey", new String(key))
          .add("failoverType", failover).add("failbackType", failback).add("emailAddress", registerOptions.getOrDefault("--email", ""))
          .add("enableVirtualIp", !vip.isEmpty()).add("virtualIpv4", vip).add("virtualIpv6", vip6).build().toString();
      accepted = client.post("/api/actions/register", body, token);
    } finally {
      KeyPrompt.wipe(key);
    }
    if (!accepted.ok()) {
      report(accepted, null);
    }
    terminal.out().println("Registering the secondary " + secondary + " (failover type: " + failover
        + (failback.equals("automatic") ? ", automatic failback" : "")
        + (vip.isEmpty() ? "" : ", virtual IP " + vip + (vip6.isEmpty() ? "" : " and " + vip6)) + ") ...");
    return followRegistration(client, token, summaryOf(accepted));
  }

  /**
   * Shows each new milestone until the registration succeeds or fails. A status left from an
   * earlier registration counts only once this one has been seen running or has said something new.
   */
  private int followRegistration(HmClient client, String token, String firstSummary) throws CliException {
    java.time.Instant deadline = java.time.Instant.now().plus(REGISTRATION_WAIT);
    String shown = null;
    boolean seenRunning = false;
    while (java.time.Instant.now().isBefore(deadline)) {
      HmClient.Answer answer = client.get("/api/actions/register", token);
      if (answer.ok()) {
        JsonObject progress = HmJson.object(answer.body());
        String status = String.valueOf(HmJson.text(progress, "status"));
        String summary = HmJson.text(progress, "summary");
        seenRunning |= "running".equals(status);
        boolean ours = seenRunning || (summary != null && !summary.equals(firstSummary));
        if (ours && summary != null && !summary.equals(shown)) {
          terminal.out().println("  " + summary);
          shown = summary;
        }
        if (ours && "succeeded".equals(status)) {
          return 0;
        }
        if (ours && "failed".equals(status)) {
          throw CliException.failure("Registration failed: " + summary);
        }
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw CliException.failure("Interrupted while following the registration");
      }
    }
    throw CliException.failure("The registration did not finish within " + REGISTRATION_WAIT.toHours()
        + " h; the Health Monitor page shows where it stands.");
  }

  private static String summaryOf(HmClient.Answer answer) {
    return member(answer, "summary");
  }

  private int authkey(String argument) throws CliException {
    char[] key;
    if (argument != null) {
      Optional<String> violation = AuthKeyRule.violation(argument);
      if (violation.isPresent()) {
        throw CliException.usage(violation.get());
      }
      key = argument.toCharArray();
    } else {
      key = null;
    }
    NodeDir node = node();
    HmClient client = client(node, AUTHKEY_TIMEOUT);
    String token = node.cliToken();
    if (key == null) {
      key = KeyPrompt.ask(terminal);
    }
    try {
      String body = Json.createObjectBuilder().add("key", new String(key)).build().toString();
      return report(client.post("/api/actions/authkey", body, token), "The authentication key has been updated.");
    } finally {
      KeyPrompt.wipe(key);
    }
  }

  /** Prints a POST's answer: the server's own message when it sent one. */
  private int report(HmClient.Answer answer, String defaultSuccess) throws CliException {
    if (answer.ok()) {
      terminal.out().println(Optional.ofNullable(jsonMessage(answer)).orElse(defaultSuccess));
      return 0;
    }
    if (answer.status() == 401 || answer.status() == 403) {
      throw CliException.failure("The Health Monitor did not accept this node's CLI token (HTTP " + answer.status()
          + "): the server may have restarted meanwhile; try again. " + Optional.ofNullable(jsonMessage(answer)).orElse(""));
    }
    // 409 and the like: the server names the state that forbids the action.
    throw CliException.failure(message(answer));
  }

  static String message(HmClient.Answer answer) {
    String m = jsonMessage(answer);
    return m != null ? m : "HTTP " + answer.status() + (answer.body().isBlank() ? "" : ": " + abbreviate(answer.body()));
  }

  private static String jsonMessage(HmClient.Answer answer) {
    return member(answer, "message");
  }

  /** A top-level member of the answer's JSON as text; null when absent or the answer is not JSON. */
  private static String member(HmClient.Answer answer, String name) {
    try {
      return HmJson.text(HmJson.object(answer.body()), name);
    } catch (JsonException e) {
      return null;
    }
  }

  private static String abbreviate(String body) {
    String s = body == null ? "" : body.strip();
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}

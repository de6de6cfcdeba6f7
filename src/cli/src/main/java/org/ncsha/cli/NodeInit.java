package org.ncsha.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ncsha.security.PinnedTrust;
import org.ncsha.security.SecureFiles;
import org.ncsha.security.TlsPem;

/**
 * {@code ncs node init}: makes a node directory ready to start, on an installed server or for
 * the launcher. Safe to run again: what exists (credentials, certificate, the installer's
 * answers) is kept; settings, the server configuration and the application are written anew.
 * <ul>
 *   <li>{@code etc/secrets.properties} (0600): the database superuser's and the application
 *       role's passwords, which are the pair's ({@code --pair-secrets}: a standby's roles are a
 *       copy of its primary's), and the key store's, which is the node's own;</li>
 *   <li>{@code etc/key.p12}, {@code etc/tls.pem}, {@code etc/tls.fingerprint}: the node's own
 *       certificate (keytool, RSA 2048, ten years, the address as its subject alternative name);</li>
 *   <li>{@code etc/node.properties}: the settings ({@code --set key=value}), over those already
 *       there;</li>
 *   <li>{@code usr/servers/ncs}: the Liberty server (its configuration and the application, the
 *       JDBC drivers, the node's variables with the admin password as a Liberty hash, and JVM
 *       options).</li>
 * </ul>
 * No secret passes through a command line: the admin password comes from a prompt or an
 * environment variable, and reaches Liberty's securityUtility through a pseudo-terminal.
 */
public final class NodeInit {
  static final String USAGE = String.join("\n",
      "usage: ncs node init [--node-dir DIR] --address ADDRESS [options]",
      "",
      "  --node-dir DIR              the node directory (default: $" + NodeDir.ENV + ")",
      "  --name NAME                 the node's name in logs and mails (default: its address)",
      "  --pair-secrets FILE         the pair's database passwords: read when FILE exists, else made and",
      "                              written there (0600); copy it to the other server and give it there",
      "  --admin-user NAME           the administrator of the admin pages (default: admin)",
      "  --admin-password-env VAR    read the admin password from VAR (else it is asked twice)",
      "  --set KEY=VALUE             a setting of etc/node.properties (repeatable)",
      "  --jvm-option OPTION         a JVM option of the Liberty server (repeatable)",
      "  --wlp DIR                   the Open Liberty runtime (default: $NCS_HOME/wlp)",
      "  --server DIR                server.xml and apps/ to run (default: $NCS_HOME/server)",
      "  --jdbc DIR                  the JDBC drivers (default: $NCS_HOME/server/jdbc)");
  static final int MIN_ADMIN_PASSWORD = 8;
  private static final Pattern SETTING = Pattern.compile("[a-z][a-z0-9]*(\\.[a-z0-9]+)*");
  /** The settings that are Liberty's ports too ({@link #ports}). */
  private static final List<String> PORTS = List.of("admin.port", "hm.port", "bandwidth.port", "db.port");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Terminal terminal;
  private final Map<String, String> env;
  private Path nodeDir;
  private String address;
  private String name;
  private Path pairSecrets;
  private String adminUser = "admin";
  private String adminPasswordEnv;
  private final Map<String, String> settings = new LinkedHashMap<>();
  private final List<String> jvmOptions = new ArrayList<>();
  private Path wlp;
  private Path server;
  /** The node setting that puts Liberty's OpenID Connect features on the node (yes/no). */
  static final String SINGLE_SIGN_ON = "single.sign.on";
  private Path jdbc;

  NodeInit(Terminal terminal, Map<String, String> env) {
    this.terminal = terminal;
    this.env = env;
  }

  int run(List<String> args) throws CliException {
    parse(args);
    char[] adminPassword = adminPassword();
    try {
      createDirectories();
      Map<String, String> pair = pairPasswords();
      Properties secrets = secrets(pair);
      certificate(secrets.getProperty("keystore.password"));
      Map<String, String> written = settings();
      libertyServer(secrets, adminPassword, written);
      ssoPlaceholder();
    } catch (IOException e) {
      throw CliException.failure("Could not prepare " + nodeDir + ": " + e.getMessage());
    } finally {
      Arrays.fill(adminPassword, '\0');
    }
    terminal.out().println("Node " + name + " (" + address + ") is ready in " + nodeDir);
    return 0;
  }

  private void parse(List<String> args) throws CliException {
    String home = env.get("NCS_HOME");
    for (int i = 0; i < args.size(); i++) {
      String flag = args.get(i);
      if (i + 1 >= args.size()) {
        throw CliException.usage(flag + " needs a value.\n" + USAGE);
      }
      String value = args.get(++i);
      switch (flag) {
        case "--node-dir" -> nodeDir = Path.of(value).toAbsolutePath().normalize();
        case "--address" -> address = value;
        case "--name" -> name = value;
        case "--pair-secrets" -> pairSecrets = Path.of(value);
        case "--admin-user" -> adminUser = value;
        case "--admin-password-env" -> adminPasswordEnv = value;
        case "--set" -> setting(value);
        case "--jvm-option" -> jvmOptions.add(value);
        case "--wlp" -> wlp = Path.of(value);
        case "--server" -> server = Path.of(value);
        case "--jdbc" -> jdbc = Path.of(value);
        default -> throw CliException.usage("Unknown option '" + flag + "'.\n" + USAGE);
      }
    }
    if (nodeDir == null && env.get(NodeDir.ENV) != null) {
      nodeDir = Path.of(env.get(NodeDir.ENV)).toAbsolutePath().normalize();
    }
    if (nodeDir == null || address == null) {
      throw CliException.usage("--node-dir (or $" + NodeDir.ENV + ") and --address are required.\n" + USAGE);
    }
    if (!address.matches("[0-9A-Za-z.:-]+")) {
      throw CliException.usage("--address: an IP address or host name (letters, digits, '.', ':' and '-'), not '" + address + "'");
    }
    if (!adminUser.matches("[A-Za-z][A-Za-z0-9._-]{0,31}")) {
      throw CliException.usage("--admin-user: a letter, then up to 31 letters, digits, '.', '_' or '-'");
    }
    name = name == null ? address : name;
    wlp = wlp != null ? wlp : home == null ? null : Path.of(home, "wlp");
    server = server != null ? server : home == null ? null : Path.of(home, "server");
    jdbc = jdbc != null ? jdbc : home == null ? null : Path.of(home, "server", "jdbc");
    if (wlp == null || server == null || jdbc == null) {
      throw CliException.usage("--wlp, --server and --jdbc are required outside an installed ncs-ha ($NCS_HOME).\n" + USAGE);
    }
    for (Path p : List.of(wlp.resolve("bin/server"), server.resolve("server.xml"), server.resolve("apps"), jdbc)) {
      if (!Files.exists(p)) {
        throw CliException.usage("Not found: " + p);
      }
    }
    if (pairSecrets == null) {
      pairSecrets = nodeDir.resolve("etc/pair.secrets");
    }
    new NodeDir(nodeDir).refuseRootOverAnotherOwner("ncs node init");
  }

  private void setting(String value) throws CliException {
    int eq = value.indexOf('=');
    String key = eq < 0 ? value : value.substring(0, eq);
    if (eq < 0 || !SETTING.matcher(key).matches() || value.indexOf('\n') >= 0) {
      throw CliException.usage("--set: KEY=VALUE with a key such as heartbeat.interval.ms, not '" + value + "'");
    }
    if (key.equals(SINGLE_SIGN_ON) && !value.substring(eq + 1).matches("yes|no")) {
      throw CliException.usage("--set: " + SINGLE_SIGN_ON + " is yes or no, not '" + value.substring(eq + 1) + "'");
    }
    if (PORTS.contains(key) && !validPort(value.substring(eq + 1))) {
      throw CliException.usage("--set: " + key + " is a port, 1 to 65535, not '" + value.substring(eq + 1) + "'");
    }
    settings.put(key, value.substring(eq + 1));
  }


  private static boolean validPort(String value) {
    return value.matches("[0-9]{1,5}") && Integer.parseInt(value) >= 1 && Integer.parseInt(value) <= 65535;
  }

  private char[] adminPassword() throws CliException {
    char[] password;
    if (adminPasswordEnv != null) {
      password = Terminal.secretFromEnvironment(env, "--admin-password-env", adminPasswordEnv);
    } else {
      password = terminal.readSecret("Admin password for " + adminUser + ":");
      char[] again = terminal.readSecret("Re-enter the admin password:");
      try {
        if (password == null || again == null || !Arrays.equals(password, again)) {
          throw CliException.usage("The two admin passwords differ: nothing was changed");
        }
      } finally {
        if (again != null) {
          Arrays.fill(again, '\0');
        }
      }
    }
    if (password.length < MIN_ADMIN_PASSWORD || new String(password).strip().length() != password.length) {
      Arrays.fill(password, '\0');
      throw CliException.usage("Admin password: at least " + MIN_ADMIN_PASSWORD
          + " characters, without spaces at either end; nothing was changed");
    }
    return password;
  }

  /**
   * Liberty's OpenID Connect features, on a node set up for Single Sign-On only: they cost every
   * server memory and start-up time, and once present let the provider and client be turned on
   * without a restart (docs/operations-center.md).
   */
  private void singleSignOn(Path srv, boolean on) throws IOException, CliException {
    String name = "configDropins/overrides/single-sign-on.xml";
    if (!on) {
      Files.deleteIfExists(srv.resolve(name));
      return;
    }
    if (!Files.exists(server.resolve(name))) {
      throw CliException.failure("single.sign.on=yes, but " + server.resolve(name) + " is missing from the server files");
    }
    Files.copy(server.resolve(name), srv.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * The Single Sign-On includes (server.xml), the provider's and the client's, empty until an
   * administrator turns one on: Liberty watches an include for changes only if it existed when the
   * server started. Kept when there (the file area is kept, and file sync may have written it).
   */
  private void ssoPlaceholder() throws IOException {
    for (String name : List.of("provider.xml", "client.xml")) {
      Path include = nodeDir.resolve("files/settings/sso").resolve(name);
      if (!Files.exists(include)) {
        Files.createDirectories(include.getParent());
        SecureFiles.write(include, "<server/>\n".getBytes(StandardCharsets.UTF_8), SecureFiles.PUBLIC_READ);
      }
    }
  }

  private void createDirectories() throws IOException {
    for (String dir : List.of("etc", "run", "log", "store", "files", "usr/servers/ncs/configDropins/overrides",
        "usr/shared/resources")) {
      Files.createDirectories(nodeDir.resolve(dir));
    }
    // PostgreSQL runs as its own user when the launcher is root: it must reach its directories here.
    Files.setPosixFilePermissions(nodeDir, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** The pair's database passwords: from the file, or new ones written to it. */
  private Map<String, String> pairPasswords() throws IOException, CliException {
    Properties p = new Properties();
    if (!Files.exists(pairSecrets) && !Files.notExists(pairSecrets)) {
      // Neither: a folder on the way may not be looked into (root's home, for the ncs user). New
      // passwords here would not be the pair's, and nothing would say so until a failover.
      throw CliException.usage("--pair-secrets: cannot look at " + pairSecrets + " as " + System.getProperty("user.name")
          + " (a folder on the way cannot be read, or is not a folder): put the file where this user can read it");
    }
    if (Files.exists(pairSecrets)) {
      try (InputStream in = Files.newInputStream(pairSecrets)) {
        p.load(in);
      }
      for (String key : List.of("db.password", "app.password")) {
        if (p.getProperty(key, "").isBlank()) {
          throw CliException.usage("--pair-secrets: " + pairSecrets + " has no " + key);
        }
      }
    } else {
      p.setProperty("db.password", randomSecret(24));
      p.setProperty("app.password", randomSecret(24));
      Files.createDirectories(pairSecrets.toAbsolutePath().getParent());
      SecureFiles.writePrivate(pairSecrets, ("# ncs-ha: the pair's database passwords. Give this file to 'ncs node init"
          + " --pair-secrets' on the other server of the pair, then delete the copy there.\n"
          + "db.password=" + p.getProperty("db.password") + "\napp.password=" + p.getProperty("app.password") + "\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    return Map.of("db.password", p.getProperty("db.password"), "app.password", p.getProperty("app.password"));
  }

  /** The node's secrets: the pair's passwords, and the key store's, kept once made. */
  private Properties secrets(Map<String, String> pair) throws IOException, CliException {
    Path file = nodeDir.resolve("etc/secrets.properties");
    Properties secrets = new Properties();
    if (Files.exists(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        secrets.load(in);
      }
      for (String key : List.of("db.password", "app.password")) {
        String had = secrets.getProperty(key);
        if (had != null && !had.equals(pair.get(key))) {
          throw CliException.usage(file + " holds another " + key + " than " + pairSecrets
              + ": the two servers of a pair need the same one; nothing was changed");
        }
      }
    }
    secrets.putAll(pair);
    if (secrets.getProperty("keystore.password", "").isEmpty()) {
      secrets.setProperty("keystore.password", randomSecret(24));
    }
    SecureFiles.writePrivate(file, ("db.password=" + secrets.getProperty("db.password")
        + "\nkeystore.password=" + secrets.getProperty("keystore.password")
        + "\napp.password=" + secrets.getProperty("app.password") + "\n").getBytes(StandardCharsets.UTF_8));
    return secrets;
  }

  /** The node's own certificate, made once; its PEM and SHA-256 fingerprint beside it. */
  private void certificate(String keystorePassword) throws IOException, CliException {
    Path keyStore = nodeDir.resolve("etc/key.p12");
    if (!Files.exists(keyStore)) {
      String san = address.matches("[0-9.]+|.*:.*") ? "ip:" + address : "dns:" + address;
      tool(List.of(javaTool("keytool"), "-genkeypair", "-alias", "default", "-keyalg", "RSA", "-keysize", "2048",
          "-validity", "3650", "-dname", "CN=" + address + ", OU=" + name + ", O=ncs-ha", "-ext", "SAN=" + san,
          "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass:env", "NCS_KSPW"),
          Map.of("NCS_KSPW", keystorePassword), null, "keytool could not create the certificate");
      Files.setPosixFilePermissions(keyStore, SecureFiles.OWNER_ONLY);
    }
    Certificate cert;
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, keystorePassword.toCharArray());
      cert = ks.getCertificate("default");
    } catch (java.security.GeneralSecurityException e) {
      throw CliException.failure("Cannot read " + keyStore + ": " + e.getMessage());
    }
    try {
      SecureFiles.write(nodeDir.resolve("etc/tls.pem"), TlsPem.certificatePem(cert).getBytes(StandardCharsets.US_ASCII),
          SecureFiles.PUBLIC_READ);
      String fingerprint = PinnedTrust.fingerprint((java.security.cert.X509Certificate) cert);
      SecureFiles.write(nodeDir.resolve("etc/tls.fingerprint"), (fingerprint + "\n").getBytes(StandardCharsets.US_ASCII),
          SecureFiles.PUBLIC_READ);
    } catch (java.security.GeneralSecurityException e) {
      throw CliException.failure("Cannot encode the certificate: " + e.getMessage());
    }
  }

  /** etc/node.properties: what is there (the installer's answers among it), then the given settings; returns them all. */
  private Map<String, String> settings() throws IOException {
    Path file = nodeDir.resolve("etc/node.properties");
    Map<String, String> values = new LinkedHashMap<>();
    values.put("node.name", name);
    values.put("node.address", address);
    if (Files.exists(file)) {
      Properties had = new Properties();
      try (InputStream in = Files.newInputStream(file)) {
        had.load(in);
      }
      had.stringPropertyNames().stream().sorted().forEach(k -> values.putIfAbsent(k, had.getProperty(k)));
      values.put("node.name", name);
      values.put("node.address", address);
    }
    values.putAll(settings);
    StringBuilder text = new StringBuilder("# ncs-ha node settings (docs/architecture.md, Node settings); written by 'ncs node init'\n");
    values.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    SecureFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8), SecureFiles.PUBLIC_READ);
    return values;
  }

  private void libertyServer(Properties secrets, char[] adminPassword, Map<String, String> written)
      throws IOException, CliException {
    Path srv = nodeDir.resolve("usr/servers/ncs");
    replaceTree(server.resolve("apps"), srv.resolve("apps"));
    // Updates installed before now no longer run: the server's patch level leaves them out.
    Path placed = nodeDir.resolve(org.ncsha.update.PatchLevel.APPLICATION_PLACED);
    Files.createDirectories(placed.getParent());
    Files.writeString(placed, java.time.Instant.now() + "\n");
    Files.copy(server.resolve("server.xml"), srv.resolve("server.xml"), StandardCopyOption.REPLACE_EXISTING);
    replaceTree(jdbc, nodeDir.resolve("usr/shared/resources/jdbc"));
    String hash = libertyHash(adminPassword);
    String nodeXml = "<server>\n"
        + variable("node.address", address)
        + variable("admin.host", adminHost(written))
        + variable("node.dir", nodeDir.toString())
        + variable("keystore.password", secrets.getProperty("keystore.password"))
        + variable("app.db.password", secrets.getProperty("app.password"))
        + variable("admin.user", adminUser)
        + variable("admin.password.hash", hash)
        + ports(written)
        + "</server>\n";
    SecureFiles.writePrivate(srv.resolve("configDropins/overrides/node.xml"), nodeXml.getBytes(StandardCharsets.UTF_8));
    singleSignOn(srv, "yes".equalsIgnoreCase(written.getOrDefault(SINGLE_SIGN_ON, "no")));
    List<String> options = new ArrayList<>(List.of("-Dncs.node.dir=" + nodeDir, "-Xmx768m"));
    // Where the launcher (ncs-server) is, beside this ncs command: the server has it restart the
    // server when an update is installed (cli-jar.sh exports it).
    if (env.get("NCS_BIN") != null) {
      options.add("-Dncs.bin.dir=" + env.get("NCS_BIN"));
    }
    options.addAll(jvmOptions);
    SecureFiles.write(srv.resolve("jvm.options"), (String.join("\n", options) + "\n").getBytes(StandardCharsets.UTF_8),
        SecureFiles.PUBLIC_READ);
  }

  /**
   * Where the administration UI, the REST API and the managed application listen: every address
   * of the server by default, so that they also answer on the virtual IP while this server holds
   * it; {@code --set admin.host=ADDRESS} keeps them on one address (two nodes on one machine).
   */
  private static String adminHost(Map<String, String> written) {
    String host = written.getOrDefault("admin.host", "*").strip();
    return host.isEmpty() ? "*" : host;
  }


  /**
   * The ports set in node.properties, for Liberty's endpoints and data source (server.xml has the
   * same defaults): the Health Monitor calls its peer and the CLI its server at the port of the
   * setting, so Liberty must listen there.
   */
  private static String ports(Map<String, String> written) {
    StringBuilder xml = new StringBuilder();
    for (String port : PORTS) {
      String value = written.getOrDefault(port, "").strip();
      if (!value.isEmpty()) {
        xml.append(variable(port, value));
      }
    }
    return xml.toString();
  }

  private static String variable(String name, String value) {
    String escaped = value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    return "  <variable name=\"" + name + "\" value=\"" + escaped + "\"/>\n";
  }

  /**
   * The password as Liberty's {@code {hash}} (salted PBKDF2), made by Liberty's securityUtility.
   * It reads a password only from a console, so it gets one: a pseudo-terminal (util-linux
   * {@code script}), with the password typed into it, never on a command line. {@code script}
   * runs its command with {@code $SHELL}, which {@code sudo -u ncs} sets to the service user's
   * {@code /usr/sbin/nologin}: it gets {@code /bin/sh}, and the path quoted for it.
   */
  private String libertyHash(char[] password) throws CliException {
    String typed = new String(password) + "\n" + new String(password) + "\n";
    String command = quotedForShell(wlp.resolve("bin/securityUtility").toString()) + " encode --encoding=hash";
    String out = tool(List.of("script", "-qec", command, "/dev/null"),
        Map.of("SHELL", "/bin/sh"), typed, "Liberty's securityUtility could not hash the admin password");
    return out.lines().map(String::strip).filter(l -> l.startsWith("{hash}")).reduce((a, b) -> b)
        .orElseThrow(() -> CliException.failure("Liberty's securityUtility gave no {hash} for the admin password"));
  }

  /** One word for a POSIX shell, whatever it holds: in single quotes, each single quote as '\''. */
  static String quotedForShell(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  private static String javaTool(String tool) {
    Path bin = Path.of(System.getProperty("java.home"), "bin", tool);
    return Files.isExecutable(bin) ? bin.toString() : tool;
  }

  /** The output without the lines typed into the tool (a terminal echoes them: the admin password). */
  static String withoutInput(String output, String input) {
    String shown = output;
    for (String line : input == null ? List.<String>of() : input.lines().filter(l -> !l.isBlank()).toList()) {
      shown = shown.replace(line, "(input not shown)");
    }
    return shown;
  }

  /** Runs a tool with a deadline; its input, if any, goes to its standard input. Returns its output. */
  private static String tool(List<String> command, Map<String, String> environment, String input, String failure)
      throws CliException {
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      pb.environment().putAll(environment);
      Process p = pb.start();
      try (OutputStream stdin = p.getOutputStream()) {
        if (input != null) {
          stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Thread reader = new Thread(() -> {
        try {
          p.getInputStream().transferTo(out);
        } catch (IOException e) {
          // The process ended; what was read is kept.
        }
      });
      reader.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw CliException.failure(failure + ": no answer within 120 s");
      }
      reader.join(5000);
      String text = out.toString(StandardCharsets.UTF_8).replace("\r", "");
      if (p.exitValue() != 0) {
        throw CliException.failure(failure + " (exit " + p.exitValue() + "): " + withoutInput(text, input).strip());
      }
      return text;
    } catch (IOException e) {
      throw CliException.failure(failure + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.failure(failure + ": interrupted");
    }
  }

  private static void replaceTree(Path from, Path to) throws IOException {
    deleteTree(to);
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static String randomSecret(int length) {
    String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return s.toString();
  }
}

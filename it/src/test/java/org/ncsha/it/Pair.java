package org.ncsha.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.ncsha.security.PinnedTrust;

/**
 * A real pair started with liberty/bin/ha-pair on addresses of its own, and HTTPS clients that
 * pin each node's certificate. Everything the tests do goes through the product's own interfaces.
 */
final class Pair {
  static final Path REPO = Path.of(System.getProperty("ncs.repo", "..")).toAbsolutePath().normalize();
  /** This module's build directory: each pair's nodes, logs and screenshots go there. */
  static final Path TARGET = REPO.resolve("it/target");

  final Path dir;
  final String primary;
  final String secondary;
  private final Map<String, String> env = new HashMap<>();
  private final Map<String, HttpClient> clients = new HashMap<>();
  private Properties pairEnv;

  Pair(String name, String primary, String secondary) {
    this.dir = TARGET.resolve(name);
    this.primary = primary;
    this.secondary = secondary;
    env.put("HA_PAIR_DIR", dir.toString());
    env.put("PRIMARY_ADDR", primary);
    env.put("SECONDARY_ADDR", secondary);
    env.put("HA_PAIR_SKIP_BUILD", "1");
  }

  /** Sets an environment variable for every ha-pair run (HEARTBEAT_MS, MISS_LIMIT, ...). */
  void env(String key, String value) {
    env.put(key, value);
  }

  /** Runs ha-pair with the arguments; returns its exit code. Output goes to the pair's log. */
  int haPair(Duration timeout, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(REPO.resolve("liberty/bin/ha-pair").toString()));
    command.addAll(List.of(args));
    Files.createDirectories(dir.getParent());
    Path log = dir.getParent().resolve(dir.getFileName() + "-ha-pair.log");
    ProcessBuilder pb = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("ha-pair " + String.join(" ", args) + " did not finish within " + timeout + " (see " + log + ")");
    }
    return p.exitValue();
  }

  String get(String key) throws IOException {
    if (pairEnv == null) {
      pairEnv = new Properties();
      try (var in = Files.newInputStream(dir.resolve("pair.env"))) {
        pairEnv.load(in);
      }
    }
    return pairEnv.getProperty(key).replace("'", "");
  }

  /** Runs a system command (mount, kill, fallocate, ...) with a minute to finish; returns its exit code, -1 on timeout. */
  static int command(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }

  /**
   * Copies a node's logs (its PostgreSQL and HM logs, Liberty's) next to the pair's directory, for
   * a node whose directory is a tmpfs that the test unmounts.
   */
  void keepLogs(String node) throws IOException, InterruptedException {
    Path kept = dir.resolveSibling(dir.getFileName() + "-" + node + "-logs");
    org.ncsha.it.Files.deleteTree(kept);
    Files.createDirectories(kept);
    command("cp", "-a", dir.resolve(node).resolve("log").toString(), kept.resolve("log").toString());
    command("cp", "-a", dir.resolve(node).resolve("usr/servers/ncs/logs").toString(), kept.resolve("liberty").toString());
  }

  /** Sends a signal (STOP, CONT, KILL) to a node's Liberty JVM. */
  /**
   * Writes the threads of both servers' Liberty JVMs next to the pair's directory (for a wait
   * that failed: a Health Monitor loop that stopped shows where it stands). Best effort.
   */
  void dumpThreads(String why) {
    for (String node : new String[] {"primary", "secondary"}) {
      try {
        String pid = Files.readString(dir.resolve(node).resolve("run/liberty.pid")).trim();
        Path out = dir.getParent().resolve(dir.getFileName() + "-threads-" + node + ".txt");
        Files.writeString(out, "\n=== " + Instant.now() + ": " + why + "\n", java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND);
        Process p = new ProcessBuilder("jcmd", pid, "Thread.print").redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
        p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        System.out.println("[it] no thread dump of the " + node + ": " + e.getMessage());
      }
    }
  }

  /** The pid of a node's PostgreSQL postmaster, from its pid file. */
  String postmasterPid(String node) throws IOException {
    return Files.readAllLines(postmasterPidFile(node)).get(0).strip();
  }

  Path postmasterPidFile(String node) {
    return dir.resolve(node).resolve("pgdata/postmaster.pid");
  }

  /** Signals a node's PostgreSQL postmaster alone (SIGKILL: its backends end once they see it gone). */
  void signalPostmaster(String node, String signal) throws Exception {
    String pid = postmasterPid(node);
    if (command("kill", "-" + signal, pid) != 0) {
      throw new AssertionError("kill -" + signal + " " + pid + " (the " + node + "'s postmaster) failed");
    }
  }

  /** A node's whole PostgreSQL as it runs now: the postmaster and every process it started. */
  List<String> databaseProcesses(String node) throws Exception {
    String postmaster = postmasterPid(node);
    Process children = new ProcessBuilder("pgrep", "-P", postmaster).start();
    List<String> all = new ArrayList<>(List.of(postmaster));
    for (String child : new String(children.getInputStream().readAllBytes()).trim().split("\\s+")) {
      if (!child.isEmpty()) {
        all.add(child);
      }
    }
    children.waitFor();
    return all;
  }

  /** Sends the signal to every process listed (SIGSTOP and SIGCONT of {@link #databaseProcesses}). */
  static void signal(List<String> pids, String signal) throws Exception {
    List<String> kill = new ArrayList<>(List.of("kill", "-" + signal));
    kill.addAll(pids);
    if (command(kill.toArray(String[]::new)) != 0) {
      throw new AssertionError(String.join(" ", kill) + " failed");
    }
  }

  void signalLiberty(String node, String signal) throws Exception {
    String pid = Files.readString(dir.resolve(node).resolve("run/liberty.pid")).trim();
    Process p = new ProcessBuilder("kill", "-" + signal, pid).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new AssertionError("kill -" + signal + " " + pid + " failed");
    }
  }

  /** A direct connection to a node's PostgreSQL, as the database superuser (the Health Monitor's role). */
  java.sql.Connection database(String node) throws Exception {
    return java.sql.DriverManager.getConnection("jdbc:postgresql://" + address(node) + ":5432/ncs", "ncs", secret("db.password"));
  }

  /** A direct connection to a node's PostgreSQL as the application's own role, the one Liberty's data source uses. */
  java.sql.Connection applicationDatabase(String node) throws Exception {
    return java.sql.DriverManager.getConnection("jdbc:postgresql://" + address(node) + ":5432/ncs", "ncs_app", secret("app.password"));
  }

  /**
   * Runs one SQL statement as the database's owner on the node at {@code address}, from inside its
   * network namespace (its pg_hba admits the pair's own addresses, not this test's); returns
   * psql's unaligned output.
   *
   * @throws IllegalStateException when psql fails (the database is down, say), with its output
   */
  String sql(String namespace, String address, String statement) throws Exception {
    ProcessBuilder b = new ProcessBuilder("ip", "netns", "exec", namespace,
        "/usr/lib/postgresql/15/bin/psql", "-h", address, "-U", "ncs", "-d", "ncs", "-At",
        "-v", "ON_ERROR_STOP=1", "-c", statement).redirectErrorStream(true);
    b.environment().put("PGPASSWORD", secret("db.password"));
    b.environment().put("PGCONNECT_TIMEOUT", "5");
    Process p = b.start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
    if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("psql did not finish: " + statement);
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException("psql on " + address + " failed: " + out);
    }
    return out;
  }

  /** One of the pair's database passwords ({@code db.password}, {@code app.password}), as 'ncs node init' made them. */
  String secret(String name) throws IOException {
    Properties secrets = new Properties();
    try (var in = Files.newInputStream(dir.resolve("pair.secrets"))) {
      secrets.load(in);
    }
    return secrets.getProperty(name);
  }

  /** The names of the managed devices in a node's database. */
  java.util.Set<String> deviceNames(String node) throws Exception {
    try (var c = database(node); var s = c.createStatement(); var rs = s.executeQuery("select name from managed_device")) {
      java.util.Set<String> names = new java.util.HashSet<>();
      while (rs.next()) {
        names.add(rs.getString(1));
      }
      return names;
    }
  }

  /** The version a node's Health Monitor reports, or null while it does not answer. */
  /** The status of the primary's rolling update ("running", "completed", "failed"), or null (none, or restarting). */
  String rollingStatus(String key) throws Exception {
    String body = get("primary", 8082, "/api/software", "root", key).body();
    try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(body))) {
      var rolling = reader.readObject().get("rolling");
      return rolling instanceof jakarta.json.JsonObject o ? o.getString("status") : null;
    } catch (jakarta.json.JsonException e) {
      return null;
    }
  }

  /** Whether the primary's rolling update completed; fails at once when it stopped, with its message. */
  boolean rollingCompleted(String key) throws Exception {
    String status = rollingStatus(key);
    if ("failed".equals(status)) {
      throw new AssertionError("the rolling update stopped: " + get("primary", 8082, "/api/software", "root", key).body());
    }
    return "completed".equals(status);
  }

  String version(String node) {
    try {
      return field(get(node, 8082, "/api/status", null, null).body(), "version");
    } catch (Exception e) {
      return null;
    }
  }

  /** Whether a node's PostgreSQL accepts writes (is not in recovery). */
  boolean writable(String node) throws Exception {
    try (var c = database(node); var s = c.createStatement(); var rs = s.executeQuery("select not pg_is_in_recovery()")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  String address(String node) {
    return node.equals("primary") ? primary : secondary;
  }

  /** Forgets the pinned client certificates (after a node got a new certificate). */
  void forgetClients() {
    clients.clear();
  }

  private HttpClient client(String node) throws IOException {
    if (!clients.containsKey(node)) {
      String pin = Files.readString(dir.resolve(node).resolve("etc/tls.fingerprint")).trim();
      // HTTP/1.1, as the servers call each other: an HTTP/2 connection this JVM left open held
      // every graceful stop of the node for Liberty's whole 30-s quiesce period.
      clients.put(node, HttpClient.newBuilder().sslContext(PinnedTrust.sslContext(pin))
          .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build());
    }
    return clients.get(node);
  }

  /** GET https://node:port/path, with Basic credentials when user is not null. */
  HttpResponse<String> get(String node, int port, String path, String user, String password) throws Exception {
    return send(node, request(node, port, path, user, password).GET().build());
  }

  HttpResponse<String> post(String node, int port, String path, String user, String password, String json) throws Exception {
    return post(node, port, path, user, password, json, Duration.ofSeconds(20));
  }

  /** The same, for a request that waits on the server for longer than the usual 20 s. */
  HttpResponse<String> post(String node, int port, String path, String user, String password, String json, Duration timeout)
      throws Exception {
    return send(node, request(node, port, path, user, password).timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)).build());
  }

  /** A POST with the body and content type a browser's cross-site form would send. */
  HttpResponse<String> postForm(String node, int port, String path, String user, String password, String form) throws Exception {
    return send(node, request(node, port, path, user, password)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
  }

  HttpResponse<String> postBytes(String node, int port, String path, byte[] body) throws Exception {
    return send(node, request(node, port, path, null, null)
        .header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  /** Uploads a file (an update bundle) as the body. */
  /** An update bundle's upload: some 18 MB, read and hashed by the server before it answers. */
  HttpResponse<String> postFile(String node, int port, String path, String user, String password, Path file) throws Exception {
    return send(node, request(node, port, path, user, password)
        .timeout(Duration.ofSeconds(90))
        .header("Content-Type", "application/zip")
        .POST(HttpRequest.BodyPublishers.ofFile(file)).build());
  }

  HttpResponse<String> put(String node, int port, String path, String user, String password, String json) throws Exception {
    return send(node, request(node, port, path, user, password)
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  HttpResponse<byte[]> getBytes(String node, int port, String path, String user, String password) throws Exception {
    return client(node).send(request(node, port, path, user, password).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** GET of a binary answer on the HM port as root with the key; fails unless it is 200. */
  byte[] download(String node, String path, String key) throws Exception {
    HttpResponse<byte[]> r = getBytes(node, 8082, path, "root", key);
    if (r.statusCode() != 200) {
      throw new AssertionError("GET " + path + " on the " + node + " answered " + r.statusCode());
    }
    return r.body();
  }

  HttpResponse<String> delete(String node, int port, String path, String user, String password) throws Exception {
    return send(node, request(node, port, path, user, password).DELETE().build());
  }

  /** The newest events of a node's Health Monitor (GET /api/events, as root with the key), as JSON. */
  /**
   * A GET with a Basic login sent from another local address ({@code source}, on loopback any
   * 127.x address), which Java's HttpClient cannot choose: curl, with the login on its standard
   * input rather than its command line. Returns the HTTP status and the body.
   */
  String[] getFrom(String source, String node, int port, String path, String user, String password) throws Exception {
    Process p = new ProcessBuilder("curl", "-sk", "--max-time", "20", "--interface", source, "-K", "-",
        "-w", "\n%{http_code}", "https://" + address(node) + ":" + port + path).redirectErrorStream(true).start();
    try (var in = p.getOutputStream()) {
      String login = (user + ":" + password).replace("\\", "\\\\").replace("\"", "\\\"");
      in.write(("user = \"" + login + "\"\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("curl from " + source + " did not end");
    }
    int last = out.lastIndexOf('\n');
    return new String[] {out.substring(last + 1).trim(), last < 0 ? "" : out.substring(0, last)};
  }

  /** Everything a node's Liberty and Health Monitor logged so far. */
  String logs(String node) throws Exception {
    StringBuilder all = new StringBuilder();
    try (java.util.stream.Stream<Path> files = Files.walk(dir.resolve(node).resolve("log"))) {
      for (Path f : files.filter(f -> f.toString().endsWith(".log")).toList()) {
        all.append(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1));
      }
    }
    return all.toString();
  }

  String events(String node, String key) throws Exception {
    HttpResponse<String> r = get(node, 8082, "/api/events?max=200", "root", key);
    if (r.statusCode() != 200) {
      throw new AssertionError("GET /api/events on the " + node + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  /** Runs liberty/bin/ncs against a node with {@code stdin} as its input; returns exit code and output. */
  String[] ncs(String node, String stdin, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(REPO.resolve("liberty/bin/ncs").toString(),
        "--node-dir", dir.resolve(node).toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("ncs " + String.join(" ", args) + " did not finish within 120 s");
    }
    return new String[] {Integer.toString(p.exitValue()), output};
  }

  private HttpRequest.Builder request(String node, int port, String path, String user, String password) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://" + address(node) + ":" + port + path))
        .timeout(Duration.ofSeconds(20));
    if (user != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return b;
  }

  private HttpResponse<String> send(String node, HttpRequest r) throws Exception {
    return client(node).send(r, HttpResponse.BodyHandlers.ofString());
  }

  /** The HM state of a node, or null while it does not answer. */
  String state(String node) {
    try {
      HttpResponse<String> r = get(node, 8082, "/api/status", null, null);
      return r.statusCode() == 200 ? field(r.body(), "state") : null;
    } catch (Exception e) {
      return null;
    }
  }

  /** Polls (Awaitility) until the condition holds; returns how long it took, or fails after the deadline. */
  static Duration await(String what, Duration deadline, Check condition) {
    return poll(what, deadline, Duration.ofMillis(200), condition);
  }

  /** Like {@link #await}, polling every 20 ms: for a state that lasts only a moment. */
  static void awaitQuickly(String what, Duration deadline, Check condition) {
    poll(what, deadline, Duration.ofMillis(20), condition);
  }

  private static Duration poll(String what, Duration deadline, Duration every, Check condition) {
    Instant start = Instant.now();
    try {
      org.awaitility.Awaitility.await(what).atMost(deadline).pollDelay(Duration.ZERO).pollInterval(every)
          .pollInSameThread().until(condition::holds);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(what + " did not happen within " + deadline.toSeconds() + " s");
    }
    return Duration.between(start, Instant.now());
  }

  /** A condition that may throw while the pair is in flux (counts as not holding). */
  interface Check {
    boolean test() throws Exception;

    default boolean holds() {
      try {
        return test();
      } catch (Exception e) {
        return false;
      }
    }
  }

  /** A member of a JSON answer as text ({@link Json#field}). */
  static String field(String json, String name) {
    return Json.field(json, name);
  }
}

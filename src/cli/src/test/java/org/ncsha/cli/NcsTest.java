package org.ncsha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncsha.security.TestTls;

class NcsTest {
  @TempDir static Path certs;
  static TestTls tls;
  static HttpsServer server;
  /** path -> status and body the fake Health Monitor answers. */
  static final Map<String, String[]> answers = new ConcurrentHashMap<>();
  /** path -> "token|body" of the last request received. */
  static final Map<String, String> received = new ConcurrentHashMap<>();

  @TempDir Path node;

  @BeforeAll
  static void startFakeHealthMonitor() throws Exception {
    tls = TestTls.generate(certs);
    server = tls.server(NcsTest::handle);
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    received.put(exchange.getRequestMethod() + " " + path, exchange.getRequestHeaders().getFirst("X-NCS-CLI-Token") + "|" + body);
    String[] answer = answers.getOrDefault(exchange.getRequestMethod() + " " + path,
        answers.getOrDefault(path, new String[] {"404", "{\"message\":\"no such path\"}"}));
    byte[] bytes = answer[1].getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(Integer.parseInt(answer[0]), bytes.length == 0 ? -1 : bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @BeforeEach
  void nodeOfTheFakeServer() throws IOException {
    answers.clear();
    received.clear();
    writeNode(server.getAddress().getPort(), tls.fingerprint());
    Files.writeString(node.resolve("etc/cli.token"), "tok-123\n");
  }

  private void writeNode(int port, String fingerprint) throws IOException {
    Files.createDirectories(node.resolve("etc"));
    Files.writeString(node.resolve("etc/node.properties"), "node.address=127.0.0.1\nhm.port=" + port + "\n");
    Files.writeString(node.resolve("etc/tls.fingerprint"), fingerprint + "\n");
  }

  private CliRun ncs(String stdin, String... args) {
    return CliRun.run(stdin, t -> new Ncs(t, Map.of("NCS_NODE_DIR", node.toString())).run(args));
  }

  private static CliRun ncsWithoutNode(String... args) {
    return CliRun.run("", t -> new Ncs(t, Map.of()).run(args));
  }

  @Test
  void haHelpIsTableFour() {
    for (String word : new String[] {"?", "help"}) {
      CliRun r = ncsWithoutNode("ha", word);
      assertEquals(0, r.exitCode, r.toString());
      assertTrue(r.out.contains("ncs ha ?                 Get help with high availability CLI commands"), r.out);
      assertTrue(r.out.contains("ncs ha authkey authkey   Update the authentication key for high availability"), r.out);
      assertTrue(r.out.contains("ncs ha remove            Remove the High Availability configuration"), r.out);
      assertTrue(r.out.contains("ncs ha status            Get the current status for High Availability"), r.out);
    }
  }

  @Test
  void getserverinfoPrintsTheMsesAnswerAndNamesWhatWentWrongElsewhere() {
    answers.put("GET /api/mse/serverinfo", new String[] {"200", "{\"name\":\"mse1\",\"version\":\"0.1.0\","
        + "\"role\":\"Primary\",\"haState\":\"Primary Active\",\"applianceType\":\"VA-2\","
        + "\"healthMonitorAddress\":\"10.10.10.12\",\"virtualIp\":\"10.10.10.11\",\"services\":["
        + "{\"name\":\"Health Monitor\",\"status\":\"Up\"},"
        + "{\"name\":\"Context Aware Service\",\"status\":\"Up\"}]}"});
    CliRun r = ncs("", "getserverinfo");
    assertEquals(0, r.exitCode, r.toString());
    assertTrue(r.out.contains("Hostname: mse1\n"), r.out);
    assertTrue(r.out.contains("Virtual IP: 10.10.10.11\n"), r.out);
    assertTrue(r.out.contains("HA state: Primary Active\n"), r.out);
    assertTrue(r.out.contains("Service Name: Context Aware Service, Operation Status: Up\n"), r.out);

    answers.put("GET /api/mse/serverinfo", new String[] {"404", "{\"message\":\"this server is not an MSE (node.kind=server)\"}"});
    CliRun server = ncs("", "getserverinfo");
    assertEquals(1, server.exitCode, server.toString());
    assertTrue(server.err.contains("this server is not an MSE (node.kind=server)"), server.toString());
  }

  @Test
  void usageErrorsExitTwo() {
    assertEquals(2, ncsWithoutNode().exitCode);
    assertEquals(2, ncsWithoutNode("ha").exitCode);
    assertEquals(2, ncsWithoutNode("frobnicate").exitCode);
    assertEquals(2, ncsWithoutNode("ha", "frobnicate").exitCode);
    assertEquals(2, ncsWithoutNode("ha", "status", "extra").exitCode);
    assertEquals(2, ncsWithoutNode("--bogus", "ha", "status").exitCode);
    assertEquals(2, ncsWithoutNode("ha", "status", "--node-dir").exitCode);
    CliRun noNode = ncsWithoutNode("ha", "status");
    assertEquals(2, noNode.exitCode);
    assertTrue(noNode.err.contains("--node-dir DIR or set NCS_NODE_DIR"), noNode.toString());
    assertEquals(0, ncsWithoutNode("?").exitCode);
  }

  @Test
  void registerSendsTheFormWithTheKeyFromTheEnvironmentAndFollowsItToTheEnd() {
    // The answer to the POST still shows an earlier, failed registration: not taken for this one's.
    answers.put("POST /api/actions/register", new String[] {"202", "{\"status\":\"failed\",\"summary\":\"an older failure\"}"});
    answers.put("GET /api/actions/register", new String[] {"200",
        "{\"status\":\"succeeded\",\"summary\":\"Registration completed with secondary 10.0.0.2\",\"milestones\":[]}"});
    CliRun r = CliRun.run("", t -> new Ncs(t, Map.of("NCS_NODE_DIR", node.toString(), "KEY", "Ha-Secret-9k"))
        .run("ha", "register", "10.0.0.2", "--failover", "automatic", "--email", "ops@example.com", "--auth-key-env", "KEY"));
    assertEquals(0, r.exitCode, r.toString());
    assertTrue(r.out.contains("Registration completed with secondary 10.0.0.2"), r.out);
    assertFalse(r.all().contains("an older failure"), r.toString());
    String sent = received.get("POST /api/actions/register");
    assertTrue(sent.startsWith("tok-123|"), "the CLI token: " + sent);
    assertTrue(sent.contains("\"secondaryServer\":\"10.0.0.2\"") && sent.contains("\"authenticationKey\":\"Ha-Secret-9k\"")
        && sent.contains("\"failoverType\":\"automatic\"") && sent.contains("\"emailAddress\":\"ops@example.com\""), sent);
    assertTrue(received.get("GET /api/actions/register").startsWith("tok-123|"));

    answers.put("GET /api/actions/register", new String[] {"200",
        "{\"status\":\"failed\",\"summary\":\"Registration failed: the authentication key does not match\"}"});
    CliRun failed = CliRun.run("", t -> new Ncs(t, Map.of("NCS_NODE_DIR", node.toString(), "KEY", "Ha-Secret-9k"))
        .run("ha", "register", "10.0.0.2", "--auth-key-env", "KEY"));
    assertEquals(1, failed.exitCode, failed.toString());
    assertTrue(failed.err.contains("the authentication key does not match"), failed.toString());
  }

  @Test
  void registerNamesTheRefusalAndRefusesABadFailoverTypeLocally() {
    answers.put("/api/actions/register", new String[] {"409", "{\"message\":\"Register is not allowed in state Primary Active\"}"});
    CliRun refused = CliRun.run("", t -> new Ncs(t, Map.of("NCS_NODE_DIR", node.toString(), "KEY", "Ha-Secret-9k"))
        .run("ha", "register", "10.0.0.2", "--auth-key-env", "KEY"));
    assertEquals(1, refused.exitCode, refused.toString());
    assertTrue(refused.err.contains("not allowed in state Primary Active"), refused.toString());
    CliRun bad = ncs("", "ha", "register", "10.0.0.2", "--failover", "sometimes");
    assertEquals(2, bad.exitCode);
    assertTrue(bad.err.contains("--failover: manual or automatic"), bad.toString());
  }

  @Test
  void weakAuthkeyIsRefusedLocally() {
    CliRun r = ncs("", "ha", "authkey", "MyNewAuthKey");
    assertEquals(2, r.exitCode, r.toString());
    assertTrue(r.err.contains("Authentication Key is too weak"), r.toString());
    assertTrue(received.isEmpty(), "nothing was sent");
  }

  @Test
  void statusIsPrintedReadably() {
    answers.put("/api/status", new String[] {"200",
        "{\"server\":\"primary\",\"state\":\"Primary Active\",\"mode\":\"HA enabled\",\"failoverType\":\"manual\","
            + "\"peer\":\"127.0.1.2\",\"lastHeartbeatAt\":\"2025-01-01T00:00:00Z\",\"details\":{\"x\":1}}"});
    CliRun r = ncs("", "ha", "status");
    assertEquals(0, r.exitCode, r.toString());
    assertTrue(r.out.contains("Server:            primary"), r.out);
    assertTrue(r.out.contains("State:             Primary Active"), r.out);
    assertTrue(r.out.contains("Mode:              HA enabled"), r.out);
    assertTrue(r.out.contains("Failover type:     manual"), r.out);
    assertTrue(r.out.contains("Peer:              127.0.1.2"), r.out);
    assertTrue(r.out.contains("Last heartbeat at: 2025-01-01T00:00:00Z"), r.out);
  }

  @Test
  void unreachableHealthMonitorExitsOne() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    writeNode(closed, tls.fingerprint());
    CliRun r = ncs("", "--node-dir", node.toString(), "ha", "status");
    assertEquals(1, r.exitCode, r.toString());
    assertTrue(r.err.contains("is not reachable"), r.toString());
  }

  @Test
  void anotherCertificateIsRefused() throws IOException {
    writeNode(server.getAddress().getPort(), "00".repeat(32));
    answers.put("/api/status", new String[] {"200", "{\"state\":\"Primary Active\"}"});
    CliRun r = ncs("", "ha", "status");
    assertEquals(1, r.exitCode, r.toString());
    assertTrue(r.err.contains("presented a TLS certificate other than the node's own"), r.toString());
  }

  @Test
  void showVersionPrintsTheServersVersionAndPatches() {
    answers.put("/api/software", new String[] {"200",
        "{\"version\":\"0.1.1\",\"patches\":[\"ncs-ha-0.1.1\"],\"pending\":null,\"uploads\":[{\"patchId\":\"p-2\","
        + "\"version\":\"0.2.0\"},{\"patchId\":\"p-3\",\"version\":\"0.3.0\"}],\"updates\":[]}"});
    CliRun r = ncs("", "show", "version");
    assertEquals(0, r.exitCode, r.toString());
    assertTrue(r.out.contains("ncs-ha version 0.1.1") && r.out.contains("Installed patches: ncs-ha-0.1.1"), r.toString());
    assertTrue(r.out.contains("Uploaded updates: p-2 (0.2.0), p-3 (0.3.0)"), r.toString());
    assertEquals("tok-123|", received.get("GET /api/software"));
    answers.remove("/api/software");
    CliRun down = ncs("", "show", "version");
    assertEquals(0, down.exitCode, "the installed version, as the guide's show version: " + down);
    assertTrue(down.out.startsWith("ncs-ha version ") && down.out.contains("the server does not answer"), down.toString());
  }

  @Test
  void updateUploadsTheFileAndInstallNamesEveryRefusal() throws IOException {
    answers.put("/api/software/uploads", new String[] {"201", "{\"patchId\":\"p-1\",\"name\":\"ncs-ha\",\"version\":\"0.2.0\","
        + "\"published\":\"2026-12-02\",\"description\":\"Device location\"}"});
    Path bundle = Files.writeString(node.resolve("p-1.zip"), "zip bytes");
    CliRun up = ncs("", "update", "upload", bundle.toString());
    assertEquals(0, up.exitCode, up.toString());
    assertTrue(up.out.contains("Uploaded and verified: p-1") && up.out.contains("ncs update install p-1"), up.toString());
    assertEquals("tok-123|zip bytes", received.get("POST /api/software/uploads"));

    answers.put("/api/software/install", new String[] {"409", "{\"message\":\"The update was not installed: a; b\","
        + "\"problems\":[\"applies.from: this update applies to version 0.2.0 or later\",\"patch.id: p-1 is installed already\"]}"});
    CliRun refused = ncs("", "update", "install", "p-1");
    assertEquals(1, refused.exitCode, refused.toString());
    assertTrue(refused.err.contains("  - applies.from: this update applies to version 0.2.0 or later")
        && refused.err.contains("  - patch.id: p-1 is installed already"), refused.toString());
    assertEquals("tok-123|{\"patchId\":\"p-1\"}", received.get("POST /api/software/install"));

    answers.put("/api/software/rolling", new String[] {"202", "{\"message\":\"Rolling update to 0.2.0 started\"}"});
    answers.put("/api/software", new String[] {"200", "{\"version\":\"0.2.0\",\"rolling\":{\"status\":\"completed\","
        + "\"message\":\"Both servers run 0.2.0\",\"steps\":[{\"step\":\"SEND_BUNDLE\",\"status\":\"done\","
        + "\"finishedAt\":\"2026-12-03T10:00:01Z\"},{\"step\":\"SWITCH_BACK\",\"status\":\"done\","
        + "\"finishedAt\":\"2026-12-03T10:03:00Z\"}]}}"});
    CliRun rolling = ncs("", "update", "install", "p-1", "--rolling");
    assertEquals(0, rolling.exitCode, rolling.toString());
    assertTrue(rolling.out.contains("  done: Send the update to the secondary (2026-12-03T10:00:01Z)")
        && rolling.out.contains("  done: Switch back to the primary")
        && rolling.out.contains("Rolling update completed: Both servers run 0.2.0"), rolling.toString());
    assertEquals("tok-123|{\"patchId\":\"p-1\"}", received.get("POST /api/software/rolling"));
    answers.put("/api/software", new String[] {"200", "{\"rolling\":{\"status\":\"failed\",\"message\":"
        + "\"Stopped at \\\"Update the secondary\\\": rolled back there\",\"steps\":[]}}"});
    CliRun stopped = ncs("", "update", "install", "p-1", "--rolling");
    assertEquals(1, stopped.exitCode, stopped.toString());
    assertTrue(stopped.err.contains("Rolling update stopped: Stopped at \"Update the secondary\": rolled back there"),
        stopped.toString());

    answers.put("DELETE /api/software/uploads/p-1", new String[] {"200", "{\"message\":\"Deleted the uploaded update p-1\"}"});
    CliRun deleted = ncs("", "update", "delete", "p-1");
    assertEquals(0, deleted.exitCode, deleted.toString());
    assertTrue(deleted.out.contains("Deleted the uploaded update p-1"), deleted.toString());
    assertEquals("tok-123|", received.get("DELETE /api/software/uploads/p-1"));
    CliRun missing = ncs("", "update", "delete", "p-2");
    assertEquals(1, missing.exitCode, "the server's 404 is a failure: " + missing);
    assertEquals(2, ncs("", "update", "delete", "p-1", "--rolling").exitCode, "no rolling delete: usage");
    CliRun noFile = ncs("", "update", "upload", node.resolve("missing.zip").toString());
    assertEquals(2, noFile.exitCode, "no such file: usage");
    assertTrue(noFile.err.contains("FILE: " + node.resolve("missing.zip") + " does not exist"), noFile.toString());
    assertTrue(ncs("", "update", "upload", node.toString()).err.contains("FILE: " + node + " is not a file"));
    assertEquals(2, ncs("", "update").exitCode);
  }

  @Test
  void restoreIsRefusedWhileHaIsConfiguredNamingTheState() throws IOException {
    answers.put("/api/status", new String[] {"200", "{\"server\":\"primary\",\"state\":\"Primary Active\","
        + "\"mode\":\"HA enabled\",\"failoverType\":\"manual\",\"peer\":\"127.0.0.2\"}"});
    Path backup = Files.writeString(node.resolve("b.dump"), "dump");
    CliRun r = ncs("", "restore", backup.toString());
    assertEquals(1, r.exitCode, r.toString());
    assertTrue(r.err.contains("A restore is not possible while HA is configured (this server is Primary Active). Remove HA"),
        r.toString());
    assertEquals(2, ncs("", "restore").exitCode, "the file is required");
    assertEquals(2, ncs("", "restore", node.resolve("none.dump").toString()).exitCode, "a missing file is a usage error");
  }

  @Test
  void root_backs_up_into_a_node_directory_another_user_owns_only_with_a_file_named() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0,
        "only root can be refused so (and only root can give the folder away)");
    Files.setAttribute(node, "unix:uid", 65534); // nobody: the installed server's ncs stands so
    String owner = Files.getOwner(node).getName();
    CliRun r = ncs("", "backup");
    assertEquals(2, r.exitCode, r.toString());
    assertTrue(r.err.contains("(sudo -u " + owner + " ncs backup ...)"), r.toString());
    assertFalse(Files.exists(node.resolve("backups")), "no root-owned backups folder in it");
  }

  @Test
  void removeAsksThenPostsWithTheToken() {
    answers.put("/api/actions/remove", new String[] {"202", "{\"message\":\"Removing HA: this takes 3 to 4 minutes.\"}"});
    CliRun no = ncs("x\nn\n", "ha", "remove");
    assertEquals(0, no.exitCode, no.toString());
    assertEquals(2, no.out.split("Do you want to remove HA\\? \\(Y/N\\)", -1).length - 1, no.toString());
    assertTrue(received.isEmpty());

    CliRun yes = ncs("Y\n", "ha", "remove");
    assertEquals(0, yes.exitCode, yes.toString());
    assertTrue(yes.out.contains("Removing HA: this takes 3 to 4 minutes."), yes.toString());
    assertEquals("tok-123|{}", received.get("POST /api/actions/remove"));
  }

  @Test
  void removeRefusedInThisStatePrintsTheServersMessage() {
    answers.put("/api/actions/remove", new String[] {"409",
        "{\"message\":\"HA can be removed only in state Primary Active; this server is Secondary Active.\"}"});
    CliRun r = ncs("", "ha", "remove", "--yes");
    assertEquals(1, r.exitCode, r.toString());
    assertTrue(r.err.contains("HA can be removed only in state Primary Active; this server is Secondary Active."), r.toString());
    assertFalse(r.out.contains("Do you want"), "--yes does not ask");
  }

  @Test
  void missingTokenMeansTheServerIsNotRunning() throws IOException {
    Files.delete(node.resolve("etc/cli.token"));
    CliRun r = ncs("", "ha", "remove", "--yes");
    assertEquals(1, r.exitCode, r.toString());
    assertTrue(r.err.contains("the ncs-ha server is not running on this node"), r.toString());
  }

  @Test
  void authkeyPostsTheKeyAsJson() {
    answers.put("/api/actions/authkey", new String[] {"200", ""});
    CliRun r = ncs("", "ha", "authkey", "New\"Key-9x");
    assertEquals(0, r.exitCode, r.toString());
    assertTrue(r.out.contains("The authentication key has been updated."), r.toString());
    String[] sent = received.get("POST /api/actions/authkey").split("\\|", 2);
    assertEquals("tok-123", sent[0]);
    assertEquals("New\"Key-9x", HmJson.text(HmJson.object(sent[1]), "key"));
  }

  @Test
  void deletecertSendsTheHostAndPrintsTheAnswer() {
    answers.put("/api/tofu-certs/127.0.1.2", new String[] {"200", "{\"message\":\"Deleted the TOFU certificate of 127.0.1.2.\"}"});
    CliRun r = ncs("", "certvalidation", "tofu-certs", "deletecert", "host", "127.0.1.2");
    assertEquals(0, r.exitCode, r.toString());
    assertTrue(r.out.contains("Deleted the TOFU certificate of 127.0.1.2."), r.toString());
    assertEquals("tok-123|", received.get("DELETE /api/tofu-certs/127.0.1.2"));

    answers.put("/api/tofu-certs/10.9.9.9", new String[] {"404", "{\"message\":\"host: no TOFU certificate is stored for '10.9.9.9'\"}"});
    CliRun unknown = ncs("", "certvalidation", "tofu-certs", "deletecert", "host", "10.9.9.9");
    assertEquals(1, unknown.exitCode, unknown.toString());
    assertTrue(unknown.err.contains("no TOFU certificate is stored for '10.9.9.9'"), unknown.toString());
  }

  @Test
  void deletecertUsageIsCheckedBeforeCallingTheServer() {
    CliRun missing = ncs("", "certvalidation", "tofu-certs", "deletecert", "host");
    assertEquals(2, missing.exitCode, missing.toString());
    assertTrue(missing.err.contains(Ncs.TOFU_USAGE), missing.toString());
    CliRun bad = ncs("", "certvalidation", "tofu-certs", "deletecert", "host", "a/b");
    assertEquals(2, bad.exitCode, bad.toString());
    assertTrue(bad.err.contains("host: must be a host name or an IP address"), bad.toString());
    assertTrue(received.isEmpty());
  }

  @Test
  void authkeyWithoutArgumentAsksTwice() {
    answers.put("/api/actions/authkey", new String[] {"202", "{\"message\":\"Key changed on both servers.\"}"});
    CliRun r = ncs("Ha-Secret-9k\nHa-Secret-9k\n", "ha", "authkey");
    assertEquals(0, r.exitCode, r.toString());
    assertTrue(r.out.contains("Key changed on both servers."), r.toString());
    assertEquals("Ha-Secret-9k", HmJson.text(HmJson.object(received.get("POST /api/actions/authkey").split("\\|", 2)[1]), "key"));
  }

  @Test
  void rejectedTokenIsExplained() {
    answers.put("/api/actions/authkey", new String[] {"401", ""});
    CliRun r = ncs("", "ha", "authkey", "Ha-Secret-9k");
    assertEquals(1, r.exitCode, r.toString());
    assertTrue(r.err.contains("did not accept this node's CLI token"), r.toString());
  }

  @Test
  void ncsStatusReportsEachProcess() throws IOException {
    answers.put("/api/status", new String[] {"200", "{\"state\":\"Secondary Syncing\",\"mode\":\"HA enabled\"}"});
    Files.createDirectories(node.resolve("usr/servers/.pid"));
    // A live java process, in Liberty's own pid file (what 'server start' writes, under ha-pair or systemd).
    Files.writeString(node.resolve("usr/servers/.pid/ncs.pid"), ProcessHandle.current().pid() + "\n");
    CliRun r = ncs("", "status");
    assertEquals(1, r.exitCode, "PostgreSQL is down\n" + r);
    assertTrue(r.out.contains("Health Monitor  Up (Secondary Syncing, HA enabled)"), r.out);
    assertTrue(r.out.contains("Liberty server  Up (pid " + ProcessHandle.current().pid() + ")"), r.out);
    assertTrue(r.out.contains("PostgreSQL      Down (no pgdata/postmaster.pid)"), r.out);

    Files.createDirectories(node.resolve("pgdata"));
    Files.writeString(node.resolve("pgdata/postmaster.pid"), "999999999\n/var/lib/pg\n");
    assertTrue(ncs("", "status").out.contains("PostgreSQL      Down (pid 999999999 from pgdata/postmaster.pid is not running)"));

    // A dead server's pid that now names a thread of another process (ids are shared and reused).
    long self = ProcessHandle.current().pid();
    String thread;
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      thread = tasks.map(t -> t.getFileName().toString()).filter(t -> !t.equals(Long.toString(self))).findFirst().orElseThrow();
    }
    Files.writeString(node.resolve("pgdata/postmaster.pid"), thread + "\n/var/lib/pg\n");
    String status = ncs("", "status").out;
    assertTrue(status.contains("PostgreSQL      Down (pid " + thread + " from pgdata/postmaster.pid is not running)"), status);
  }

  @Test
  void statusLabelOfNewFields() {
    assertEquals("Last heartbeat at", StatusView.label("lastHeartbeatAt"));
    assertNull(HmJson.text(HmJson.object("{\"peer\":null}"), "peer"));
  }
}

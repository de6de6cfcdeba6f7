package org.ncsha.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The walking skeleton with real processes: ha-pair brings up and registers a pair (real
 * Liberty, real PostgreSQL replication), a device replicates, the passive server refuses
 * writes, a large file's transfer is cut by killing the receiving secondary and completes after
 * its restart, the primary's JVM is killed with SIGKILL and the secondary takes over with the
 * default heartbeat settings; the old primary returns as a standby and a failback restores it.
 * Then split brain: the primary's JVM is frozen (SIGSTOP), the secondary takes over, the
 * isolated primary's database still takes a write; when the primary resumes it must step down,
 * the pair must end with exactly one writable database, and the write made after the fork must
 * be kept, with an event saying where.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PairWalkingSkeletonIT {
  /** A real SMTP server for the HA notifications, in this JVM, started before the pair that mails to it. */
  private static final GreenMail MAIL = started(new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)));
  /** A server without HA that the pair, as an Operations Center, manages (issue 16); started beside the pair. */
  private static final String INSTANCE = "127.0.2.5";
  private static final PairExtension INSTANCE_NODE = PairExtension.loopback("it-pair-instance", INSTANCE, "127.0.2.6").single()
      .env("NODE_SETTINGS", "single.sign.on=yes");
  @RegisterExtension
  static final PairExtension PAIRS = PairExtension.loopback("it-pair", "127.0.2.1", "127.0.2.2").failover("automatic")
      .env("SMTP_HOST", "127.0.0.1")
      .env("SMTP_PORT", Integer.toString(MAIL.getSmtp().getPort()))
      .env("EMAIL", "noc@example.com, oncall@example.com")
      .env("NODE_SETTINGS", "single.sign.on=yes")
      .with(INSTANCE_NODE);
  private static final Pair PAIR = PAIRS.pair();
  private static final Pair instance = INSTANCE_NODE.pair();
  private static String admin;
  private static String adminPassword;

  private static GreenMail started(GreenMail mail) {
    mail.start();
    return mail;
  }

  @BeforeAll
  static void up() throws Exception {
    admin = PAIR.get("ADMIN_USER");
    adminPassword = PAIR.get("ADMIN_PASSWORD");
  }

  @AfterAll
  static void down() {
    MAIL.stop();
  }

  /** Each address of the Email Address list got a mail whose subject says this. */
  private static boolean mailedToBoth(String subject) throws Exception {
    List<String> to = new java.util.ArrayList<>();
    for (MimeMessage m : MAIL.getReceivedMessages()) {
      if (m.getSubject() != null && m.getSubject().contains(subject)) {
        to.add(GreenMailUtil.getAddressList(m.getRecipients(Message.RecipientType.TO)));
      }
    }
    return to.size() >= 2 && to.stream().allMatch("noc@example.com, oncall@example.com"::equals);
  }

  private static int firstContaining(List<String> texts, String part) {
    for (int i = 0; i < texts.size(); i++) {
      if (texts.get(i).contains(part)) {
        return i;
      }
    }
    return -1;
  }

  private static HttpResponse<String> addDevice(String node, String name) throws Exception {
    return PAIR.post(node, 9443, "/api/devices", admin, adminPassword,
        "{\"name\":\"" + name + "\",\"address\":\"10.1.0." + name.length() + "\"}");
  }

  private static HttpResponse<String> saveTemplate(String node, String name, String content) throws Exception {
    return PAIR.post(node, 9443, "/api/templates", admin, adminPassword,
        jakarta.json.Json.createObjectBuilder().add("name", name).add("content", content).build().toString());
  }

  /** The template's content on that server, or null when it has none. */
  private static String template(String node, String name) throws Exception {
    HttpResponse<String> r = PAIR.get(node, 9443, "/api/templates/" + name, admin, adminPassword);
    return r.statusCode() == 200 ? Pair.field(r.body(), "content") : null;
  }

  private static boolean listed(String node, String name) throws Exception {
    HttpResponse<String> r = PAIR.get(node, 9443, "/api/devices", admin, adminPassword);
    return r.statusCode() == 200 && Json.has(r.body(), "name", name);
  }

  @Test
  @Order(1)
  void the_registered_pair_is_primary_active_and_secondary_syncing() throws Exception {
    HttpResponse<String> p = PAIR.get("primary", 8082, "/api/status", null, null);
    HttpResponse<String> s = PAIR.get("secondary", 8082, "/api/status", null, null);
    assertEquals("Primary Active", Pair.field(p.body(), "state"));
    assertEquals("primary", Pair.field(p.body(), "server"));
    assertEquals("HA enabled", Pair.field(p.body(), "mode"));
    assertEquals("automatic", Pair.field(p.body(), "failoverType"));
    Pair.await("the registration mail", Duration.ofSeconds(30),
        () -> mailedToBoth("ncs-ha Primary 127.0.2.1: Primary Active - HA registration completed"));
    assertEquals(PAIR.secondary, Pair.field(p.body(), "peer"));
    assertEquals("Secondary Syncing", Pair.field(s.body(), "state"));
    assertEquals(PAIR.primary, Pair.field(s.body(), "peer"));
    assertFalse(p.body().contains(PAIR.get("AUTH_KEY")), "no secret in the status");
    assertEquals(200, PAIR.get("primary", 9443, "/health/ready", null, null).statusCode());
    assertEquals(503, PAIR.get("secondary", 9443, "/health/ready", null, null).statusCode());
    // Both states confirmed before acting: the peer as last heard, and how long ago.
    Pair.await("the primary has heard the secondary", Duration.ofSeconds(15), () -> {
      String now = PAIR.get("primary", 8082, "/api/status", null, null).body();
      return "Secondary Syncing".equals(Pair.field(now, "peerState")) && Json.parse(now).asJsonObject().get("peerHeardSecondsAgo") instanceof jakarta.json.JsonNumber;
    });
    // The guide's address, https://<server>:8082 with no path, is the Health Monitor page.
    HttpResponse<String> root = PAIR.get("primary", 8082, "/", null, null);
    assertEquals(302, root.statusCode());
    assertTrue(root.headers().firstValue("Location").orElse("").endsWith("/hm/index.xhtml"), root.headers().toString());
  }

  @Test
  @Order(1)
  void each_node_has_its_bandwidth_test_listener_on_8085() throws Exception {
    // It reads only for the holder of the ticket its Health Monitor handed out in a signed
    // exchange (the readiness runs below measure through it); a stranger's data is refused.
    HttpResponse<String> r = PAIR.postBytes("secondary", 8085, "/api/bandwidth", new byte[1024 * 1024]);
    assertEquals(403, r.statusCode(), r.body());
    assertTrue(r.body().contains("X-NCS-Bandwidth-Ticket"), r.body());
    assertEquals(404, PAIR.get("secondary", 8085, "/api/status", null, null).statusCode(), "only the sink answers on 8085");
  }

  @Test
  @Order(1)
  void each_port_serves_its_own_face_only_and_the_container_keeps_them_apart() throws Exception {
    // One web module per port, each bound to its port's virtual host: a path of another port is
    // not hidden by a filter of ours but absent, also when spelled to slip past a prefix test.
    String[][] absent = {
        {"9443", "/api/status"}, {"9443", "/api/peer/salt"}, {"9443", "/hm/index.xhtml"}, {"9443", "/x/../api/status"},
        {"9443", "//api/actions/register"}, {"9443", "/api/bandwidth"},
        {"8082", "/api/devices"}, {"8082", "/admin/ha.xhtml"}, {"8082", "/health/ready"}, {"8082", "/metrics"},
        {"8082", "/api/admin/ha/status"}, {"8082", "/api/bandwidth"},
        {"8085", "/api/status"}, {"8085", "/health"}, {"8085", "/hm/index.xhtml"}, {"8085", "/admin/ha.xhtml"}};
    for (String[] a : absent) {
      assertEquals(404, PAIR.get("primary", Integer.parseInt(a[0]), a[1], null, null).statusCode(), a[0] + a[1]);
    }
    assertEquals(200, PAIR.get("primary", 8082, "/api/peer/salt", null, null).statusCode());
    assertEquals(200, PAIR.get("primary", 9443, "/health/ready", null, null).statusCode());
    HttpResponse<String> admin = PAIR.get("primary", 9443, "/", null, null);
    assertEquals(302, admin.statusCode());
    assertTrue(admin.headers().firstValue("Location").orElse("").endsWith("/admin/ha.xhtml"), admin.headers().toString());
  }

  @Test
  @Order(2)
  void a_device_added_on_the_primary_is_readable_on_the_secondary_within_2_s() throws Exception {
    assertEquals(401, PAIR.get("primary", 9443, "/api/devices", null, null).statusCode(), "the admin login is required");
    assertEquals(201, addDevice("primary", "core-router-1").statusCode());
    Pair.await("core-router-1 on the secondary", Duration.ofSeconds(2), () -> listed("secondary", "core-router-1"));
  }

  /**
   * Operations Center (issue 16): activated on the primary, it adds a server without HA with that
   * server's administrator login (a wrong one, an address that is no host and a server that does
   * not answer are refused at their field), lists its HA state, active server and device count as
   * its looks find them, with a cross-launch link; the passive secondary lists the same (the rows
   * are replicated) and refuses changes. After the failover below the secondary goes on looking.
   */
  @Test
  @Order(2)
  void the_operations_center_adds_a_managed_instance_and_lists_its_state_devices_and_link() throws Exception {
    assertEquals(400, addInstance("primary", INSTANCE, instanceAdmin(), instancePassword()).statusCode(),
        "an instance before the activation");
    HttpResponse<String> activated = PAIR.post("primary", 9443, "/api/operations-center/activation", admin, adminPassword, "{}");
    assertEquals(200, activated.statusCode(), activated.body());
    HttpResponse<String> wrong = addInstance("primary", INSTANCE, instanceAdmin(), "not-the-password");
    assertEquals(400, wrong.statusCode());
    assertTrue(Json.field(wrong.body(), "message").startsWith("address: " + INSTANCE + " refused the administrator login"),
        wrong.body());
    HttpResponse<String> noHost = addInstance("primary", "https://" + INSTANCE, instanceAdmin(), instancePassword());
    assertEquals(400, noHost.statusCode());
    assertTrue(Json.field(noHost.body(), "message").startsWith("address: 'https://" + INSTANCE + "' is neither"), noHost.body());
    assertTrue(addInstance("primary", "127.0.2.9", instanceAdmin(), instancePassword()).body().contains("no answer from 127.0.2.9"));

    HttpResponse<String> added = addInstance("primary", INSTANCE, instanceAdmin(), instancePassword());
    assertEquals(201, added.statusCode(), added.body());
    assertEquals("HA Not Configured", Json.field(added.body(), "haState"));
    assertEquals(INSTANCE, Json.field(added.body(), "activeServer"));
    assertEquals("0", Json.field(added.body(), "deviceCount"));
    assertEquals("https://" + INSTANCE + ":9443/admin/ha.xhtml", Json.field(added.body(), "crossLaunch"));
    assertFalse(added.body().contains(instancePassword()), "the password is never shown");
    assertEquals("address: the instance at " + INSTANCE + " is in the list already",
        Json.field(addInstance("primary", INSTANCE, instanceAdmin(), instancePassword()).body(), "message"));

    for (String device : List.of("oc-switch-1", "oc-switch-2")) {
      assertEquals(201, instance.post("primary", 9443, "/api/devices", instanceAdmin(), instancePassword(),
          "{\"name\":\"" + device + "\",\"address\":\"10.9.0.1\"}").statusCode());
    }
    Pair.await("the instance's two devices in the Operations Center's list", Duration.ofSeconds(30),
        () -> Json.has(ocInstances("primary"), "deviceCount", "2"));
    Pair.await("the instance on the passive secondary's list (replicated)", Duration.ofSeconds(10),
        () -> Json.has(ocInstances("secondary"), "deviceCount", "2"));
    assertEquals(503, addInstance("secondary", "127.0.2.7", instanceAdmin(), instancePassword()).statusCode(),
        "the passive secondary changes nothing");
    // The key that seals the instances' passwords reaches the secondary by file sync, for its looks after a failover.
    Pair.await("the sealing key on the secondary", Duration.ofSeconds(15),
        () -> Files.exists(PAIR.dir.resolve("secondary/files/settings/operations-center/instances.key")));
    try (Connection c = PAIR.applicationDatabase("primary"); Statement st = c.createStatement();
        var rs = st.executeQuery("select password_sealed from oc_instance")) {
      assertTrue(rs.next());
      assertTrue(rs.getString(1).startsWith("v1:") && !rs.getString(1).contains(instancePassword()),
          "the database keeps the password sealed");
    }

    try (Browser browser = new Browser(1280, 800)) {
      browser.open("https://" + admin + ":" + adminPassword + "@127.0.2.1:9443/admin/operations-center.xhtml");
      browser.await("the instance on the Operations Center page", Duration.ofSeconds(20),
          () -> browser.text("oc:instances").contains(INSTANCE) && browser.text("oc:instances").contains("HA Not Configured"));
      assertEquals("https://" + INSTANCE + ":9443/admin/ha.xhtml",
          browser.find("oc:instances:0:launch").getAttribute("href"), "the cross-launch link");
      browser.screenshot("operations-center");
    }
  }

  /** The provider's key set as the primary served it before the failover (Order 3), for the tokens after it. */
  private static String ssoKeySet;
  private static final String SSO_ISSUER = "https://127.0.2.1:9443" + OidcSignIn.PROVIDER;
  /** The instance as a client of the Operations Center's Single Sign-On server. */
  private static final OidcSignIn SSO_CLIENT = new OidcSignIn(PAIR, "it-instance", "it-instance-secret-5b1f0c",
      "https://" + INSTANCE + ":9443/oidcclient/redirect/ncs-sso");

  /**
   * The guide's workflow without a virtual IP: the primary's address as the Single Sign-On server.
   * Liberty's provider is on within seconds on both servers (its configuration and signing key
   * by file sync), a client registered on the primary signs a user in, and the secondary serves
   * the same key set.
   */
  @Test
  @Order(3)
  void the_operations_centers_sso_server_signs_in_with_one_key_on_both_servers() throws Exception {
    HttpResponse<String> bad = ssoServer("primary", "https://127.0.2.1");
    assertEquals(400, bad.statusCode());
    assertTrue(Json.field(bad.body(), "message").startsWith("issuerHost: 'https://127.0.2.1' is neither"), bad.body());
    assertEquals(503, ssoServer("secondary", "127.0.2.1").statusCode(), "the passive secondary changes nothing");
    HttpResponse<String> on = ssoServer("primary", "127.0.2.1");
    assertEquals(200, on.statusCode(), on.body());
    Pair.await("the provider's discovery on the primary", Duration.ofSeconds(20), () -> {
      HttpResponse<String> d = PAIR.get("primary", 9443, OidcSignIn.PROVIDER + "/.well-known/openid-configuration", null, null);
      return d.statusCode() == 200 && SSO_ISSUER.equals(Json.field(d.body(), "issuer"));
    });
    ssoKeySet = PAIR.get("primary", 9443, OidcSignIn.PROVIDER + "/jwk", null, null).body();
    Pair.await("the same key set on the secondary (file sync)", Duration.ofSeconds(20),
        () -> ssoKeySet.equals(PAIR.get("secondary", 9443, OidcSignIn.PROVIDER + "/jwk", null, null).body()));
    assertEquals("127.0.2.1", Json.field(PAIR.get("secondary", 9443, "/api/operations-center/sso", admin, adminPassword).body(),
        "issuerHost"));

    HttpResponse<String> registered = SSO_CLIENT.register("primary", admin, adminPassword);
    assertEquals(201, registered.statusCode(), registered.body());
    var claims = SSO_CLIENT.signIn("primary", admin, adminPassword, ssoKeySet);
    assertEquals(SSO_ISSUER, claims.getString("iss"));
    assertEquals(admin, claims.getString("sub"));
    assertEquals("it-instance", claims.getString("aud"));

    // The instance's SSO Servers: it registers itself at the Operations Center with an administrator's login there.
    HttpResponse<String> refused = addSsoServer("127.0.2.1", "not-the-password");
    assertEquals(400, refused.statusCode());
    assertTrue(Json.field(refused.body(), "message").startsWith("user: 127.0.2.1 refused the administrator login"),
        refused.body());
    HttpResponse<String> added = addSsoServer("127.0.2.1", adminPassword);
    assertEquals(200, added.statusCode(), added.body());
    assertEquals(SSO_ISSUER, Json.field(added.body(), "issuer"));
    assertEquals("127.0.2.1", Json.field(instance.get("primary", 9443, "/api/sso-servers", instanceAdmin(), instancePassword())
        .body(), "address"));
    // A script keeps its Basic login on the instance's REST; a page request without one goes to the SSO server.
    assertEquals(200, instance.get("primary", 9443, "/api/devices/count", instanceAdmin(), instancePassword()).statusCode());
    HttpResponse<String> page = instance.get("primary", 9443, "/admin/ha.xhtml", null, null);
    assertEquals("/sso/start?target=%2Fadmin%2Fha.xhtml", page.headers().firstValue("Location").map(l -> l.replaceFirst(
        "^https://[^/]+", "")).orElse(page.statusCode() + " without a Location"));

    try (Browser browser = new Browser(1280, 800)) {
      browser.open("https://" + admin + ":" + adminPassword + "@127.0.2.1:9443/admin/sso-servers.xhtml");
      browser.await("the Operations Center's SSO server on its page", Duration.ofSeconds(20),
          () -> browser.text("sso:providerState").contains(SSO_ISSUER));
      browser.screenshot("sso-servers");
      // Cross-launch: the instance's page, signed in by the Operations Center's provider, with no second login.
      browser.open("https://" + INSTANCE + ":9443/admin/ha.xhtml");
      browser.await("the instance's HA Status page after the sign-in through the SSO server", Duration.ofSeconds(30),
          () -> browser.driver.getCurrentUrl().equals("https://" + INSTANCE + ":9443/admin/ha.xhtml")
              && browser.driver.getPageSource().contains("HA Status"));
      browser.screenshot("sso-cross-launch");
    }
    // The guide's TOFU step on an instance, for its SSO server's address: the certificate it presents now is kept.
    String[] again = instance.ncs("primary", "", "certvalidation", "tofu-certs", "deletecert", "host", "127.0.2.1");
    assertEquals("0", again[0], again[1]);
    assertTrue(again[1].contains("127.0.2.1"), again[1]);
    String[] unknown = instance.ncs("primary", "", "certvalidation", "tofu-certs", "deletecert", "host", "127.0.2.9");
    assertFalse("0".equals(unknown[0]), "no certificate is kept for 127.0.2.9: " + unknown[1]);
  }

  private static HttpResponse<String> addSsoServer(String address, String password) throws Exception {
    return instance.post("primary", 9443, "/api/sso-servers", instanceAdmin(), instancePassword(),
        jakarta.json.Json.createObjectBuilder().add("address", address).add("user", admin).add("password", password).build()
            .toString());
  }

  private static HttpResponse<String> ssoServer(String node, String issuerHost) throws Exception {
    return PAIR.post(node, 9443, "/api/operations-center/sso", admin, adminPassword,
        jakarta.json.Json.createObjectBuilder().add("issuerHost", issuerHost).build().toString());
  }

  private static HttpResponse<String> addInstance(String node, String address, String user, String password) throws Exception {
    return PAIR.post(node, 9443, "/api/operations-center/instances", admin, adminPassword, jakarta.json.Json.createObjectBuilder()
        .add("address", address).add("user", user).add("password", password).build().toString());
  }

  private static String ocInstances(String node) throws Exception {
    return PAIR.get(node, 9443, "/api/operations-center/instances", admin, adminPassword).body();
  }

  private static String instanceAdmin() throws Exception {
    return instance.get("ADMIN_USER");
  }

  private static String instancePassword() throws Exception {
    return instance.get("ADMIN_PASSWORD");
  }

  @Test
  @Order(2)
  void a_template_saved_on_the_primary_travels_to_the_secondary_and_so_does_its_deletion() throws Exception {
    String content = "interface GigabitEthernet0/1\n description uplink \u00e9\n";
    assertEquals(201, saveTemplate("primary", "branch-base", content).statusCode());
    // The watch sends it: well within the guide's 11 s.
    Pair.await("the template on the secondary", Duration.ofSeconds(3), () -> content.equals(template("secondary", "branch-base")));
    HttpResponse<String> passive = saveTemplate("secondary", "on-the-passive", "x");
    assertEquals(503, passive.statusCode(), passive.body());
    assertEquals(PAIR.primary, Pair.field(passive.body(), "activeServer"), passive.body());
    HttpResponse<String> bad = saveTemplate("primary", "../escape", "x");
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("name: "), bad.body());

    assertEquals(204, PAIR.delete("primary", 9443, "/api/templates/branch-base", admin, adminPassword).statusCode());
    Pair.await("the deletion on the secondary", Duration.ofSeconds(3), () -> template("secondary", "branch-base") == null);

    // The active server is the source of truth: a hand edit on the passive one is overwritten by
    // the next near-real-time run (11 s), and the secondary logs that.
    assertEquals(201, saveTemplate("primary", "edge", "edge v1").statusCode());
    Pair.await("edge on the secondary", Duration.ofSeconds(3), () -> "edge v1".equals(template("secondary", "edge")));
    Path onSecondary = PAIR.dir.resolve("secondary/files/templates/edge");
    Files.writeString(onSecondary, "changed by hand");
    assertEquals("changed by hand", template("secondary", "edge"));
    Pair.await("the hand edit overwritten", Duration.ofSeconds(15), () -> "edge v1".equals(template("secondary", "edge")));
    JsonObject fileSync = Json.parse(PAIR.get("primary", 8082, "/api/status", null, null).body()).asJsonObject()
        .getJsonObject("fileSync");
    assertTrue(fileSync.getBoolean("sending"), fileSync.toString());
    assertEquals(0, fileSync.getInt("pendingFiles"), fileSync.toString());
    assertEquals("batch", fileSync.getJsonObject("modes").getString("licenses"));
    assertFalse(Json.parse(PAIR.get("secondary", 8082, "/api/status", null, null).body()).asJsonObject()
        .getJsonObject("fileSync").getBoolean("sending"));
  }

  @Test
  @Order(2)
  void the_applications_database_role_cannot_run_programs_or_change_the_server() throws Exception {
    try (Connection c = PAIR.applicationDatabase("primary"); Statement s = c.createStatement()) {
      try (var rs = s.executeQuery("select rolsuper, rolcreaterole, rolreplication from pg_roles where rolname = current_user")) {
        assertTrue(rs.next());
        assertFalse(rs.getBoolean(1) || rs.getBoolean(2) || rs.getBoolean(3), "ncs_app has no superuser, createrole or replication");
      }
      try (var rs = s.executeQuery("select count(*) from managed_device")) {
        assertTrue(rs.next(), "the application's role reads its own table");
      }
      SQLException program = assertThrows(SQLException.class,
          () -> s.execute("copy (select 1) to program 'touch /tmp/ncs-it-owned'"));
      assertTrue(program.getMessage().contains("pg_execute_server_program"), program.getMessage());
      assertFalse(Files.exists(Path.of("/tmp/ncs-it-owned")));
      SQLException system = assertThrows(SQLException.class,
          () -> s.execute("alter system set default_transaction_read_only = off"));
      assertTrue(system.getMessage().contains("permission denied"), system.getMessage());
    }
  }

  @Test
  @Order(2)
  void metrics_give_the_state_heartbeats_and_replication_lag_to_administrators_only() throws Exception {
    String admin = PAIR.get("ADMIN_USER");
    String password = PAIR.get("ADMIN_PASSWORD");
    assertEquals(401, PAIR.get("primary", 9443, "/metrics", null, null).statusCode(), "the admin login is required");
    HttpResponse<String> primary = PAIR.get("primary", 9443, "/metrics?scope=application", admin, password);
    assertEquals(200, primary.statusCode(), primary.body());
    String p = primary.body();
    assertTrue(p.matches("(?s).*ncs_ha_state\\{[^}]*state=\"Primary Active\"[^}]*} 1\\.0.*"), p);
    assertTrue(p.matches("(?s).*ncs_ha_state\\{[^}]*state=\"Secondary Active\"[^}]*} 0\\.0.*"), p);
    assertTrue(p.matches("(?s).*ncs_ha_missed_heartbeats\\{[^}]*} 0\\.0.*"), p);
    assertTrue(p.matches("(?s).*ncs_ha_replication_lag_bytes[_a-z]*\\{[^}]*} [0-9]+\\.[0-9]+.*"), "the primary measures its standby's lag: " + p);
    assertTrue(p.matches("(?s).*ncs_ha_file_sync_pending_files\\{[^}]*} [0-9]+\\.[0-9]+.*"), "the file-sync backlog: " + p);
    assertTrue(p.matches("(?s).*ncs_ha_file_sync_failing\\{[^}]*} 0\\.0.*"), p);
    String s = PAIR.get("secondary", 9443, "/metrics?scope=application", admin, password).body();
    assertTrue(s.matches("(?s).*ncs_ha_state\\{[^}]*state=\"Secondary Syncing\"[^}]*} 1\\.0.*"), s);
  }

  /**
   * Five wrong logins from one address lock out that address, on the admin port and on the
   * Health Monitor's, even with the right password next; every other address logs in as before.
   */
  @Test
  @Order(2)
  void wrong_logins_from_one_address_lock_out_that_address_only() throws Exception {
    String admin = PAIR.get("ADMIN_USER");
    String password = PAIR.get("ADMIN_PASSWORD");
    String key = PAIR.get("AUTH_KEY");
    for (int i = 0; i < 5; i++) {
      assertEquals("401", PAIR.getFrom("127.0.0.66", "primary", 9443, "/api/devices", admin, "wrong-" + i)[0]);
      assertEquals("401", PAIR.getFrom("127.0.0.66", "primary", 8082, "/api/events", "root", "Wrong-key-" + i)[0]);
    }
    String[] locked = PAIR.getFrom("127.0.0.66", "primary", 9443, "/api/devices", admin, password);
    assertEquals("429", locked[0], "the guessing address waits, even with the right password: " + locked[1]);
    String[] hmLocked = PAIR.getFrom("127.0.0.66", "primary", 8082, "/api/events", "root", key);
    assertEquals("401", hmLocked[0]);
    assertTrue(hmLocked[1].contains("Too many failed logins"), hmLocked[1]);

    assertEquals("200", PAIR.getFrom("127.0.0.67", "primary", 9443, "/api/devices", admin, password)[0], "another address");
    assertEquals("200", PAIR.getFrom("127.0.0.67", "primary", 8082, "/api/events", "root", key)[0], "another address");
    assertEquals(200, PAIR.get("primary", 9443, "/api/devices", admin, password).statusCode(), "the test's own address");
    assertTrue(PAIR.logs("primary").contains("Admin login locked until"), "the lock is logged");
  }

  /**
   * The guide's patching procedure sets the Failover Type to Manual on a configured pair: the
   * change is made on one server and reaches the other at once, an event on both; bad input
   * changes nothing. The pair goes back to automatic for the failover below, which then happens.
   */
  @Test
  @Order(3)
  void the_failover_type_and_mail_list_change_on_the_running_pair_on_both_servers() throws Exception {
    HttpResponse<String> bad = PAIR.put("primary", 9443, "/api/admin/ha/settings", admin, adminPassword,
        "{\"failoverType\":\"sometimes\",\"failbackType\":\"automatic\",\"emailAddress\":\"noc\"}");
    assertEquals(400, bad.statusCode(), bad.body());
    assertTrue(bad.body().contains("Failback Type: Automatic is for MSE pairs"), bad.body());
    assertTrue(bad.body().contains("Failover Type: must be Manual or Automatic, was 'sometimes'"), bad.body());
    assertTrue(bad.body().contains("Email Address: 'noc' is not an e-mail address"), bad.body());
    assertEquals("automatic", Pair.field(PAIR.get("secondary", 8082, "/api/status", null, null).body(), "failoverType"));

    HttpResponse<String> manual = PAIR.put("primary", 9443, "/api/admin/ha/settings", admin, adminPassword,
        "{\"failoverType\":\"manual\",\"emailAddress\":\"noc@example.com\"}");
    assertEquals(200, manual.statusCode(), manual.body());
    Pair.await("Manual on both servers", Duration.ofSeconds(5), () -> "manual".equals(failoverType("primary"))
        && "manual".equals(failoverType("secondary")));
    String key = PAIR.get("AUTH_KEY");
    Pair.await("the change as an event on both", Duration.ofSeconds(5),
        () -> PAIR.events("primary", key).contains("HA settings changed by the administrator: Failover Type Manual")
            && PAIR.events("secondary", key).contains("HA settings changed on the peer: Failover Type Manual")
            && PAIR.events("secondary", key).contains("Email Address list changed on the peer to noc@example.com"));

    HttpResponse<String> back = PAIR.put("secondary", 9443, "/api/admin/ha/settings", admin, adminPassword,
        "{\"failoverType\":\"automatic\",\"emailAddress\":\"noc@example.com, oncall@example.com\"}");
    assertEquals(200, back.statusCode(), "either server takes the change: " + back.body());
    Pair.await("Automatic on both servers", Duration.ofSeconds(5), () -> "automatic".equals(failoverType("primary"))
        && "automatic".equals(failoverType("secondary")));
  }

  private static String failoverType(String node) throws Exception {
    return Pair.field(PAIR.get(node, 8082, "/api/status", null, null).body(), "failoverType");
  }

  @Test
  @Order(3)
  void the_passive_secondary_answers_503_naming_the_active_server_and_writes_nothing() throws Exception {
    HttpResponse<String> r = addDevice("secondary", "rejected-switch");
    assertEquals(503, r.statusCode());
    assertTrue(r.body().contains("passive"), r.body());
    assertEquals(PAIR.primary, Pair.field(r.body(), "activeServer"));
    assertFalse(listed("primary", "rejected-switch"));
    assertFalse(listed("secondary", "rejected-switch"));
  }

  @Test
  @Order(3)
  void failover_readiness_runs_on_demand_on_both_servers_and_keeps_its_history() throws Exception {
    String key = PAIR.get("AUTH_KEY");
    assertEquals(401, PAIR.post("primary", 8082, "/api/readiness", null, null, null).statusCode(), "root and the key are required");
    for (String node : new String[] {"primary", "secondary"}) {
      HttpResponse<String> run = PAIR.post(node, 8082, "/api/readiness", "root", key, null);
      assertEquals(200, run.statusCode(), run.body());
      for (String name : new String[] {"SYSTEM - CHECK DISK IOPS", "NETWORK - CHECK NETWORK INTERFACE BANDWIDTH",
          "NETWORK - CHECK NETWORK BANDWIDTH SPEED", "DATABASE - SYNC STATUS", "SYSTEM - CHECK CLOCK OFFSET"}) {
        assertTrue(Json.has(run.body(), "name", name), name + " ran on the " + node + ": " + run.body());
      }
      assertEquals("Pass", CopyFaultsIT.status(run.body(), "DATABASE - SYNC STATUS"), node + ": " + run.body());
      assertEquals("Warning", CopyFaultsIT.status(run.body(), "HA - WITNESS"),
          "automatic failover without a witness is a warning: " + run.body());
      // The pair became an Operations Center above, and its servers are named by addresses.
      assertEquals("Warning", CopyFaultsIT.status(run.body(), "HA - OPERATIONS CENTER HOST NAMES"), run.body());
      assertTrue(run.body().contains("is named by its IP address, not a host name"), run.body());
      CopyFaultsIT.assertMeasuredWithRealData(run.body());
      double clocksApart = CopyFaultsIT.value(run.body(), "SYSTEM - CHECK CLOCK OFFSET");
      // Both nodes read this machine's one clock: the estimate's error is all there is.
      assertTrue(clocksApart <= 50, node + " estimates the clocks " + clocksApart + " ms apart");
    }
    HttpResponse<String> latest = PAIR.get("primary", 8082, "/api/readiness", "root", key);
    assertEquals(200, latest.statusCode(), latest.body());
    assertTrue(Json.has(latest.body(), "set", "failover"), latest.body());
    HttpResponse<String> history = PAIR.get("primary", 8082, "/api/readiness/history", "root", key);
    assertEquals(200, history.statusCode(), history.body());
    assertTrue(Json.has(history.body(), "name", "DATABASE - SYNC STATUS"), history.body());
    HttpResponse<String> badRange = PAIR.get("primary", 8082, "/api/readiness/history?from=yesterday", "root", key);
    assertEquals(400, badRange.statusCode());
    assertTrue(badRange.body().contains("from, to: must be ISO-8601"), badRange.body());
  }

  /** The large file of the cut transfer: at the ~15 MB/s of the tests' C1-only JVMs its transfer lasts long enough to be cut. */
  private static final long LARGE_FILE_BYTES = 400L * 1024 * 1024;

  /**
   * A transfer cut in the middle (issue 14): the receiving secondary's JVM is killed (SIGKILL)
   * while a large file streams into its {@code .incoming}. Nothing appears at the file's path;
   * the restarted secondary clears {@code .incoming} and the next run brings the file whole.
   */
  @Test
  @Order(4)
  void a_file_transfer_cut_by_killing_the_receiver_leaves_no_partial_file_and_completes_after_its_restart() throws Exception {
    Path staging = PAIR.dir.resolve("large-image.staging");
    Path source = PAIR.dir.resolve("primary/files/tftp/large-image.bin");
    Path onSecondary = PAIR.dir.resolve("secondary/files/tftp/large-image.bin");
    Path incoming = PAIR.dir.resolve("secondary/files/.incoming");
    java.time.Instant start = java.time.Instant.now();
    boolean secondaryDown = false;
    try {
      // Written beside the node directories (same file system), then moved in with one rename:
      // the watch sees the file whole.
      String sha256 = writeRandom(staging, LARGE_FILE_BYTES);
      Files.move(staging, source, java.nio.file.StandardCopyOption.ATOMIC_MOVE);

      Path[] part = {null};
      long[] size = {-1};
      Pair.await("a .part file growing in the secondary's .incoming", Duration.ofSeconds(60), () -> {
        List<Path> parts = partFiles(incoming);
        if (parts.size() != 1) {
          return false;
        }
        long now = Files.size(parts.get(0));
        boolean growing = parts.get(0).equals(part[0]) && now > size[0] && size[0] > 0;
        part[0] = parts.get(0);
        size[0] = now;
        // Well into it and well short of the end: the kill lands in the middle of the transfer.
        return growing && now >= LARGE_FILE_BYTES / 10 && now < LARGE_FILE_BYTES * 3 / 4;
      });
      secondaryDown = true;
      assertEquals(0, PAIR.haPair(Duration.ofSeconds(60), "kill", "secondary"));
      System.out.println("[it] killed the receiving secondary with " + size[0] + " of " + LARGE_FILE_BYTES
          + " bytes in " + part[0].getFileName());
      assertFalse(Files.exists(onSecondary), "no file, whole or partial, at the path on the secondary");
      assertTrue(Files.exists(part[0]), "the cut transfer left only its temporary file");
      assertTrue(Files.size(part[0]) < LARGE_FILE_BYTES, "the transfer was cut before its end");

      assertEquals(0, PAIR.haPair(Duration.ofMinutes(4), "start", "secondary"));
      secondaryDown = false;
      Pair.await("the restarted secondary cleared the cut transfer's .part", Duration.ofSeconds(60),
          () -> !Files.exists(part[0]));
      Pair.await("the file whole on the secondary", Duration.ofSeconds(180),
          () -> Files.exists(onSecondary) && Files.size(onSecondary) == LARGE_FILE_BYTES);
      assertEquals(sha256, sha256(onSecondary), "the same content as on the primary");
      assertEquals(List.of(), partFiles(incoming), "nothing left in .incoming");
      Pair.await("Primary Active + Secondary Syncing after the restart", Duration.ofSeconds(120),
          () -> "Primary Active".equals(PAIR.state("primary")) && "Secondary Syncing".equals(PAIR.state("secondary")));
      Pair.await("the primary's file sync has nothing pending and no failure", Duration.ofSeconds(30), () -> {
        JsonObject fileSync = Json.parse(PAIR.get("primary", 8082, "/api/status", null, null).body()).asJsonObject()
            .getJsonObject("fileSync");
        return fileSync.getInt("pendingFiles") == 0 && fileSync.isNull("lastError");
      });
      System.out.println("[it] the cut file arrived whole " + Duration.between(start, java.time.Instant.now()).toSeconds()
          + " s after it was moved in");

      Files.delete(source);
      Pair.await("the deletion on the secondary", Duration.ofSeconds(30), () -> !Files.exists(onSecondary));
    } finally {
      if (secondaryDown) {
        PAIR.haPair(Duration.ofMinutes(4), "start", "secondary"); // for the tests below, after a failure here
      }
      // A failed run must not leave 400 MB behind: the nodes' copies go with the pair's next 'up'.
      Files.deleteIfExists(staging);
      Files.deleteIfExists(source);
    }
  }

  /** The temporary files of transfers in progress (or cut) in a node's .incoming. */
  private static List<Path> partFiles(Path incoming) throws java.io.IOException {
    if (!Files.isDirectory(incoming)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(incoming)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".part")).toList();
    }
  }

  /** Writes {@code bytes} random bytes to a new file; returns their SHA-256 (hex). */
  private static String writeRandom(Path file, long bytes) throws Exception {
    java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
    java.util.Random random = new java.util.Random();
    byte[] buffer = new byte[1024 * 1024];
    try (java.io.OutputStream out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.CREATE_NEW)) {
      for (long left = bytes; left > 0; left -= buffer.length) {
        int n = (int) Math.min(buffer.length, left);
        random.nextBytes(buffer);
        out.write(buffer, 0, n);
        digest.update(buffer, 0, n);
      }
    }
    return java.util.HexFormat.of().formatHex(digest.digest());
  }

  private static String sha256(Path file) throws Exception {
    java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
    byte[] buffer = new byte[1024 * 1024];
    try (java.io.InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return java.util.HexFormat.of().formatHex(digest.digest());
  }

  /**
   * A primary whose database stops answering for 20 s (every PostgreSQL process SIGSTOPped) is
   * not failed over from, automatic failover and no hold-down notwithstanding: the Health Monitor
   * waits for its database only as long as its peer can miss it (5 s heartbeats here), so the
   * secondary never counts three misses. Before that bound the loop waited 10 s twice, and the
   * secondary took over from a primary that still called itself active.
   */
  @Test
  @Order(5)
  void a_primary_whose_database_freezes_for_20_s_is_not_failed_over_from() throws Exception {
    Pair.await("Primary Active + Secondary Syncing", Duration.ofSeconds(120),
        () -> "Primary Active".equals(PAIR.state("primary")) && "Secondary Syncing".equals(PAIR.state("secondary")));
    List<String> frozen = PAIR.databaseProcesses("primary");
    Pair.signal(frozen, "STOP");
    int worst = 0;
    try {
      java.time.Instant end = java.time.Instant.now().plusSeconds(20);
      while (java.time.Instant.now().isBefore(end)) {
        String status = PAIR.get("secondary", 8082, "/api/status", null, null).body();
        assertEquals("Secondary Syncing", Json.field(status, "state"), "the secondary left Syncing: " + status);
        worst = Math.max(worst, Integer.parseInt(Json.field(status, "missedHeartbeats")));
        Thread.sleep(500); // the sampling interval of an invariant held for 20 s, not a wait for a condition
      }
    } finally {
      Pair.signal(frozen, "CONT");
    }
    System.out.println("[it] a 20 s database freeze on the primary: at most " + worst + " missed heartbeat(s) on the secondary");
    assertTrue(worst < 3, "missed " + worst);
    Pair.await("the primary takes writes again", Duration.ofSeconds(60),
        () -> addDevice("primary", "after-the-freeze").statusCode() == 201);
    assertEquals("Primary Active", PAIR.state("primary"));
    assertEquals("Secondary Syncing", PAIR.state("secondary"));
  }

  @Test
  @Order(6)
  void killing_the_primary_jvm_makes_the_secondary_active_and_writable_within_60_s() throws Exception {
    assertEquals(0, PAIR.haPair(Duration.ofSeconds(30), "kill", "primary"));
    Duration took = Pair.await("Secondary Active", Duration.ofSeconds(60),
        () -> "Secondary Active".equals(PAIR.state("secondary")));
    System.out.println("[it] failover after SIGKILL of the primary took " + took.toMillis() + " ms");
    // The secondary mails the list it was given at registration: it is the one left.
    Pair.await("the failover mail", Duration.ofSeconds(30),
        () -> mailedToBoth("ncs-ha Secondary 127.0.2.2: Secondary Active - Failover completed"));
    List<String> subjects = new java.util.ArrayList<>();
    for (MimeMessage m : MAIL.getReceivedMessages()) {
      subjects.add(m.getSubject());
    }
    int lost = firstContaining(subjects, "The secondary lost the primary");
    int done = firstContaining(subjects, "Failover completed");
    assertTrue(lost >= 0 && lost < done, "mailed in the order it happened: " + subjects);
    assertEquals(201, addDevice("secondary", "edge-after-failover").statusCode());
    assertEquals(201, saveTemplate("secondary", "after-failover", "saved on the secondary").statusCode(),
        "the active secondary takes templates");
    // A licence file (the batch class, sent every 500 s) while the primary is down: the watch's
    // run cannot reach it, and the failback below must bring it over before the roles switch.
    Files.writeString(PAIR.dir.resolve("secondary/files/licenses/ncs.lic"), "licence installed during the failover");
    assertTrue(listed("secondary", "core-router-1"), "nothing written before the failover is lost");
    assertEquals(200, PAIR.get("secondary", 9443, "/health/ready", null, null).statusCode());
  }

  /** The guide: on failover "all managed instances ... are automatically carried over to the secondary server". */
  @Test
  @Order(7)
  void after_the_failover_the_secondary_operations_center_has_the_instance_and_goes_on_looking_at_it() throws Exception {
    assertEquals(201, instance.post("primary", 9443, "/api/devices", instanceAdmin(), instancePassword(),
        "{\"name\":\"oc-switch-3\",\"address\":\"10.9.0.3\"}").statusCode());
    Pair.await("the active secondary's look finds the instance's third device", Duration.ofSeconds(30),
        () -> Json.has(ocInstances("secondary"), "deviceCount", "3"));
    HttpResponse<String> overview = PAIR.get("secondary", 9443, "/api/operations-center", admin, adminPassword);
    assertEquals("true", Json.field(overview.body(), "activated"), overview.body());
  
    // The client registered on the primary, and the key that signed its tokens: the active
    // secondary signs the user in for the instance as the primary did.
    var claims = SSO_CLIENT.signIn("secondary", admin, adminPassword, ssoKeySet);
    assertEquals(SSO_ISSUER, claims.getString("iss"));
    assertEquals(admin, claims.getString("sub"));
  }

  @Test
  @Order(8)
  void the_restarted_primary_never_takes_writes_and_syncs_from_the_secondary() throws Exception {
    assertEquals(0, PAIR.haPair(Duration.ofMinutes(4), "start", "primary"));
    Pair.await("Primary Syncing", Duration.ofSeconds(120), () -> "Primary Syncing".equals(PAIR.state("primary")));
    assertEquals(503, addDevice("primary", "rejected-on-old-primary").statusCode());
    Pair.await("the failover write on the old primary", Duration.ofSeconds(10), () -> listed("primary", "edge-after-failover"));
    // Files follow the role: the active secondary sends them to the passive primary.
    Pair.await("the failover's template on the old primary", Duration.ofSeconds(15),
        () -> "saved on the secondary".equals(template("primary", "after-failover")));
  }

  @Test
  @Order(9)
  void failback_from_the_secondarys_health_monitor_restores_the_primary() throws Exception {
    String key = PAIR.get("AUTH_KEY");
    assertEquals(401, PAIR.post("secondary", 8082, "/api/actions/failback", "root", "Wrong-Key-1", null).statusCode());
    HttpResponse<String> refused = PAIR.post("primary", 8082, "/api/actions/failback", "root", key, null);
    assertEquals(409, refused.statusCode());
    assertTrue(refused.body().contains("Primary Syncing"), refused.body());

    assertEquals(202, PAIR.post("secondary", 8082, "/api/actions/failback", "root", key, null).statusCode());
    Pair.await("Primary Active + Secondary Syncing", Duration.ofSeconds(120),
        () -> "Primary Active".equals(PAIR.state("primary")) && "Secondary Syncing".equals(PAIR.state("secondary")));
    assertEquals("licence installed during the failover",
        Files.readString(PAIR.dir.resolve("primary/files/licenses/ncs.lic")), "the failback handed every file back");
    Pair.await("the primary takes writes again", Duration.ofSeconds(30),
        () -> addDevice("primary", "after-failback").statusCode() == 201);
    Pair.await("after-failback on the secondary", Duration.ofSeconds(5), () -> listed("secondary", "after-failback"));
  }

  @Test
  @Order(10)
  void a_frozen_primary_that_comes_back_steps_down_and_its_forked_write_is_kept() throws Exception {
    PAIR.signalLiberty("primary", "STOP");
    Duration took = Pair.await("Secondary Active", Duration.ofSeconds(60),
        () -> "Secondary Active".equals(PAIR.state("secondary")));
    System.out.println("[it] failover from a frozen (SIGSTOP) primary took " + took.toMillis() + " ms");
    HttpResponse<String> onSecondary = PAIR.post("secondary", 9443, "/api/devices", admin, adminPassword,
        "{\"name\":\"written-on-secondary\",\"address\":\"10.2.0.1\"}");
    assertEquals(201, onSecondary.statusCode(), onSecondary.body());

    // While its Health Monitor is frozen, the primary's database is still writable: the fork.
    assertTrue(PAIR.writable("primary"), "the isolated primary's database still takes writes");
    try (Connection c = PAIR.database("primary"); Statement s = c.createStatement()) {
      s.execute("insert into managed_device(name, address) values ('written-on-isolated-primary', '10.2.0.2')");
    }

    PAIR.signalLiberty("primary", "CONT");
    Pair.await("the primary steps down to Primary Syncing", Duration.ofSeconds(120),
        () -> "Primary Syncing".equals(PAIR.state("primary")));
    assertFalse(PAIR.writable("primary"), "the old primary is a standby");
    assertTrue(PAIR.writable("secondary"), "the secondary stays the one writable database");
    Pair.await("the secondary's write on the old primary", Duration.ofSeconds(10),
        () -> PAIR.get("primary", 9443, "/api/devices", admin, adminPassword).body().contains("written-on-secondary"));
    assertFalse(PAIR.get("secondary", 9443, "/api/devices", admin, adminPassword).body().contains("written-on-isolated-primary"));

    HttpResponse<String> events = PAIR.get("primary", 9443, "/api/admin/ha/status", admin, adminPassword);
    assertTrue(events.body().contains("had diverged from " + PAIR.secondary + " at WAL location"), events.body());
    Path forks = PAIR.dir.resolve("primary/forks");
    try (Stream<Path> kept = java.nio.file.Files.list(forks)) {
      assertTrue(kept.anyMatch(p -> java.nio.file.Files.exists(p.resolve("PG_VERSION"))), "the pre-rewind data is kept in " + forks);
    }
  }
}

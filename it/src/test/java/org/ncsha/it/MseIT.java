package org.ncsha.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An MSE pair (issue 15) in ha-pair's network lab and the admin server that pairs and watches it:
 * two nodes of kind {@code mse} (a VA-2 primary, a VA-3 secondary) set up by the setup script's
 * flags, answering getserverinfo; a server on loopback, without HA, adds both on its Mobility
 * Services Engines REST, refuses a pairing the guide's matrix forbids, pairs them (automatic
 * failover, manual failback), and the running pair is switched to automatic failback. Then a
 * client that knows only the virtual IP records location sightings while the whole primary fails:
 * the secondary takes over by itself, the admin server raises the critical alarm, the primary is
 * started again and the secondary hands back by itself once the primary has been healthy for the
 * failback delay, with no acknowledged sighting lost. The steps build on each other, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("netns")
class MseIT {
  private static final String SUBNET = "10.213.14";
  private static final String PRIMARY = SUBNET + ".11";
  private static final String SECONDARY = SUBNET + ".12";
  private static final String VIP = SUBNET + ".100";
  private static final String CLIENT_NS = "ncs-lab-c";
  private static final int FAILBACK_DELAY_SECONDS = 10;
  /** Each MSE's Prime Infrastructure password, as its setup is given it. */
  private static final Map<String, String> PI_PASSWORD = Map.of("primary", "Mse-pi-pw-9P", "secondary", "Mse-pi-pw-9S");

  /** Prime Infrastructure: a server without HA on loopback, which reaches the lab over its bridge; started beside the lab. */
  private static final PairExtension ADMIN_SERVER = PairExtension.loopback("it-mse-admin", "127.0.5.1", "127.0.5.2").single();

  @RegisterExtension
  static final PairExtension LAB = PairExtension.lab("it-mse", SUBNET).vip(VIP, null).env("REGISTER", "no")
      .env("SYNC_REPLICATION", "yes")
      .env("NODE_SETTINGS", "node.kind=mse mse.appliance.type=VA-2 failback.delay.seconds=" + FAILBACK_DELAY_SECONDS)
      .env("SECONDARY_NODE_SETTINGS", "mse.appliance.type=VA-3").with(ADMIN_SERVER);
  private static Pair pair;
  private static Pair adminServer;
  private static String admin;
  private static String adminPassword;
  private static Browser browser;

  @BeforeAll
  static void up() throws Exception {
    pair = LAB.pair();
    admin = pair.get("ADMIN_USER");
    adminPassword = pair.get("ADMIN_PASSWORD");
    adminServer = ADMIN_SERVER.pair();
  }

  @Test
  @Order(10)
  void each_mse_is_set_up_by_its_script_and_answers_getserverinfo() throws Exception {
    Command refused = setup("primary", List.of("--role", "primary"));
    assertEquals(2, refused.code(), refused.out());
    assertTrue(refused.out().contains("Virtual IP address: Not configured for this Primary MSE"), refused.out());
    Command primary = setup("primary", List.of("--role", "primary", "--virtual-ip", VIP,
        "--virtual-ip-netmask", "255.255.255.0", "--recovery-mode", "no"));
    assertEquals(0, primary.code(), primary.out());
    assertTrue(primary.out().contains("The Prime Infrastructure password is also this MSE's HA authentication key"),
        primary.out());
    Command secondary = setup("secondary", List.of("--role", "secondary"));
    assertEquals(0, secondary.code(), secondary.out());

    String p = serverInfo("primary");
    for (String line : List.of("Hostname: mse-primary", "Appliance type: VA-2", "Health Monitor address: " + PRIMARY,
        "Virtual IP: " + VIP, "High availability role: Primary", "HA state: HA Not Configured", "Paired with: none")) {
      assertTrue(p.contains(line), "the primary's getserverinfo has '" + line + "':\n" + p);
    }
    String s = serverInfo("secondary");
    for (String line : List.of("Appliance type: VA-3", "High availability role: Secondary", "Virtual IP: none")) {
      assertTrue(s.contains(line), "the secondary's getserverinfo has '" + line + "':\n" + s);
    }
  }

  @Test
  @Order(20)
  void the_admin_server_adds_both_refuses_what_the_matrix_forbids_and_pairs_them() throws Exception {
    HttpResponse<String> wrong = addMse(PRIMARY, "Not-the-pw-1");
    assertEquals(400, wrong.statusCode(), wrong.body());
    assertTrue(wrong.body().contains("password: the MSE at " + PRIMARY + " refused it"), wrong.body());
    HttpResponse<String> notAnMse = addMse(SUBNET + ".13", "Mse-pi-pw-9P");
    assertEquals(400, notAnMse.statusCode(), "the client namespace runs no MSE: " + notAnMse.body());
    assertTrue(notAnMse.body().contains("address: no answer from the Health Monitor at " + SUBNET + ".13"), notAnMse.body());
    HttpResponse<String> added = addMse(PRIMARY, PI_PASSWORD.get("primary"));
    assertEquals(201, added.statusCode(), added.body());
    assertEquals("VA-2", Pair.field(added.body(), "applianceType"));
    assertEquals(201, addMse(SECONDARY, PI_PASSWORD.get("secondary")).statusCode());
    HttpResponse<String> twice = addMse(SECONDARY, PI_PASSWORD.get("secondary"));
    assertEquals(400, twice.statusCode(), twice.body());
    assertTrue(twice.body().contains("address: the MSE at " + SECONDARY + " is in the list already"), twice.body());

    // The VA-3 secondary as the primary of the VA-2 one: the matrix (and the roles their setups gave) refuse it.
    HttpResponse<String> reversed = pairMses(SECONDARY, "secondary", PRIMARY, "primary");
    assertEquals(400, reversed.statusCode(), reversed.body());
    assertTrue(reversed.body().contains("secondaryType: a VA-3 primary cannot be backed by a VA-2 secondary (pairing"
        + " matrix"), reversed.body());
    assertTrue(reversed.body().contains("primaryAddress: mse-secondary was set up as a Secondary MSE"), reversed.body());
    assertEquals("HA Not Configured", pair.state("primary"), "a refused pairing changes nothing");

    // The pairing that goes through, once through the page (Services > Mobility Services Engines).
    browser = new Browser(1280, 1000);
    browser.open(adminServerPage());
    browser.await("both MSEs listed on the page", Duration.ofSeconds(30),
        () -> browser.text("mse:appliances").contains("mse-primary") && browser.text("mse:appliances").contains("mse-secondary"));
    browser.type("mse:primaryAddress", PRIMARY);
    browser.type("mse:primaryPassword", PI_PASSWORD.get("primary"));
    browser.type("mse:secondaryAddress", SECONDARY);
    browser.type("mse:secondaryPassword", PI_PASSWORD.get("secondary"));
    browser.driver.findElement(org.openqa.selenium.By.cssSelector("label[for='mse:failoverType:1']")).click();
    browser.click("mse:pairMses");
    browser.await("the page says the pairing started", Duration.ofSeconds(30),
        () -> browser.text("mse:messages").contains("Pairing started: mse-primary (" + PRIMARY + ") with mse-secondary ("
            + SECONDARY + "), failover automatic, failback manual"));
    browser.screenshot("mse-pairing");
    Pair.await("the MSE pair registered", Duration.ofMinutes(4),
        () -> "Primary Active".equals(pair.state("primary")) && "Secondary Syncing".equals(pair.state("secondary")));
    Pair.await("the admin server's list shows the pair", Duration.ofSeconds(30), () -> {
      String list = adminServer.get("primary", 9443, "/api/mse/appliances", adminUser(), adminServerPassword()).body();
      return list.contains("\"haState\":\"Primary Active\"") && list.contains("\"haState\":\"Secondary Syncing\"")
          && list.contains("\"pairedWith\":\"" + PRIMARY + "\"");
    });
    Pair.await("the pairing's steps among the admin server's events", Duration.ofSeconds(30), () -> alarms().contains(
        "\"severity\":\"INFO\",\"mseAddress\":\"" + PRIMARY + "\",\"message\":\"MSE mse-primary (" + PRIMARY
            + "): Primary Active (was "));
    String s = serverInfo("secondary");
    for (String line : List.of("HA state: Secondary Syncing", "Paired with: " + PRIMARY,
        "Service Name: Database, Operation Status: Up (a standby of the peer's)",
        "Service Name: Context Aware Service, Operation Status: Down")) {
      assertTrue(s.contains(line), "the secondary's getserverinfo has '" + line + "':\n" + s);
    }
    HttpResponse<String> bad = pair.post("primary", 9443, "/api/mse/locations", admin, adminPassword,
        "{\"clientMac\":\"not-a-mac\",\"floor\":\"1\",\"x\":1,\"y\":2}");
    assertEquals(400, bad.statusCode(), bad.body());
    assertTrue(bad.body().contains("clientMac: six pairs of hex digits"), bad.body());
    HttpResponse<String> passive = pair.post("secondary", 9443, "/api/mse/locations", admin, adminPassword,
        "{\"clientMac\":\"02:00:00:00:00:01\",\"floor\":\"1\",\"x\":1,\"y\":2}");
    assertEquals(503, passive.statusCode(), "the inactive secondary takes no sighting: " + passive.body());
  }

  @Test
  @Order(30)
  void the_failback_type_paired_manual_becomes_automatic_on_the_running_pair() throws Exception {
    assertEquals("manual", failbackType("secondary"), "paired with manual failback");
    assertEquals("automatic", Pair.field(pair.get("secondary", 8082, "/api/status", null, null).body(), "failoverType"));
    HttpResponse<String> automatic = pair.put("primary", 9443, "/api/admin/ha/settings", admin, adminPassword,
        "{\"failoverType\":\"automatic\",\"failbackType\":\"automatic\"}");
    assertEquals(200, automatic.statusCode(), automatic.body());
    Pair.await("automatic failback on both MSEs", Duration.ofSeconds(10),
        () -> "automatic".equals(failbackType("primary")) && "automatic".equals(failbackType("secondary")));
    // Registration gave the pair one key: the secondary's password.
    String events = pair.events("secondary", PI_PASSWORD.get("secondary"));
    assertTrue(events.contains("HA settings changed on the peer: Failover Type Automatic; Failback Type changed from Manual"
        + " to Automatic"), events);
  }

  private static String failbackType(String node) throws Exception {
    return Pair.field(pair.get(node, 8082, "/api/status", null, null).body(), "failbackType");
  }

  @Test
  @Order(40)
  void the_primary_fails_the_secondary_takes_over_with_the_alarm_and_fails_back_by_itself_with_no_sighting_lost()
      throws Exception {
    try (VipWriter writer = VipWriter.locations(CLIENT_NS, VIP, "mse", admin, adminPassword, 900)) {
      Pair.await("sightings through the virtual IP", Duration.ofSeconds(30), () -> writer.acknowledged().size() >= 10);
      Instant off = Instant.now();
      assertEquals(0, pair.haPair(Duration.ofMinutes(1), "poweroff", "primary"), "ha-pair poweroff primary");
      Pair.await("the secondary takes over by itself", Duration.ofSeconds(90),
          () -> "Secondary Active".equals(pair.state("secondary")));
      awaitSightingsAfter(writer, Instant.now(), "on the secondary");
      assertTrue(serverInfo("secondary").contains("Service Name: Context Aware Service, Operation Status: Up"),
          "the secondary's location service runs");
      System.out.println("MseIT: automatic failover, client-visible outage " + writer.longestGapAfter(off.minusSeconds(5))
          .toMillis() + " ms");
      Pair.await("the critical alarm on the admin server", Duration.ofSeconds(30), () -> alarms().contains(
          "\"severity\":\"CRITICAL\",\"mseAddress\":\"" + SECONDARY + "\",\"message\":\"MSE failover: the secondary MSE"
              + " mse-secondary (" + SECONDARY + ") took over from the primary " + PRIMARY));
      browser.open(adminServerPage());
      assertTrue(browser.text("mse:alarms").contains("CRITICAL"), "the page's Alarms list: " + browser.text("mse:alarms"));
      assertTrue(browser.text("mse:appliances").contains("Secondary Active"), browser.text("mse:appliances"));
      browser.screenshot("mse-alarms");

      assertEquals(0, pair.haPair(Duration.ofMinutes(5), "poweron", "primary"), "ha-pair poweron primary");
      Instant back = Instant.now();
      // Nobody presses Failback: the secondary starts it once the primary has been steady for the delay.
      Pair.await("the pair fails back by itself", Duration.ofSeconds(240),
          () -> "Primary Active".equals(pair.state("primary")) && "Secondary Syncing".equals(pair.state("secondary")));
      String events = pair.events("secondary", PI_PASSWORD.get("secondary"));
      assertTrue(events.contains("automatic failback: the primary has been healthy in Primary Syncing for"), events);
      awaitSightingsAfter(writer, Instant.now(), "on the primary again");
      System.out.println("MseIT: from the primary's start to the pair steady after the automatic failback "
          + Duration.between(back, Instant.now()).toSeconds() + " s");
      Pair.await("the failback clears the alarm", Duration.ofSeconds(30),
          () -> alarms().contains("\"severity\":\"CLEARED\",\"mseAddress\":\"" + SECONDARY + "\",\"message\":\"MSE failback"));
      writer.close();
      List<String> acknowledged = writer.acknowledged();
      Set<String> stored = new HashSet<>(List.of(sql("primary",
          "select floor || '-' || x::bigint from mse_location where floor = 'mse'").split("\n")));
      List<String> lost = acknowledged.stream().filter(n -> !stored.contains(n)).toList();
      assertTrue(acknowledged.size() > 20, "the client recorded: " + acknowledged.size());
      assertEquals(List.of(), lost, "acknowledged sightings lost (of " + acknowledged.size() + ")");
    }
  }

  /**
   * The guide's "Replace Primary MSEs": the primary fails over to the secondary, a new primary
   * (new hardware: a new certificate, an empty database) is set up with the old one's settings
   * and HA recovery mode, serves nothing on its own, and the failback from the admin server
   * brings it the pair's data. The pair's key is the secondary's password (the pairing made it
   * so), so that is the replacement's Prime Infrastructure password.
   */
  @Test
  @Order(50)
  void a_replaced_primary_set_up_in_recovery_mode_gets_the_pairs_data_through_the_failback_from_the_admin_server()
      throws Exception {
    try (VipWriter writer = VipWriter.locations(CLIENT_NS, VIP, "replaced", admin, adminPassword, 900)) {
      Pair.await("sightings through the virtual IP", Duration.ofSeconds(30), () -> writer.acknowledged().size() >= 10);
      assertEquals(0, pair.haPair(Duration.ofMinutes(1), "poweroff", "primary"), "ha-pair poweroff primary");
      Pair.await("the secondary takes over by itself", Duration.ofSeconds(90),
          () -> "Secondary Active".equals(pair.state("secondary")));
      awaitSightingsAfter(writer, Instant.now(), "on the secondary");

      assertEquals(0, pair.haPair(Duration.ofMinutes(1), "replace", "primary"), "ha-pair replace primary");
      pair.forgetClients(); // the new primary has a certificate of its own, as new hardware does
      String pairKey = PI_PASSWORD.get("secondary");
      Command setup = setup("primary", pairKey, List.of("--role", "primary", "--virtual-ip", VIP, "--virtual-ip-netmask",
          "255.255.255.0", "--recovery-mode", "yes"));
      assertEquals(0, setup.code(), setup.out());
      assertEquals(0, pair.haPair(Duration.ofMinutes(5), "poweron", "primary"), "ha-pair poweron primary");
      String recovering = serverInfo("primary");
      assertTrue(recovering.contains("HA state: HA Not Configured") && recovering.contains(
          "Service Name: Context Aware Service, Operation Status: Down (HA recovery mode: this replaced primary MSE serves"
              + " nothing"), recovering);
      HttpResponse<String> refused = pair.post("primary", 9443, "/api/mse/locations", admin, adminPassword,
          "{\"clientMac\":\"02:00:00:00:00:02\",\"floor\":\"1\",\"x\":1,\"y\":2}");
      assertEquals(503, refused.statusCode(), "the replaced primary takes no sighting before the failback: " + refused.body());

      // The admin server trusts the old primary's certificate only: delete it from the list, add the new one.
      Pair.await("the admin server no longer trusts the primary", Duration.ofSeconds(30), () -> appliances().contains(
          "a replaced MSE is not trusted"));
      HttpResponse<String> deleted = adminServer.delete("primary", 9443, "/api/mse/appliances/" + PRIMARY, adminUser(),
          adminServerPassword());
      assertEquals(200, deleted.statusCode(), deleted.body());
      HttpResponse<String> added = addMse(PRIMARY, pairKey);
      assertEquals(201, added.statusCode(), added.body());
      assertTrue(added.body().contains("\"haState\":\"HA Not Configured\""), added.body());

      HttpResponse<String> failback = adminServer.post("primary", 9443, "/api/mse/failbacks", adminUser(),
          adminServerPassword(), "{\"secondaryAddress\":\"" + SECONDARY + "\",\"secondaryPassword\":\"" + pairKey
              + "\",\"primaryReplaced\":true}", Duration.ofSeconds(90));
      assertEquals(202, failback.statusCode(), failback.body());
      assertTrue(failback.body().contains("Failback started: mse-secondary (" + SECONDARY + ") hands over to the primary MSE "
          + PRIMARY + ", which first receives the pair's data"), failback.body());
      Pair.await("the pair fails back onto the replaced primary", Duration.ofMinutes(4),
          () -> "Primary Active".equals(pair.state("primary")) && "Secondary Syncing".equals(pair.state("secondary")));
      awaitSightingsAfter(writer, Instant.now(), "on the replaced primary");
      assertTrue(serverInfo("primary").contains("Service Name: Context Aware Service, Operation Status: Up"),
          serverInfo("primary"));
      assertTrue(pair.events("primary", pairKey).contains("HA recovery mode ended"), pair.events("primary", pairKey));
      writer.close();
      Set<String> stored = new HashSet<>(List.of(sql("primary",
          "select floor || '-' || x::bigint from mse_location where floor in ('mse', 'replaced')").split("\n")));
      List<String> lost = writer.acknowledged().stream().filter(n -> !stored.contains(n)).toList();
      assertEquals(List.of(), lost, "acknowledged sightings lost (of " + writer.acknowledged().size() + ")");
      assertTrue(stored.stream().anyMatch(n -> n.startsWith("mse-")), "the earlier test's sightings came with the failback");
    }
  }

  @org.junit.jupiter.api.AfterAll
  static void closeBrowser() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  private static String adminServerPage() throws Exception {
    return "https://" + adminUser() + ":" + adminServerPassword() + "@127.0.5.1:9443/admin/mse.xhtml";
  }

  private static HttpResponse<String> addMse(String address, String password) throws Exception {
    return adminServer.post("primary", 9443, "/api/mse/appliances", adminUser(), adminServerPassword(),
        "{\"address\":\"" + address + "\",\"password\":\"" + password + "\"}");
  }

  private static HttpResponse<String> pairMses(String primary, String primaryNode, String secondary, String secondaryNode)
      throws Exception {
    return adminServer.post("primary", 9443, "/api/mse/pairs", adminUser(), adminServerPassword(),
        "{\"primaryAddress\":\"" + primary + "\",\"primaryPassword\":\"" + PI_PASSWORD.get(primaryNode)
            + "\",\"secondaryAddress\":\"" + secondary + "\",\"secondaryPassword\":\"" + PI_PASSWORD.get(secondaryNode)
            + "\",\"failoverType\":\"automatic\",\"failbackType\":\"manual\"}");
  }

  private static String appliances() throws Exception {
    return adminServer.get("primary", 9443, "/api/mse/appliances", adminUser(), adminServerPassword()).body();
  }

  private static String alarms() throws Exception {
    return adminServer.get("primary", 9443, "/api/mse/alarms", adminUser(), adminServerPassword()).body();
  }

  private static String adminUser() throws Exception {
    return adminServer.get("ADMIN_USER");
  }

  private static String adminServerPassword() throws Exception {
    return adminServer.get("ADMIN_PASSWORD");
  }

  private static void awaitSightingsAfter(VipWriter writer, Instant since, String where) {
    try {
      Pair.await("sightings through the virtual IP " + where, Duration.ofSeconds(60), () -> writer.acknowledgedSince(since) > 0);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; the client's last error: " + writer.lastError(), e);
    }
  }

  /** The setup script's non-interactive mode on a node, with the mandatory parameters and {@code more}. */
  private static Command setup(String node, List<String> more) throws Exception {
    return setup(node, PI_PASSWORD.get(node), more);
  }

  private static Command setup(String node, String piPassword, List<String> more) throws Exception {
    List<String> command = new ArrayList<>(List.of(Pair.REPO.resolve("liberty/bin/mse-setup").toString(),
        "--node-dir", pair.dir.resolve(node).toString(), "--apply", "--hostname", "mse-" + node,
        "--eth0-address", node.equals("primary") ? PRIMARY : SECONDARY, "--eth0-netmask", "255.255.255.0",
        "--gateway", SUBNET + ".1", "--timezone", "UTC", "--ntp-servers", "none",
        "--root-password-env", "MSE_ROOT_PW", "--pi-password-env", "MSE_PI_PW"));
    command.addAll(more);
    return Command.run(command, Map.of("MSE_ROOT_PW", "Mse-Root-pw9x", "MSE_PI_PW", piPassword), "");
  }

  /** ncs-mse getserverinfo on a node (the CLI reaches the node's Health Monitor from the host). */
  private static String serverInfo(String node) throws Exception {
    Command r = Command.run(List.of(Pair.REPO.resolve("liberty/bin/ncs-mse").toString(), "getserverinfo", "--node-dir",
        pair.dir.resolve(node).toString()), Map.of(), "");
    assertEquals(0, r.code(), r.out());
    return r.out();
  }

  private static String sql(String node, String statement) throws Exception {
    return pair.sql(node.equals("primary") ? "ncs-lab-p" : "ncs-lab-s", SUBNET + (node.equals("primary") ? ".11" : ".12"),
        statement);
  }

}

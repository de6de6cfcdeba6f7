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
 * An MSE pair (issue 15) in ha-pair's network lab: two nodes of kind {@code mse}, registered with
 * manual failback and switched to automatic failover and failback on the running pair, set up by
 * the setup script's flags, answering getserverinfo;
 * a client that knows only the virtual IP records location sightings while the whole primary
 * fails, the secondary takes over by itself, the primary is started again and the secondary
 * hands back by itself once the primary has been healthy for the failback delay, with no
 * acknowledged sighting lost. The steps build on each other and run in order on one pair.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("netns")
class MseIT {
  private static final String SUBNET = "10.213.14";
  private static final String VIP = SUBNET + ".100";
  private static final String CLIENT_NS = "ncs-lab-c";
  private static final int FAILBACK_DELAY_SECONDS = 10;

  @RegisterExtension
  static final PairExtension LAB = PairExtension.lab("it-mse", SUBNET).vip(VIP, null).failover("manual")
      .env("SYNC_REPLICATION", "yes")
      .env("NODE_SETTINGS", "node.kind=mse mse.appliance.type=VA-2 failback.delay.seconds=" + FAILBACK_DELAY_SECONDS);
  private static Pair pair;
  private static String admin;
  private static String adminPassword;

  @BeforeAll
  static void up() throws Exception {
    pair = LAB.pair();
    admin = pair.get("ADMIN_USER");
    adminPassword = pair.get("ADMIN_PASSWORD");
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
    Command secondary = setup("secondary", List.of("--role", "secondary"));
    assertEquals(0, secondary.code(), secondary.out());

    String p = serverInfo("primary");
    for (String line : List.of("Hostname: mse-primary", "Appliance type: VA-2", "Health Monitor address: " + SUBNET + ".11",
        "Virtual IP: " + VIP, "High availability role: Primary", "HA state: Primary Active",
        "Service Name: Context Aware Service, Operation Status: Up")) {
      assertTrue(p.contains(line), "the primary's getserverinfo has '" + line + "':\n" + p);
    }
    String s = serverInfo("secondary");
    for (String line : List.of("High availability role: Secondary", "HA state: Secondary Syncing", "Virtual IP: none",
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
  @Order(15)
  void the_failback_type_registered_manual_becomes_automatic_on_the_running_pair() throws Exception {
    assertEquals("manual", failbackType("secondary"), "registered with manual failback");
    HttpResponse<String> automatic = pair.put("primary", 9443, "/api/admin/ha/settings", admin, adminPassword,
        "{\"failoverType\":\"automatic\",\"failbackType\":\"automatic\"}");
    assertEquals(200, automatic.statusCode(), automatic.body());
    Pair.await("automatic failback on both MSEs", Duration.ofSeconds(10),
        () -> "automatic".equals(failbackType("primary")) && "automatic".equals(failbackType("secondary")));
    String events = pair.events("secondary", pair.get("AUTH_KEY"));
    assertTrue(events.contains("HA settings changed on the peer: Failover Type Automatic; Failback Type changed from Manual"
        + " to Automatic"), events);
  }

  private static String failbackType(String node) throws Exception {
    return Pair.field(pair.get(node, 8082, "/api/status", null, null).body(), "failbackType");
  }

  @Test
  @Order(20)
  void the_primary_fails_the_secondary_takes_over_and_fails_back_by_itself_with_no_sighting_lost() throws Exception {
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

      assertEquals(0, pair.haPair(Duration.ofMinutes(5), "poweron", "primary"), "ha-pair poweron primary");
      Instant back = Instant.now();
      // Nobody presses Failback: the secondary starts it once the primary has been steady for the delay.
      Pair.await("the pair fails back by itself", Duration.ofSeconds(240),
          () -> "Primary Active".equals(pair.state("primary")) && "Secondary Syncing".equals(pair.state("secondary")));
      String events = pair.events("secondary", pair.get("AUTH_KEY"));
      assertTrue(events.contains("automatic failback: the primary has been healthy in Primary Syncing for"), events);
      awaitSightingsAfter(writer, Instant.now(), "on the primary again");
      System.out.println("MseIT: from the primary's start to the pair steady after the automatic failback "
          + Duration.between(back, Instant.now()).toSeconds() + " s");
      writer.close();
      List<String> acknowledged = writer.acknowledged();
      Set<String> stored = new HashSet<>(List.of(sql("primary",
          "select floor || '-' || x::bigint from mse_location where floor = 'mse'").split("\n")));
      List<String> lost = acknowledged.stream().filter(n -> !stored.contains(n)).toList();
      assertTrue(acknowledged.size() > 20, "the client recorded: " + acknowledged.size());
      assertEquals(List.of(), lost, "acknowledged sightings lost (of " + acknowledged.size() + ")");
    }
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
    List<String> command = new ArrayList<>(List.of(Pair.REPO.resolve("liberty/bin/mse-setup").toString(),
        "--node-dir", pair.dir.resolve(node).toString(), "--apply", "--hostname", "mse-" + node,
        "--eth0-address", SUBNET + (node.equals("primary") ? ".11" : ".12"), "--eth0-netmask", "255.255.255.0",
        "--gateway", SUBNET + ".1", "--timezone", "UTC", "--ntp-servers", "none",
        "--root-password-env", "MSE_ROOT_PW", "--pi-password-env", "MSE_PI_PW"));
    command.addAll(more);
    return Command.run(command, Map.of("MSE_ROOT_PW", "Mse-Root-pw9x", "MSE_PI_PW", "Mse-pi-pw-9"), "");
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

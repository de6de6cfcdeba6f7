package org.ncsha.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The virtual IP moves for real (issue 13), in ha-pair's network lab: a client namespace that
 * knows only the virtual IP keeps writing while the whole primary server fails (automatic
 * failover), while it comes back and the pair fails back, and across a Force Failover with the
 * IPv6 virtual IP; its neighbour table follows the address from MAC to MAC, and no write it saw
 * acknowledged is lost (synchronous replication). The address changes on the running pair
 * and a failover moves the new one. Remove HA releases the address, a
 * registration with an address outside the subnet, link-local or already in use is refused, and
 * after registering again with manual failover, the administrator's Failover moves it too.
 * The pair is also an Operations Center whose Single Sign-On server is the virtual IP: a user
 * signs in through it and cross-launches into a managed instance (a third server, on the lab's
 * host address) before and after the primary fails (issue 16).
 * The steps build on each other, so they run in order on one pair.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("netns")
class VipIT {
  private static final String SUBNET = "10.213.12";
  private static final String VIP = SUBNET + ".100";
  private static final String VIP6 = "fd00:10:213:12::100";
  private static final String CLIENT_NS = "ncs-lab-c";

  /** A managed instance of the pair as an Operations Center (issue 16): on the lab's host address, where the pair reaches it. */
  private static final String INSTANCE = SUBNET + ".1";
  private static final PairExtension INSTANCE_NODE = PairExtension.loopback("it-vip-instance", INSTANCE, "127.0.6.2").single()
      .env("NODE_SETTINGS", "single.sign.on=yes");

  @RegisterExtension
  static final PairExtension LAB = PairExtension.lab("it-vip", SUBNET).vip(VIP, VIP6).failover("automatic")
      .env("SYNC_REPLICATION", "yes").env("NODE_SETTINGS", "single.sign.on=yes").then(INSTANCE_NODE);
  private static Pair pair;
  private static String admin;
  private static String adminPassword;
  private static String key;

  @BeforeAll
  static void up() throws Exception {
    pair = LAB.pair();
    admin = pair.get("ADMIN_USER");
    adminPassword = pair.get("ADMIN_PASSWORD");
    key = pair.get("AUTH_KEY");
  }

  /**
   * As the systemd unit does: each server's Liberty runs as the {@code ncs} user with
   * CAP_NET_ADMIN and CAP_NET_RAW and no other capability, its PostgreSQL as the same user; the
   * next step shows that this is enough to take the address.
   */
  @Test
  @Order(5)
  void each_server_runs_as_its_own_user_with_only_the_two_network_capabilities() throws Exception {
    String ncsUid = Files.readAllLines(Path.of("/etc/passwd")).stream().filter(l -> l.startsWith("ncs:"))
        .map(l -> l.split(":")[2]).findFirst().orElseThrow(() -> new AssertionError("no ncs user in /etc/passwd"));
    for (String node : List.of("primary", "secondary")) {
      Map<String, String> liberty = procStatus(Files.readString(pair.dir.resolve(node).resolve("run/liberty.pid")).strip());
      assertEquals(ncsUid, liberty.get("Uid").split("\\s+")[1], node + "'s Liberty runs as ncs (effective uid)");
      // CAP_NET_ADMIN is bit 12, CAP_NET_RAW bit 13.
      assertEquals("0000000000003000", liberty.get("CapEff"), node + "'s Liberty has only the two capabilities");
      assertEquals("0000000000003000", liberty.get("CapBnd"), node + "'s Liberty cannot gain others");
      Map<String, String> database = procStatus(pair.postmasterPid(node));
      assertEquals(ncsUid, database.get("Uid").split("\\s+")[1], node + "'s PostgreSQL runs as ncs");
      // The capabilities are the virtual IP's: the database the Health Monitor starts holds none.
      assertEquals("0000000000000000", database.get("CapEff"), node + "'s PostgreSQL has no capability");
      assertEquals("0000000000000000", database.get("CapAmb"), node + "'s PostgreSQL hands none on");
    }
  }

  private static Map<String, String> procStatus(String pid) throws Exception {
    Map<String, String> fields = new java.util.HashMap<>();
    for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
      int colon = line.indexOf(':');
      fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
    }
    return fields;
  }

  @Test
  @Order(10)
  void the_serving_primary_holds_the_virtual_ip_and_serves_on_it_while_the_health_monitor_stays_on_its_own_address()
      throws Exception {
    awaitHolder("primary", "after registration");
    String status = pair.get("primary", 8082, "/api/status", null, null).body();
    assertEquals(VIP, objectField(status, "address"), status);
    assertEquals(VIP6, objectField(status, "ipv6"), status);
    Pair.await("the primary announced the address", Duration.ofSeconds(15), () ->
        objectField(pair.get("primary", 8082, "/api/status", null, null).body(), "lastAnnounced") != null);
    assertEquals("false", objectField(pair.get("secondary", 8082, "/api/status", null, null).body(), "heldHere"));
    assertTrue(Json.has(pair.events("primary", key), "description",
        "Virtual IP " + VIP + " added on lab0 of this server; announcing it to the link"), "an event says so");
    try (VipWriter writer = new VipWriter(CLIENT_NS, VIP, "first", admin, adminPassword, 60)) {
      awaitAcknowledged(writer, 1, "a write through the virtual IP");
    }
    assertFalse(connects(VIP, 8082), "the Health Monitor does not answer on the virtual IP");
    assertTrue(connects(SUBNET + ".11", 8082), "it answers on the primary's own address");
  }

  /**
   * The guide's "Enable HA for Operations Center" with a virtual IP: the pair is an Operations
   * Center whose Single Sign-On server is the virtual IP, the instance's SSO server is the virtual
   * IP, and a user who logs in to the Operations Center through the virtual IP cross-launches into
   * the instance without a second login. Order 20 does it again after the primary failed.
   */
  @Test
  @Order(12)
  void the_operations_center_on_the_virtual_ip_signs_its_user_in_to_a_managed_instance() throws Exception {
    Pair instance = INSTANCE_NODE.pair();
    String instanceAdmin = instance.get("ADMIN_USER");
    String instancePassword = instance.get("ADMIN_PASSWORD");
    assertEquals(200, pair.post("primary", 9443, "/api/operations-center/activation", admin, adminPassword, "{}").statusCode());
    HttpResponse<String> provider = pair.post("primary", 9443, "/api/operations-center/sso", admin, adminPassword,
        jakarta.json.Json.createObjectBuilder().add("issuerHost", VIP).build().toString());
    assertEquals(200, provider.statusCode(), provider.body());
    HttpResponse<String> added = pair.post("primary", 9443, "/api/operations-center/instances", admin, adminPassword,
        jakarta.json.Json.createObjectBuilder().add("address", INSTANCE).add("user", instanceAdmin)
            .add("password", instancePassword).build().toString());
    assertEquals(201, added.statusCode(), added.body());
    Pair.await("the provider's issuer is the virtual IP", Duration.ofSeconds(20), () -> ("https://" + VIP
        + ":9443/oidc/endpoint/ncs").equals(Json.field(pair.get("primary", 9443,
            "/oidc/endpoint/ncs/.well-known/openid-configuration", null, null).body(), "issuer")));
    HttpResponse<String> ssoServer = instance.post("primary", 9443, "/api/sso-servers", instanceAdmin, instancePassword,
        jakarta.json.Json.createObjectBuilder().add("address", VIP).add("user", admin).add("password", adminPassword).build()
            .toString());
    assertEquals(200, ssoServer.statusCode(), ssoServer.body());
    signInThroughTheVirtualIpAndCrossLaunch("before-failover");
  }

  /** A new browser: the page login on the Operations Center through the virtual IP, then the instance's cross-launch link. */
  private static void signInThroughTheVirtualIpAndCrossLaunch(String when) throws Exception {
    try (Browser browser = new Browser(1280, 800)) {
      browser.open("https://" + admin + ":" + adminPassword + "@" + VIP + ":9443/admin/operations-center.xhtml");
      browser.await("the managed instance on the Operations Center's page through the virtual IP, " + when,
          Duration.ofSeconds(30), () -> browser.text("oc:instances").contains(INSTANCE));
      String launch = browser.find("oc:instances:0:launch").getAttribute("href");
      assertEquals("https://" + INSTANCE + ":9443/admin/ha.xhtml", launch);
      browser.open(launch);
      browser.await("the instance's HA Status page with no second login, " + when, Duration.ofSeconds(30),
          () -> browser.driver.getCurrentUrl().equals(launch) && browser.driver.getPageSource().contains("HA Status"));
      browser.screenshot("sso-cross-launch-" + when);
    }
  }

  @Test
  @Order(20)
  void the_whole_primary_fails_and_comes_back_and_the_client_writes_through_the_virtual_ip_all_along() throws Exception {
    try (VipWriter writer = new VipWriter(CLIENT_NS, VIP, "auto", admin, adminPassword, 900)) {
      awaitAcknowledged(writer, 10, "writes through the virtual IP");
      Instant off = Instant.now();
      assertEquals(0, pair.haPair(Duration.ofMinutes(1), "poweroff", "primary"), "ha-pair poweroff primary");
      Pair.await("the secondary takes over", Duration.ofSeconds(90), () -> "Secondary Active".equals(pair.state("secondary")));
      // The primary's link is down: a write acknowledged from now on was the secondary's.
      awaitWritesAfter(writer, Instant.now(), "after the primary server failed");
      System.out.println("VipIT: automatic failover, client-visible write outage (longest gap between acknowledged"
          + " writes) " + writer.longestGapAfter(off.minusSeconds(5)).toMillis() + " ms");
      awaitHolder("secondary", "after the failover");
      assertEquals(mac("secondary"), clientNeighbour(VIP, false), "the client's neighbour table follows the address");
      pagesShowTheVirtualIpOnTheSecondary();
      // Issue 16: the Operations Center's secondary signs the same user in and the instance accepts it,
      // with the signing key, the registration and the certificate it already had.
      signInThroughTheVirtualIpAndCrossLaunch("after-failover");

      assertEquals(0, pair.haPair(Duration.ofMinutes(5), "poweron", "primary"), "ha-pair poweron primary");
      failBackThrough(writer, VIP);
    }
  }

  @Test
  @Order(30)
  void force_failover_and_failback_move_the_ipv6_virtual_ip_too() throws Exception {
    try (VipWriter writer = new VipWriter(CLIENT_NS, VIP6, "six", admin, adminPassword, 600)) {
      awaitAcknowledged(writer, 10, "writes through the IPv6 virtual IP");
      Instant forced = Instant.now();
      HttpResponse<String> r = pair.post("secondary", 8082, "/api/actions/force-failover", "root", key, "{}");
      assertEquals(202, r.statusCode(), r.body());
      Pair.await("the secondary takes over", Duration.ofSeconds(120), () -> "Secondary Active".equals(pair.state("secondary")));
      awaitHolder("secondary", "after the forced failover");
      awaitWritesAfter(writer, Instant.now(), "after the forced failover");
      System.out.println("VipIT: forced failover, client-visible write outage (longest gap between acknowledged"
          + " writes) " + writer.longestGapAfter(forced.minusSeconds(5)).toMillis() + " ms");
      assertEquals(mac("secondary"), clientNeighbour(VIP6, true));
      failBackThrough(writer, VIP6);
    }
  }

  /**
   * Issue 14: the virtual IP changes on the running pair through the admin REST, without a
   * failover and without removing HA. The primary, which holds it, lets the old address go and
   * answers on the new one at once; the secondary keeps the new one, and a failover moves that;
   * an address another host answers for is refused; a change made on the secondary moves the
   * address on the primary, and an empty address removes it. The pair ends with the registered
   * addresses on the primary, as the next steps expect.
   */
  @Test
  @Order(35)
  void the_virtual_ip_changes_on_the_running_pair_and_a_failover_moves_the_new_one() throws Exception {
    String moved = SUBNET + ".101";
    HttpResponse<String> inUse = putSettings("primary", SUBNET + ".13", VIP6);
    assertEquals(400, inUse.statusCode(), inUse.body());
    assertTrue(inUse.body().contains("IPv4 Virtual IP: " + SUBNET + ".13 is already in use (MAC " + mac("client")),
        inUse.body());

    HttpResponse<String> r = putSettings("primary", moved, VIP6);
    assertEquals(200, r.statusCode(), "the pair's own IPv6 address is not in use against itself: " + r.body());
    assertEquals(moved, Json.field(r.body(), "virtualIpv4"), r.body());
    Pair.await("the new address on the primary, the old one gone", Duration.ofSeconds(30),
        () -> holds("primary", moved) && !holds("primary", VIP) && holds("primary", VIP6) && !holds("secondary", moved));
    assertTrue(connects(moved, 9443), "the new address answers");
    assertEquals(mac("primary"), clientNeighbour(moved, false), "on the primary");
    assertFalse(connects(VIP, 9443), "the old address no longer answers");
    assertEquals("Primary Active", pair.state("primary"), "no failover");
    assertEquals("Secondary Syncing", pair.state("secondary"), "HA stays");
    assertEquals(moved, objectField(pair.get("secondary", 8082, "/api/status", null, null).body(), "address"),
        "the secondary keeps the new address for the next failover");
    String change = "Virtual IP changed from " + VIP + ", " + VIP6 + " to " + moved + ", " + VIP6;
    Pair.await("an event on both naming old and new", Duration.ofSeconds(10),
        () -> pair.events("primary", key).contains("HA settings changed by the administrator: Failover Type Automatic; " + change)
            && pair.events("secondary", key).contains("HA settings changed on the peer: Failover Type Automatic; " + change));

    HttpResponse<String> forced = pair.post("secondary", 8082, "/api/actions/force-failover", "root", key, "{}");
    assertEquals(202, forced.statusCode(), forced.body());
    Pair.await("the secondary takes over", Duration.ofSeconds(120), () -> "Secondary Active".equals(pair.state("secondary")));
    Pair.await("the new address on the secondary", Duration.ofSeconds(60), () -> holds("secondary", moved)
        && holds("secondary", VIP6) && !holds("primary", moved) && !holds("primary", VIP) && !holds("secondary", VIP));
    assertEquals(mac("secondary"), clientNeighbour(moved, false), "the failover moved the new address");
    failback();
    Pair.await("the new address back on the primary", Duration.ofSeconds(60),
        () -> holds("primary", moved) && !holds("secondary", moved));

    // Made on the secondary, the change moves the address where it is: on the primary.
    r = putSettings("secondary", VIP, "");
    assertEquals(200, r.statusCode(), r.body());
    Pair.await("the registered IPv4 address back on the primary, the IPv6 one removed", Duration.ofSeconds(30),
        () -> holds("primary", VIP) && !holds("primary", moved) && !holds("primary", VIP6) && !holds("secondary", VIP6));
    assertEquals(null, objectField(pair.get("primary", 8082, "/api/status", null, null).body(), "ipv6"));
    r = putSettings("secondary", VIP, VIP6);
    assertEquals(200, r.statusCode(), r.body());
    awaitHolder("primary", "with the registered addresses again");
  }

  /** PUT /api/admin/ha/settings on the node: automatic failover, no mail, the given virtual IP. */
  private static HttpResponse<String> putSettings(String node, String vip, String vip6) throws Exception {
    String body = jakarta.json.Json.createObjectBuilder().add("failoverType", "automatic").add("emailAddress", "")
        .add("virtualIpv4", vip).add("virtualIpv6", vip6).build().toString();
    return pair.put(node, 9443, "/api/admin/ha/settings", admin, adminPassword, body);
  }

  @Test
  @Order(40)
  void remove_ha_releases_the_virtual_ip() throws Exception {
    HttpResponse<String> removed = pair.delete("primary", 9443, "/api/admin/ha/registration", admin, adminPassword);
    assertEquals(202, removed.statusCode(), removed.body());
    Pair.await("HA removed", Duration.ofSeconds(120), () -> "HA Not Configured".equals(pair.state("primary"))
        && "HA Not Configured".equals(pair.state("secondary")));
    Pair.await("the virtual IP released everywhere", Duration.ofSeconds(30),
        () -> !holds("primary", VIP) && !holds("secondary", VIP) && !holds("primary", VIP6) && !holds("secondary", VIP6));
    assertTrue(Json.has(pair.events("primary", key), "description",
        "Virtual IP " + VIP + " released from this server"), "an event says so");
  }

  @Test
  @Order(50)
  void a_virtual_ip_outside_the_subnet_link_local_or_in_use_is_refused_at_registration_with_the_fields_message()
      throws Exception {
    assertRefused(SUBNET.replace(".12", ".99") + ".100", null,
        "IPv4 Virtual IP: 10.213.99.100 is not in the servers' subnet 10.213.12.0/24");
    assertRefused(VIP, "fe80::100", "IPv6 Virtual IP: fe80::100 is link-local (fe80::/10)");
    // The client's address answers ARP: it is in use.
    assertRefused(SUBNET + ".13", null, "IPv4 Virtual IP: " + SUBNET + ".13 is already in use (MAC " + mac("client"));
    assertRefused(VIP, "fd00:10:213:99::100", "IPv6 Virtual IP: fd00:10:213:99::100 is not in the servers' IPv6 subnet");
    assertEquals("HA Not Configured", pair.state("primary"), "a refused registration changes nothing");
  }

  /**
   * Its Health Monitor page (on its own address) and HA Status (through the virtual IP, which
   * now reaches it) say the secondary holds the address.
   */
  private static void pagesShowTheVirtualIpOnTheSecondary() throws Exception {
    try (Browser hm = new Browser(1280, 800); Browser page = new Browser(1280, 800)) {
      hm.open("https://" + SUBNET + ".12:8082/hm/index.xhtml");
      hm.type("login:user", "root");
      hm.type("login:key", key);
      hm.click("login:submit");
      hm.await("the Virtual IP row", Duration.ofSeconds(30), () -> hm.text("hm:virtualIp").contains("held by this server"));
      assertTrue(hm.text("hm:virtualIp").startsWith(VIP + ", " + VIP6), hm.text("hm:virtualIp"));
      hm.screenshot("health-monitor-virtual-ip");
      page.open("https://" + admin + ":" + adminPassword + "@" + VIP + ":9443/admin/ha.xhtml");
      page.await("HA Status through the virtual IP", Duration.ofSeconds(30),
          () -> page.text("status:virtualIp").contains("held by this server"));
      String body = page.driver.findElement(org.openqa.selenium.By.tagName("body")).getText();
      assertTrue(body.contains("Primary Server") && body.contains(SUBNET + ".11"), "the secondary names the primary: " + body);
      page.screenshot("ha-status-virtual-ip");
    }
  }

  @Test
  @Order(60)
  void a_manual_failover_moves_it_too() throws Exception {
    String body = jakarta.json.Json.createObjectBuilder().add("secondaryServer", SUBNET + ".12")
        .add("authenticationKey", key).add("failoverType", "manual").add("enableVirtualIp", true)
        .add("virtualIpv4", VIP).add("virtualIpv6", "").build().toString();
    HttpResponse<String> r = pair.post("primary", 8082, "/api/actions/register", "root", key, body);
    assertEquals(202, r.statusCode(), r.body());
    Pair.await("registered again, manual failover", Duration.ofSeconds(240), () -> "Primary Active".equals(pair.state("primary"))
        && "Secondary Syncing".equals(pair.state("secondary")));
    Pair.await("the virtual IP on the primary", Duration.ofSeconds(60), () -> holds("primary", VIP) && !holds("secondary", VIP));
    try (VipWriter writer = new VipWriter(CLIENT_NS, VIP, "manual", admin, adminPassword, 600)) {
      awaitAcknowledged(writer, 10, "writes through the virtual IP");
      assertEquals(0, pair.haPair(Duration.ofMinutes(1), "poweroff", "primary"), "ha-pair poweroff primary");
      Pair.await("the secondary waits for the administrator", Duration.ofSeconds(60),
          () -> "Secondary Lost Primary".equals(pair.state("secondary")));
      assertFalse(holds("secondary", VIP), "no virtual IP before the administrator's failover");
      HttpResponse<String> failover = pair.post("secondary", 8082, "/api/actions/failover", "root", key, "{}");
      assertEquals(202, failover.statusCode(), failover.body());
      Pair.await("the secondary takes over", Duration.ofSeconds(90), () -> "Secondary Active".equals(pair.state("secondary")));
      awaitWritesAfter(writer, Instant.now(), "after the manual failover");
      Pair.await("the virtual IP on the secondary", Duration.ofSeconds(30), () -> holds("secondary", VIP));
      assertEquals(mac("secondary"), clientNeighbour(VIP, false));
    }
  }

  private static void assertRefused(String vip, String vip6, String message) throws Exception {
    String body = jakarta.json.Json.createObjectBuilder().add("secondaryServer", SUBNET + ".12")
        .add("authenticationKey", key).add("failoverType", "automatic").add("enableVirtualIp", true)
        .add("virtualIpv4", vip).add("virtualIpv6", vip6 == null ? "" : vip6).build().toString();
    HttpResponse<String> r = pair.post("primary", 8082, "/api/actions/register", "root", key, body);
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().contains(message), "expected '" + message + "' in " + r.body());
  }

  /**
   * Fails back while the client writes through {@code address}: its writes resume on the primary,
   * which holds the address again, its neighbour table names the primary's MAC, and nothing it
   * saw acknowledged is lost.
   */
  private static void failBackThrough(VipWriter writer, String address) throws Exception {
    failback();
    awaitWritesAfter(writer, Instant.now(), "after the failback");
    awaitHolder("primary", "after the failback");
    assertEquals(mac("primary"), clientNeighbour(address, address.contains(":")), "back to the primary's MAC");
    writer.close();
    assertNoAcknowledgedWriteLost(writer);
  }

  /**
   * Failback once the secondary sees the primary as Primary Syncing, from its own heartbeats; done
   * when each server sees the other in its steady state.
   */
  private static void failback() throws Exception {
    Pair.await("the secondary sees Primary Syncing", Duration.ofSeconds(240), () -> "Primary Syncing".equals(
        Json.field(pair.get("secondary", 8082, "/api/status", null, null).body(), "peerState")));
    HttpResponse<String> r = pair.post("secondary", 8082, "/api/actions/failback", "root", key, "{}");
    assertEquals(202, r.statusCode(), r.body());
    Pair.await("failback", Duration.ofSeconds(120), () -> "Primary Active".equals(pair.state("primary"))
        && "Secondary Syncing".equals(pair.state("secondary")));
    // The primary knows the secondary's state from its heartbeats, up to one interval late; a
    // settings change refuses while it still sees Secondary Post Failback.
    Pair.await("the primary sees Secondary Syncing", Duration.ofSeconds(30), () -> "Secondary Syncing".equals(
        Json.field(pair.get("primary", 8082, "/api/status", null, null).body(), "peerState")));
  }

  private static void awaitAcknowledged(VipWriter writer, int count, String what) {
    try {
      Pair.await(what, Duration.ofSeconds(30), () -> writer.acknowledged().size() >= count);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; the client's last error: " + writer.lastError(), e);
    }
  }

  private static void awaitWritesAfter(VipWriter writer, Instant since, String when) {
    try {
      Pair.await("writes through the virtual IP " + when, Duration.ofSeconds(60), () -> writer.acknowledgedSince(since) > 0);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; the client's last error: " + writer.lastError(), e);
    }
  }

  /** Every write the client saw acknowledged is on the active primary. */
  private static void assertNoAcknowledgedWriteLost(VipWriter writer) throws Exception {
    List<String> acknowledged = writer.acknowledged();
    HttpResponse<String> r = pair.get("primary", 9443, "/api/devices", admin, adminPassword);
    assertEquals(200, r.statusCode(), r.body());
    Set<String> stored = new HashSet<>();
    for (var v : Json.parse(r.body()).asJsonArray()) {
      stored.add(v.asJsonObject().getString("name"));
    }
    List<String> lost = acknowledged.stream().filter(n -> !stored.contains(n)).toList();
    assertTrue(acknowledged.size() > 20, "the client wrote: " + acknowledged.size());
    assertEquals(List.of(), lost, "acknowledged writes lost (of " + acknowledged.size() + ")");
  }

  /** The virtual IP on exactly one server, {@code holder}, as its status and its interface say. */
  private static void awaitHolder(String holder, String when) {
    String other = holder.equals("primary") ? "secondary" : "primary";
    Pair.await("the virtual IP on the " + holder + " only, " + when, Duration.ofSeconds(60), () ->
        holds(holder, VIP) && holds(holder, VIP6) && !holds(other, VIP) && !holds(other, VIP6)
            && "true".equals(objectField(pair.get(holder, 8082, "/api/status", null, null).body(), "heldHere")));
  }

  /** A member of the status document's virtualIp object. */
  private static String objectField(String status, String name) {
    var vip = Json.parse(status).asJsonObject().get("virtualIp");
    if (vip == null || vip.getValueType() != jakarta.json.JsonValue.ValueType.OBJECT) {
      return null;
    }
    var v = vip.asJsonObject().get(name);
    return v == null || v.getValueType() == jakarta.json.JsonValue.ValueType.NULL ? null
        : v instanceof jakarta.json.JsonString s ? s.getString() : v.toString();
  }

  /** A server powered off (its link down) holds nothing on the link, whatever its interface still lists. */
  private static boolean holds(String node, String address) throws Exception {
    return run("ip", "-n", namespace(node), "-o", "link", "show", "lab0").contains("state UP")
        && !run("ip", "-n", namespace(node), "-o", "addr", "show", "to", address).isBlank();
  }

  private static String namespace(String node) {
    return switch (node) {
      case "primary" -> "ncs-lab-p";
      case "secondary" -> "ncs-lab-s";
      default -> CLIENT_NS;
    };
  }

  private static String mac(String node) throws Exception {
    Matcher m = Pattern.compile("link/ether (\\S+)").matcher(run("ip", "-n", namespace(node), "-o", "link", "show", "lab0"));
    assertTrue(m.find(), "the " + node + "'s MAC");
    return m.group(1);
  }

  /** The MAC the client's neighbour table has for the address (after one connection through it). */
  private static String clientNeighbour(String address, boolean ipv6) throws Exception {
    connects(address, 9443);
    Matcher m = Pattern.compile("lladdr (\\S+)").matcher(run("ip", "-n", CLIENT_NS, ipv6 ? "-6" : "-4", "neigh", "show", address));
    return m.find() ? m.group(1) : "none";
  }

  /** Whether a TCP connection from the client namespace to the address and port is accepted. */
  private static boolean connects(String address, int port) throws Exception {
    String out = run("ip", "netns", "exec", CLIENT_NS, "python3", "-c",
        "import socket,sys\ns=socket.socket(socket.AF_INET6 if ':' in sys.argv[1] else socket.AF_INET)\ns.settimeout(3)\n"
            + "try:\n  s.connect((sys.argv[1], int(sys.argv[2]))); print('yes')\nexcept OSError: print('no')",
        address, String.valueOf(port));
    return out.strip().equals("yes");
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish");
    }
    return out;
  }
}

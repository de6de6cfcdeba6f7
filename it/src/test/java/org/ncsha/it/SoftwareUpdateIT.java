package org.ncsha.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Software updates (issue 18) on a loopback pair with manual failover: bundles are verified
 * before anything changes, an application that does not start is rolled back by itself, and the
 * guide's procedure for a pair with manual failover (the secondary from its Health Monitor, then
 * the primary, whose restart is an outage) ends with both servers on the next version, its schema
 * migration applied and replicated, and no acknowledged write lost. The next version is built
 * from this tree, with one migration more.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SoftwareUpdateIT {
  private static final String NEXT = "0.1.1";
  private static final String AFTER = "0.1.2";
  private static final String ROLLED = "0.1.3";
  private static final String HOTFIX = "ncs-ha-0.1.3-hotfix";
  private static final String SITE_MIGRATION = "V14__device_site.sql";
  private static final String SITE_SQL = "alter table managed_device add column site varchar(64);\n";
  @RegisterExtension
  static final PairExtension PAIRS = PairExtension.loopback("it-update", "127.0.2.91", "127.0.2.92").env("HEARTBEAT_MS", "1000");
  private static Pair pair;
  private static String key;
  private static String admin;
  private static String password;
  private static Path next;

  @BeforeAll
  static void up() throws Exception {
    pair = PAIRS.pair();
    key = pair.get("AUTH_KEY");
    admin = pair.get("ADMIN_USER");
    password = pair.get("ADMIN_PASSWORD");
    next = UpdateBundles.next(NEXT, SITE_MIGRATION, SITE_SQL);
  }

  @Test
  @Order(10)
  void a_tampered_bundle_is_refused_naming_the_part_and_nothing_is_kept() throws Exception {
    HttpResponse<String> r = pair.postFile("primary", 9443, "/api/admin/software/uploads", admin, password,
        UpdateBundles.tampered(next));
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().contains("part.ncs-ha.ear: its SHA-256 is") && r.body().contains("the bundle was altered or damaged"),
        r.body());
    String overview = pair.get("primary", 9443, "/api/admin/software", admin, password).body();
    assertTrue(overview.contains("\"uploads\":[]"), overview);
    assertTrue(java.nio.file.Files.list(pair.dir.resolve("primary/software/uploads")).findAny().isEmpty(), "nothing kept");
    // The guide's "Remove HA During Restore": not while HA is configured.
    String[] restore = pair.ncs("primary", "", "restore", next.toString());
    assertEquals("1", restore[0], restore[1]);
    assertTrue(restore[1].contains("A restore is not possible while HA is configured (this server is Primary Active)"),
        restore[1]);
  }

  @Test
  @Order(20)
  void an_application_that_does_not_start_is_rolled_back_by_itself_and_says_why() throws Exception {
    HttpResponse<String> up = pair.postFile("secondary", 8082, "/api/software/uploads", "root", key, UpdateBundles.broken("0.1.9"));
    assertEquals(201, up.statusCode(), up.body());
    HttpResponse<String> install = pair.post("secondary", 8082, "/api/software/install", "root", key,
        "{\"patchId\":\"broken-0.1.9\"}");
    assertEquals(202, install.statusCode(), install.body());
    Pair.await("the secondary rolled back", Duration.ofMinutes(4), () -> software("secondary").contains("\"status\":\"Rolled back\""));
    String overview = software("secondary");
    assertTrue(overview.contains("CWWKZ0124E"), "Liberty's reason: " + overview);
    assertEquals("0.1.0", Json.field(overview, "version"), overview);
    assertTrue(overview.contains("\"patches\":[]"), overview);
    Pair.await("the pair as before", Duration.ofMinutes(2), () -> "Secondary Syncing".equals(pair.state("secondary"))
        && "Primary Active".equals(pair.state("primary")));
    assertTrue(pair.events("secondary", key).contains("Update broken-0.1.9 (0.1.9) failed and was rolled back"),
        pair.events("secondary", key));
    // Its file is of no more use: deleted from the Health Monitor (uploads are not deleted by themselves).
    HttpResponse<String> deleted = pair.delete("secondary", 8082, "/api/software/uploads/broken-0.1.9", "root", key);
    assertEquals(200, deleted.statusCode(), deleted.body());
    assertTrue(software("secondary").contains("\"uploads\":[]"), software("secondary"));
    assertTrue(java.nio.file.Files.list(pair.dir.resolve("secondary/software/uploads")).findAny().isEmpty(), "its file is gone");
    HttpResponse<String> again = pair.delete("secondary", 8082, "/api/software/uploads/broken-0.1.9", "root", key);
    assertEquals(404, again.statusCode(), again.body());
    assertTrue(again.body().contains("patchId: no uploaded update has the id broken-0.1.9"), again.body());
  }

  /** The guide's "paired with manual failover": the secondary first, from its HM page; then the primary. */
  @Test
  @Order(30)
  void the_pair_with_manual_failover_is_patched_secondary_first_with_no_acknowledged_write_lost() throws Exception {
    try (DeviceWriter writer = new DeviceWriter(pair, admin, password, "manual")) {
      Pair.await("writes acknowledged", Duration.ofSeconds(30), () -> writer.acknowledged.size() >= 5);
      assertEquals(201, pair.postFile("secondary", 8082, "/api/software/uploads", "root", key, next).statusCode());
      Instant secondaryStopped = Instant.now();
      HttpResponse<String> secondary = pair.post("secondary", 8082, "/api/software/install", "root", key,
          "{\"patchId\":\"ncs-ha-" + NEXT + "\"}");
      assertEquals(202, secondary.statusCode(), secondary.body());
      Pair.await("the secondary on " + NEXT, Duration.ofMinutes(4), () -> NEXT.equals(pair.version("secondary"))
          && "Secondary Syncing".equals(pair.state("secondary")));
      // While the secondary restarted the primary went on serving (Primary Lost Secondary for a while).
      assertTrue(writer.acknowledgedSince(secondaryStopped) > 0, "writes while the secondary restarted");
      System.out.println("SoftwareUpdateIT: manual-failover procedure, longest gap between writes while the secondary"
          + " restarted " + writer.longestGapAfter(secondaryStopped).toMillis() + " ms");
      Pair.await("the pair as before", Duration.ofMinutes(1), () -> "Primary Active".equals(pair.state("primary")));

      HttpResponse<String> upload = pair.postFile("primary", 9443, "/api/admin/software/uploads", admin, password, next);
      assertEquals(201, upload.statusCode(), upload.body());
      Instant primaryStopped = Instant.now();
      HttpResponse<String> primary = pair.post("primary", 9443, "/api/admin/software/install", admin, password,
          "{\"patchId\":\"ncs-ha-" + NEXT + "\"}");
      assertEquals(202, primary.statusCode(), primary.body());
      assertTrue(primary.body().contains("ncs-ha restarts now"), primary.body());
      Pair.await("the primary on " + NEXT + ", the pair as before", Duration.ofMinutes(5), () -> NEXT.equals(pair.version("primary"))
          && "Primary Active".equals(pair.state("primary")) && "Secondary Syncing".equals(pair.state("secondary")));
      stopAndCheckNothingLost(writer);
      System.out.println("SoftwareUpdateIT: manual-failover procedure, write outage during the primary's restart "
          + writer.longestGapAfter(primaryStopped).toMillis() + " ms");
    }
    for (String node : List.of("primary", "secondary")) {
      String overview = software(node);
      assertTrue(overview.contains("\"patches\":[\"ncs-ha-" + NEXT + "\"]"), node + ": " + overview);
      assertTrue(pair.events(node, key).contains("ncs-ha started with version " + NEXT + ": update ncs-ha-" + NEXT
          + " installed (was 0.1.0)"), node + ": " + pair.events(node, key));
    }
    Pair.await("the migration on the primary and, replicated, on the secondary", Duration.ofSeconds(30),
        () -> hasColumn("primary", "site") && hasColumn("secondary", "site"));
  }

  /**
   * The guide's "paired with automatic failover": Install on the primary makes the secondary take
   * over; the primary comes back patched as Primary Syncing; the operator fails back from the
   * secondary's Health Monitor, then patches the secondary.
   */
  @Test
  @Order(40)
  void the_pair_with_automatic_failover_fails_over_for_the_primary_and_back_with_no_acknowledged_write_lost()
      throws Exception {
    Path after = UpdateBundles.derived(next, AFTER, "V15__device_rack.sql",
        "alter table managed_device add column rack varchar(64);\n");
    HttpResponse<String> automatic = pair.put("primary", 9443, "/api/admin/ha/settings", admin, password,
        "{\"failoverType\":\"automatic\",\"emailAddress\":\"\"}");
    assertEquals(200, automatic.statusCode(), automatic.body());
    Pair.await("Automatic on both servers", Duration.ofSeconds(10), () -> "automatic".equals(Json.field(
        pair.get("secondary", 8082, "/api/status", null, null).body(), "failoverType")));
    try (DeviceWriter writer = new DeviceWriter(pair, admin, password, "automatic")) {
      Pair.await("writes acknowledged", Duration.ofSeconds(30), () -> writer.acknowledged.size() >= 5);
      assertEquals(201, pair.postFile("primary", 9443, "/api/admin/software/uploads", admin, password, after).statusCode());
      Instant installed = Instant.now();
      HttpResponse<String> primary = pair.post("primary", 9443, "/api/admin/software/install", admin, password,
          "{\"patchId\":\"ncs-ha-" + AFTER + "\"}");
      assertEquals(202, primary.statusCode(), primary.body());
      Pair.await("the secondary takes over", Duration.ofMinutes(2), () -> "Secondary Active".equals(pair.state("secondary")));
      Pair.await("the primary back, patched, as Primary Syncing", Duration.ofMinutes(5), () -> AFTER.equals(pair.version("primary"))
          && "Primary Syncing".equals(Json.field(pair.get("secondary", 8082, "/api/status", null, null).body(), "peerState")));
      System.out.println("SoftwareUpdateIT: automatic-failover procedure, write outage during the failover "
          + writer.longestGapAfter(installed).toMillis() + " ms");
      HttpResponse<String> failback = pair.post("secondary", 8082, "/api/actions/failback", "root", key, "{}");
      assertEquals(202, failback.statusCode(), failback.body());
      Pair.await("failed back", Duration.ofMinutes(3), () -> "Primary Active".equals(pair.state("primary"))
          && "Secondary Syncing".equals(pair.state("secondary")));
      assertEquals(201, pair.postFile("secondary", 8082, "/api/software/uploads", "root", key, after).statusCode());
      HttpResponse<String> secondary = pair.post("secondary", 8082, "/api/software/install", "root", key,
          "{\"patchId\":\"ncs-ha-" + AFTER + "\"}");
      assertEquals(202, secondary.statusCode(), secondary.body());
      Pair.await("the secondary on " + AFTER + ", the pair as before", Duration.ofMinutes(4), () -> AFTER.equals(pair.version("secondary"))
          && "Secondary Syncing".equals(pair.state("secondary")) && "Primary Active".equals(pair.state("primary")));
      stopAndCheckNothingLost(writer);
    }
    for (String node : List.of("primary", "secondary")) {
      String overview = software(node);
      assertTrue(overview.contains("\"patches\":[\"ncs-ha-" + NEXT + "\",\"ncs-ha-" + AFTER + "\"]"), node + ": " + overview);
    }
    Pair.await("the second migration on both databases", Duration.ofSeconds(30),
        () -> hasColumn("primary", "rack") && hasColumn("secondary", "rack"));
  }

  /**
   * Issue 18's rolling update, with one click on the primary's Software Update page: the
   * secondary is updated, the pair switches over to it, the primary is updated while the
   * secondary serves, and the pair switches back; each step listed as done, both servers end on
   * the new version with its migration, and no acknowledged write is lost.
   */
  @Test
  @Order(50)
  void a_rolling_update_from_the_page_updates_both_servers_one_at_a_time_with_no_acknowledged_write_lost()
      throws Exception {
    Path rolled = UpdateBundles.derived(next, ROLLED, "V15__device_rack.sql",
        "alter table managed_device add column rack varchar(64);\n", "V16__device_floor.sql",
        "alter table managed_device add column floor varchar(16);\n");
    Pair.await("the pair synced", Duration.ofMinutes(2), () -> "Primary Active".equals(pair.state("primary"))
        && "Secondary Syncing".equals(Json.field(pair.get("primary", 8082, "/api/status", null, null).body(), "peerState")));
    String page = "https://" + java.net.URLEncoder.encode(admin, java.nio.charset.StandardCharsets.UTF_8) + ":"
        + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8) + "@" + pair.primary
        + ":9443/admin/software.xhtml";
    try (Browser browser = new Browser(1280, 900); DeviceWriter writer = new DeviceWriter(pair, admin, password, "rolling")) {
      Pair.await("writes acknowledged", Duration.ofSeconds(30), () -> writer.acknowledged.size() >= 5);
      browser.open(page);
      browser.await("Software Update", Duration.ofSeconds(15), () -> !browser.text("software:version").isEmpty());
      browser.find("software:file").sendKeys(rolled.toString());
      browser.click("software:upload");
      browser.await("the upload listed", Duration.ofSeconds(15), () -> browser.text("software:uploads").contains("ncs-ha-" + ROLLED));
      Instant started = Instant.now();
      browser.click("software:uploads:0:rolling");
      browser.await("the warning", Duration.ofSeconds(10), () -> browser.all(".ui-confirm-dialog-message").stream()
          .anyMatch(e -> e.isDisplayed() && e.getText().contains("one at a time: the secondary first")));
      browser.screenshot("software-update-rolling-warning");
      browser.confirm();
      browser.await("the steps shown", Duration.ofSeconds(15), () -> browser.text("software:messages")
          .contains("Rolling update to " + ROLLED + " started") && browser.text("software:rollingSteps").contains("Update the secondary"));
      browser.await("the secondary updated, on the page", Duration.ofMinutes(5),
          () -> browser.text("software:rollingSteps").matches("(?s).*Update the secondary\\s*Done.*"));
      browser.scrollTo("software:rollingPanel");
      browser.screenshot("software-update-rolling-progress");
      Pair.await("the rolling update completed", Duration.ofMinutes(12), () -> pair.rollingCompleted(key));
      Instant ended = Instant.now();
      stopAndCheckNothingLost(writer);
      Duration outage = writer.outageBetween(started, ended, Duration.ofSeconds(1));
      System.out.println("SoftwareUpdateIT: rolling update, total write outage " + outage.toMillis() + " ms (gaps over 1 s),"
          + " longest gap " + writer.longestGapBetween(started, ended).toMillis() + " ms, in "
          + Duration.between(started, ended).toSeconds() + " s");
      assertTrue(outage.compareTo(Duration.ofSeconds(20)) < 0, "write outage " + outage);
      browser.open(page);
      browser.await("every step done", Duration.ofSeconds(15), () -> browser.text("software:rollingStatus").startsWith("Completed: Both servers run " + ROLLED)
          && !browser.text("software:rollingSteps").contains("Running"));
      browser.scrollTo("software:rollingPanel");
      browser.screenshot("software-update-rolling-done");
    }
    for (String node : List.of("primary", "secondary")) {
      assertEquals(ROLLED, pair.version(node), node);
      assertTrue(software(node).contains("\"ncs-ha-" + ROLLED + "\"]"), node + ": " + software(node));
    }
    assertEquals("Primary Active", pair.state("primary"));
    Pair.await("the pair synced again", Duration.ofMinutes(1), () -> "Secondary Syncing".equals(pair.state("secondary")));
    Pair.await("the rolled migration on both databases", Duration.ofSeconds(30),
        () -> hasColumn("primary", "floor") && hasColumn("secondary", "floor"));
  }

  /**
   * The guide's "new servers" procedure, after Remove HA: a pair whose patch levels differ (a
   * second patch of the version both run, on the primary only) is refused by the readiness check
   * and by registration, naming both; once both servers have the patch, registration succeeds. The secondary was given a new key meanwhile (as a freshly
   * installed secondary is, the guide's "Remove HA During Upgrade"): registering with it changes
   * the primary's, and the primary says so in the guide's words.
   */
  @Test
  @Order(60)
  void new_servers_are_patched_before_registration_which_refuses_different_patch_levels() throws Exception {
    // A second patch of the version both servers run: the patch levels differ, the versions do not.
    Path fresh = UpdateBundles.repatched(Pair.TARGET.resolve("bundles/ncs-ha-update-" + ROLLED + ".zip"), HOTFIX,
        "ncs-ha " + ROLLED + " hotfix");
    assertEquals(202, pair.delete("primary", 9443, "/api/admin/ha/registration", admin, password).statusCode());
    Pair.await("HA removed", Duration.ofMinutes(2), () -> "HA Not Configured".equals(pair.state("primary"))
        && "HA Not Configured".equals(pair.state("secondary")));
    assertEquals(201, pair.postFile("primary", 9443, "/api/admin/software/uploads", admin, password, fresh).statusCode());
    HttpResponse<String> primary = pair.post("primary", 9443, "/api/admin/software/install", admin, password,
        "{\"patchId\":\"" + HOTFIX + "\"}");
    assertEquals(202, primary.statusCode(), primary.body());
    Pair.await("the primary with " + HOTFIX, Duration.ofMinutes(4), () -> software("primary").contains("\"" + HOTFIX + "\"]")
        && "HA Not Configured".equals(pair.state("primary")));

    String newKey = "Upgraded-key-42x";
    String[] changed = pair.ncs("secondary", "", "ha", "authkey", newKey);
    assertEquals("0", changed[0], changed[1]);
    String secondaryLevel = ROLLED + " with patches ncs-ha-" + NEXT + ", ncs-ha-" + AFTER + ", ncs-ha-" + ROLLED;
    String primaryLevel = secondaryLevel + ", " + HOTFIX;
    String levels = "primary runs " + primaryLevel + ", secondary runs " + secondaryLevel;
    HttpResponse<String> readiness = pair.post("primary", 9443, "/api/admin/ha/readiness", admin, password,
        "{\"secondaryServer\":\"" + pair.secondary + "\",\"authenticationKey\":\"" + newKey + "\"}");
    assertEquals(200, readiness.statusCode(), readiness.body());
    assertTrue(readiness.body().contains(levels), readiness.body());
    assertEquals(202, register(newKey).statusCode());
    Pair.await("the registration refused", Duration.ofMinutes(2), () -> Json.has(pair.get("primary", 9443,
        "/api/admin/ha/registration", admin, password).body(), "status", "failed"));
    String refused = pair.get("primary", 9443, "/api/admin/ha/registration", admin, password).body();
    assertTrue(refused.contains("the secondary runs version " + secondaryLevel + " but this server runs " + primaryLevel
        + "; both servers must run the same version and patch level"), refused);
    Pair.await("both servers not configured", Duration.ofMinutes(1), () -> "HA Not Configured".equals(pair.state("primary"))
        && "HA Not Configured".equals(pair.state("secondary")));

    assertEquals(201, pair.postFile("secondary", 8082, "/api/software/uploads", "root", newKey, fresh).statusCode());
    HttpResponse<String> secondary = pair.post("secondary", 8082, "/api/software/install", "root", newKey,
        "{\"patchId\":\"" + HOTFIX + "\"}");
    assertEquals(202, secondary.statusCode(), secondary.body());
    Pair.await("the secondary with " + HOTFIX, Duration.ofMinutes(4), () -> pair.get("secondary", 8082, "/api/software", "root",
        newKey).body().contains("\"" + HOTFIX + "\"]"));
    assertEquals(202, register(newKey).statusCode());
    Pair.await("registered", Duration.ofMinutes(5), () -> "Primary Active".equals(pair.state("primary"))
        && "Secondary Syncing".equals(pair.state("secondary")));
    assertTrue(pair.events("primary", newKey).contains("Primary Authentication Key was changed by Admin: registering "
        + pair.secondary + " set the key entered for it"), pair.events("primary", newKey));
    key = newKey;
  }

  private static HttpResponse<String> register(String authKey) throws Exception {
    return pair.post("primary", 9443, "/api/admin/ha/registration", admin, password,
        "{\"secondaryServer\":\"" + pair.secondary + "\",\"authenticationKey\":\"" + authKey + "\",\"failoverType\":\"manual\"}");
  }

  /**
   * Once the primary takes writes again, stops the writer and checks that every write it saw
   * acknowledged, on either server, is in the primary's database.
   */
  private static void stopAndCheckNothingLost(DeviceWriter writer) throws Exception {
    Instant back = Instant.now();
    Pair.await("writes on the primary again", Duration.ofMinutes(1), () -> writer.acknowledgedSince(back) > 0);
    writer.close();
    assertEquals(List.of(), writer.lostFrom(pair.deviceNames("primary")), "acknowledged writes lost");
  }

  private static String software(String node) throws Exception {
    return pair.get(node, 8082, "/api/software", "root", key).body();
  }

  private static boolean hasColumn(String node, String column) throws Exception {
    try (var c = pair.database(node); var s = c.prepareStatement(
        "select count(*) from information_schema.columns where table_name = 'managed_device' and column_name = ?")) {
      s.setString(1, column);
      var rs = s.executeQuery();
      rs.next();
      return rs.getInt(1) == 1;
    }
  }
}

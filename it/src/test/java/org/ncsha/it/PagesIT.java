package org.ncsha.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;

/**
 * The pages in a real browser against a real pair: an administrator registers through HA
 * Configuration (validation at each field, Check Readiness, the milestone progress bar), watches
 * HA Status, logs in to the Health Monitor pages, fails over and fails back by clicking, and
 * removes HA. Screenshots of each page go to it/target/screenshots (docs/images with
 * -Dncs.docs.images=true).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PagesIT {
  /** One row, and one trend graph, per check of the failover set. */
  private static final int FAILOVER_CHECKS =
      org.ncsha.readiness.Check.of(org.ncsha.readiness.CheckSet.FAILOVER).size();
  private static final int REGISTRATION_CHECKS =
      org.ncsha.readiness.Check.of(org.ncsha.readiness.CheckSet.REGISTRATION).size();
  @RegisterExtension
  static final PairExtension PAIRS = PairExtension.loopback("it-pages", "127.0.2.71", "127.0.2.72").env("HEARTBEAT_MS", "1000");
  private static final Pair PAIR = PAIRS.pair();
  private static Browser admin;
  private static Browser primaryHm;
  private static Browser secondaryHm;
  private static String key;

  @BeforeAll
  static void up() throws Exception {
    key = PAIR.get("AUTH_KEY");
    // The pages register the pair themselves.
    assertEquals(202, PAIR.delete("primary", 9443, "/api/admin/ha/registration", PAIR.get("ADMIN_USER"),
        PAIR.get("ADMIN_PASSWORD")).statusCode());
    Pair.await("HA removed", Duration.ofSeconds(120), () -> "HA Not Configured".equals(PAIR.state("primary"))
        && "HA Not Configured".equals(PAIR.state("secondary")));
    admin = new Browser(1280, 800);
    primaryHm = new Browser(1280, 800);
    secondaryHm = new Browser(1280, 800);
  }

  @AfterAll
  static void down() throws Exception {
    for (Browser b : new Browser[] {admin, primaryHm, secondaryHm}) {
      if (b != null) {
        b.close();
      }
    }
  }

  private static String adminUrl(String page) throws Exception {
    String user = URLEncoder.encode(PAIR.get("ADMIN_USER"), StandardCharsets.UTF_8);
    String password = URLEncoder.encode(PAIR.get("ADMIN_PASSWORD"), StandardCharsets.UTF_8);
    return "https://" + user + ":" + password + "@" + PAIR.primary + ":9443/admin/" + page;
  }

  private static void login(Browser b, String address, String withKey) {
    b.open("https://" + address + ":8082/hm/index.xhtml");
    b.type("login:user", "root");
    b.type("login:key", withKey);
    b.click("login:submit");
  }

  @Test
  @Order(1)
  void the_health_monitor_login_refuses_a_wrong_key_and_admits_root_with_the_key() throws Exception {
    login(secondaryHm, PAIR.secondary, "Wrong-key-42x");
    secondaryHm.await("the refusal", Duration.ofSeconds(10),
        () -> secondaryHm.driver.getPageSource().contains("Invalid user name or authentication key"));
    assertTrue(secondaryHm.driver.findElements(org.openqa.selenium.By.id("hm:state")).isEmpty(), "nothing behind the login");
    login(secondaryHm, PAIR.secondary, key);
    secondaryHm.await("the Health Monitor page", Duration.ofSeconds(15), () -> !secondaryHm.text("hm:state").isEmpty());
    assertTrue(secondaryHm.text("server").contains("Secondary"), secondaryHm.text("server"));
    assertFalse(secondaryHm.driver.getPageSource().contains(key), "the key is never rendered back");
    login(primaryHm, PAIR.primary, key);
    primaryHm.await("the primary's Health Monitor page", Duration.ofSeconds(15), () -> !primaryHm.text("hm:state").isEmpty());
    assertTrue(primaryHm.text("hm:settings").contains("Secondary IP Address"), "the peer's label on the primary");
    assertTrue(secondaryHm.text("hm:settings").contains("Primary IP Address"), "the peer's label on the secondary");
  }

  @Test
  @Order(2)
  void every_field_rule_is_shown_at_its_field_and_nothing_changes() throws Exception {
    admin.open(adminUrl("ha-config.xhtml"));
    admin.await("HA Configuration", Duration.ofSeconds(15), () -> !admin.text("config:mode").isEmpty());
    admin.type("config:secondary", "");
    admin.type("config:key", "alllowercase");
    admin.type("config:email", "noc@example.com, not-an-address");
    admin.click("config:enableVip");
    admin.await("the virtual IP fields", Duration.ofSeconds(10), () -> admin.find("config:vip4").isDisplayed());
    admin.type("config:vip4", "10.99.0.1");
    admin.type("config:vip6", "fe80::1");
    admin.click("config:register");
    admin.await("the field messages", Duration.ofSeconds(15), () -> !admin.text("config:vip6Message").isEmpty());
    assertTrue(admin.text("config:secondaryMessage").contains("Secondary Server: enter the IP address"), admin.text("config:secondaryMessage"));
    assertTrue(admin.text("config:keyMessage").contains("Authentication Key"), admin.text("config:keyMessage"));
    assertTrue(admin.text("config:emailMessage").contains("'not-an-address' is not an e-mail address"), admin.text("config:emailMessage"));
    assertTrue(admin.text("config:vip4Message").contains("10.99.0.1 is not in the servers' subnet 127.0.0.0/8"),
        admin.text("config:vip4Message"));
    assertTrue(admin.text("config:vip6Message").contains("link-local (fe80::/10)"), admin.text("config:vip6Message"));
    admin.screenshot("ha-configuration-validation");

    admin.type("config:secondary", "no-such-server.invalid");
    admin.type("config:key", key);
    admin.click("config:register");
    admin.await("the unresolvable server", Duration.ofSeconds(30),
        () -> admin.text("config:secondaryMessage").contains("does not resolve"));
    assertEquals("HA Not Configured", PAIR.state("primary"), "a refused form changes nothing");
  }

  /** Single Sign-On needs Liberty's OpenID Connect features, which only a node set up with single.sign.on=yes runs. */
  @Test
  @Order(2)
  void without_single_sign_on_set_up_the_sso_servers_page_says_how_and_its_rest_refuses_naming_the_setting()
      throws Exception {
    admin.open(adminUrl("sso-servers.xhtml"));
    admin.await("the SSO Servers page's advice", Duration.ofSeconds(15),
        () -> admin.text("sso:featuresOff").contains("--set single.sign.on=yes"));
    var refused = PAIR.post("primary", 9443, "/api/sso-servers", PAIR.get("ADMIN_USER"), PAIR.get("ADMIN_PASSWORD"),
        "{\"address\":\"127.0.2.72\",\"user\":\"admin\",\"password\":\"any\"}");
    assertEquals(400, refused.statusCode());
    assertTrue(Json.field(refused.body(), "message").startsWith("single.sign.on: this server runs without"), refused.body());
    assertFalse(java.nio.file.Files.exists(PAIR.dir.resolve("primary/usr/servers/ncs/configDropins/overrides/single-sign-on.xml")),
        "no OpenID Connect features on a node without the setting");
  }

  @Test
  @Order(3)
  void check_readiness_then_a_wrong_key_fails_cleanly_then_register_with_the_milestones_reaching_100() throws Exception {
    admin.open(adminUrl("ha-config.xhtml"));
    admin.await("HA Configuration", Duration.ofSeconds(15), () -> "HA Not Configured".equals(admin.text("config:mode")));
    admin.type("config:secondary", PAIR.secondary);
    admin.type("config:key", key);
    admin.click("config:checkReadiness");
    admin.await("the Check Readiness dialog", Duration.ofSeconds(40),
        () -> admin.all("[id='config:readinessChecks_data'] tr").size() == REGISTRATION_CHECKS && admin.find("config:readinessDialog").isDisplayed());
    admin.screenshot("check-readiness");
    admin.click("config:clearReadiness");
    admin.await("the dialog closed", Duration.ofSeconds(10), () -> !admin.find("config:readinessDialog").isDisplayed());

    // S2 through the page: a key that keeps the key rule but is not the secondary's.
    admin.type("config:secondary", PAIR.secondary);
    admin.type("config:key", "Wrong-key-42x");
    admin.click("config:register");
    admin.await("the reason the registration failed", Duration.ofSeconds(120),
        () -> admin.driver.getPageSource().contains("the authentication key does not match the one set on the secondary"));
    assertTrue(admin.find("config:summary").getAttribute("class").contains("ncs-summary-failed"), "the reason stands out");
    admin.scrollTo("config:summary");
    admin.screenshot("registration-failed");
    Pair.await("both back at HA Not Configured", Duration.ofSeconds(60),
        () -> "HA Not Configured".equals(PAIR.state("primary")) && "HA Not Configured".equals(PAIR.state("secondary")));
    admin.await("HA Not Configured on the page", Duration.ofSeconds(15), () -> "HA Not Configured".equals(admin.text("config:mode")));

    admin.type("config:secondary", PAIR.secondary);
    admin.type("config:key", key);
    admin.type("config:email", "noc@example.com");
    admin.click("config:register");
    admin.await("the progress bar", Duration.ofSeconds(20),
        () -> !admin.all(".ncs-milestone").isEmpty() && !admin.text("config:summary").startsWith("Registration failed"));
    admin.screenshot("registration-progress");
    admin.await("Primary Active", Duration.ofMinutes(3), () -> "Primary Active".equals(admin.text("config:mode")));
    List<String> labels = admin.all(".ncs-milestone").stream().map(WebElement::getText).toList();
    assertEquals(3, labels.size(), labels.toString());
    assertTrue(labels.get(0).contains("Pre-HA Registration") && labels.get(1).contains("Database Replication")
        && labels.get(2).contains("Post HA Registration"), labels.toString());
    labels.forEach(l -> assertTrue(l.contains("100%"), "every milestone reached 100 %: " + labels));
    admin.screenshot("ha-configuration");
  }

  @Test
  @Order(4)
  void ha_status_shows_the_configuration_the_state_and_the_events() throws Exception {
    admin.open(adminUrl("ha.xhtml"));
    admin.await("HA Status", Duration.ofSeconds(15), () -> "Primary Active".equals(admin.text("status:state")));
    assertEquals(PAIR.secondary, admin.text("status:secondary"));
    assertEquals("Manual", admin.text("status:failoverType"));
    assertTrue(admin.text("status:events").contains("HA registration completed"), admin.text("status:events"));
    assertTrue(admin.find("launchHm").getAttribute("href").contains(PAIR.primary + ":8082"), "Launch Health Monitor opens the active server's");
    admin.screenshot("ha-status");
  }

  @Test
  @Order(5)
  void the_action_buttons_are_enabled_only_when_the_health_monitor_allows_them() throws Exception {
    primaryHm.await("Primary Active", Duration.ofSeconds(30), () -> "Primary Active".equals(primaryHm.text("hm:state")));
    secondaryHm.await("Secondary Syncing", Duration.ofSeconds(30), () -> "Secondary Syncing".equals(secondaryHm.text("hm:state")));
    assertFalse(primaryHm.enabled("hm:failover"));
    assertFalse(primaryHm.enabled("hm:failback"));
    // Force Failover also needs every process up on both, which the next heartbeats confirm.
    primaryHm.await("Force Failover offered by the primary in Primary Active", Duration.ofSeconds(30),
        () -> primaryHm.enabled("hm:forceFailover"));
    assertFalse(secondaryHm.enabled("hm:failover"));
    assertFalse(secondaryHm.enabled("hm:failback"));
    // The guide's Health Monitor figure: a secondary in Secondary Syncing offers Force Failover.
    secondaryHm.await("Force Failover offered by the secondary in Secondary Syncing", Duration.ofSeconds(30),
        () -> secondaryHm.enabled("hm:forceFailover"));
    assertTrue(primaryHm.find("statusOk").isDisplayed(), "the green check: HA is on and working");

    primaryHm.click("hm:runReadiness");
    primaryHm.await("Check Failover Readiness results", Duration.ofSeconds(40),
        () -> primaryHm.all("[id='hm:readinessChecks_data'] tr").size() == FAILOVER_CHECKS);
    assertTrue(primaryHm.text("hm:readinessChecks").contains("DATABASE - SYNC STATUS")
        && primaryHm.text("hm:readinessChecks").contains("HA - WITNESS"), primaryHm.text("hm:readinessChecks"));
    primaryHm.screenshot("health-monitor-primary");
    primaryHm.click("hm:trends");
    primaryHm.await("the trend graphs", Duration.ofSeconds(20), () -> primaryHm.all("canvas").size() == FAILOVER_CHECKS);
    primaryHm.screenshot("readiness-trends");
    primaryHm.click("trends:back");
    primaryHm.await("the Health Monitor again", Duration.ofSeconds(15), () -> !primaryHm.text("hm:state").isEmpty());
  }

  @Test
  @Order(6)
  void message_level_save_takes_effect_at_once_and_download_gives_the_log_archive() throws Exception {
    primaryHm.choose("hm:level", "Trace");
    primaryHm.click("hm:saveLevel");
    primaryHm.await("the level saved", Duration.ofSeconds(15), () -> primaryHm.text("hm:messages").contains("Message Level set to Trace"));
    assertEquals("Trace", Pair.field(PAIR.get("primary", 8082, "/api/logging/level", "root", key).body(), "level"),
        "the level is in force at once");
    primaryHm.choose("hm:level", "Informational");
    primaryHm.click("hm:saveLevel");
    primaryHm.await("the level back", Duration.ofSeconds(15), () -> primaryHm.text("hm:messages").contains("Message Level set to Informational"));

    primaryHm.click("hm:download");
    Path archive = primaryHm.awaitDownload(".zip", Duration.ofSeconds(30));
    List<String> entries;
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      entries = zip.stream().map(ZipEntry::getName).toList();
    }
    assertTrue(entries.stream().anyMatch(n -> n.startsWith("log/") && n.endsWith(".log")), "the Health Monitor's own log: " + entries);
    assertTrue(entries.stream().anyMatch(n -> n.endsWith("logs/messages.log")), "Liberty's messages: " + entries);
  }

  @Test
  @Order(7)
  void failover_and_failback_are_clicked_through_the_health_monitor_pages() throws Exception {
    assertEquals(0, PAIR.haPair(Duration.ofMinutes(1), "kill", "primary"));
    secondaryHm.await("Secondary Lost Primary", Duration.ofSeconds(60),
        () -> "Secondary Lost Primary".equals(secondaryHm.text("hm:state")) && secondaryHm.enabled("hm:failover"));
    assertFalse(secondaryHm.enabled("hm:failback"));
    secondaryHm.click("hm:failover");
    secondaryHm.confirm();
    secondaryHm.await("Secondary Active", Duration.ofSeconds(90), () -> "Secondary Active".equals(secondaryHm.text("hm:state")));
    secondaryHm.screenshot("health-monitor-secondary-active");

    assertEquals(0, PAIR.haPair(Duration.ofMinutes(4), "start", "primary"));
    secondaryHm.await("Failback offered", Duration.ofSeconds(180), () -> secondaryHm.enabled("hm:failback"));
    secondaryHm.click("hm:failback");
    secondaryHm.confirm();
    secondaryHm.await("Secondary Syncing after failback", Duration.ofSeconds(180),
        () -> "Secondary Syncing".equals(secondaryHm.text("hm:state")));
    Pair.await("the primary active again", Duration.ofSeconds(60), () -> "Primary Active".equals(PAIR.state("primary")));
    assertTrue(secondaryHm.text("hm:events").contains("failback"), "the events on the page tell the story");
  }

  @Test
  @Order(8)
  void the_pages_fit_at_1280_and_at_800_pixels() throws Exception {
    try (Browser narrow = new Browser(800, 900)) {
      narrow.open(adminUrl("ha-config.xhtml"));
      narrow.await("HA Configuration", Duration.ofSeconds(15), () -> !narrow.text("config:mode").isEmpty());
      assertTrue(narrow.fitsWidth(), "HA Configuration at 800 px");
      narrow.screenshot("ha-configuration-800px");
      narrow.open(adminUrl("ha.xhtml"));
      narrow.await("HA Status", Duration.ofSeconds(15), () -> !narrow.text("status:state").isEmpty());
      assertTrue(narrow.fitsWidth(), "HA Status at 800 px");
      login(narrow, PAIR.secondary, key);
      narrow.await("the Health Monitor", Duration.ofSeconds(15), () -> !narrow.text("hm:state").isEmpty());
      assertTrue(narrow.fitsWidth(), "Health Monitor at 800 px");
      narrow.screenshot("health-monitor-800px");
    }
    admin.open(adminUrl("ha.xhtml"));
    admin.await("HA Status", Duration.ofSeconds(15), () -> !admin.text("status:state").isEmpty());
    assertTrue(admin.fitsWidth(), "HA Status at 1280 px");
    assertTrue(primaryHm.fitsWidth(), "Health Monitor at 1280 px");
  }

  /**
   * Issue 18's pages: on 9443 a bundle is uploaded through the page and listed, a tampered one is
   * refused with its reason, and Install asks first and then says why this bundle does not apply
   * (nothing restarts); the Health Monitor's Software Update asks for the key again.
   */
  @Test
  @Order(9)
  void software_update_uploads_lists_warns_before_install_and_refuses_what_does_not_apply() throws Exception {
    Path bundle = UpdateBundles.inapplicable();
    admin.open(adminUrl("software.xhtml"));
    admin.await("Software Update", Duration.ofSeconds(15), () -> !admin.text("software:version").isEmpty());
    String version = Json.field(PAIR.get("primary", 8082, "/api/status", null, null).body(), "version");
    assertEquals(version, admin.text("software:version"));
    assertEquals("none", admin.text("software:patches"));
    admin.find("software:file").sendKeys(UpdateBundles.tampered(bundle).toString());
    admin.click("software:upload");
    admin.await("the refusal", Duration.ofSeconds(15), () -> admin.text("software:messages").contains("the bundle was altered or damaged"));
    admin.find("software:file").sendKeys(bundle.toString());
    admin.click("software:upload");
    admin.await("the upload listed", Duration.ofSeconds(15), () -> admin.text("software:uploads").contains("ncs-ha-9.0.1")
        && admin.text("software:uploads").contains("For servers on 9.0.0 or later"));
    assertTrue(admin.text("software:messages").contains("Uploaded and verified: ncs-ha-9.0.1"), admin.text("software:messages"));
    admin.click("software:uploads:0:install");
    admin.await("the warning", Duration.ofSeconds(10), () -> admin.all(".ui-confirm-dialog-message").stream()
        .anyMatch(e -> e.isDisplayed() && e.getText().contains("restarts ncs-ha on this server")));
    admin.screenshot("software-update-install-warning");
    admin.confirm();
    admin.await("why it does not apply", Duration.ofSeconds(15), () -> admin.text("software:messages")
        .contains("Not installed: applies.from: this update applies to version 9.0.0 or later; this server runs " + version));
    admin.screenshot("software-update");
    assertTrue(admin.text("software:updates").contains("No update installed yet"), admin.text("software:updates"));
    assertEquals("Primary Active", PAIR.state("primary"), "nothing restarted");

    login(primaryHm, PAIR.primary, key);
    primaryHm.await("the Health Monitor page", Duration.ofSeconds(15), () -> !primaryHm.text("hm:state").isEmpty());
    primaryHm.click("hm:softwareUpdate");
    primaryHm.await("the key asked again", Duration.ofSeconds(15), () -> !primaryHm.all("[id='gate:key']").isEmpty());
    primaryHm.type("gate:key", "Wrong-key-7x");
    primaryHm.click("gate:unlock");
    primaryHm.await("the refusal", Duration.ofSeconds(15), () -> primaryHm.text("gate:messages").contains("Invalid user name or authentication key"));
    assertTrue(primaryHm.all("[id='software:version']").isEmpty(), "nothing behind the key");
    primaryHm.type("gate:key", key);
    primaryHm.click("gate:unlock");
    primaryHm.await("the HM's Software Update", Duration.ofSeconds(15), () -> version.equals(primaryHm.text("software:version"))
        && primaryHm.text("software:uploads").contains("ncs-ha-9.0.1"));
    primaryHm.screenshot("hm-software-update");

    // Uploads are up to 2 GB each: the page deletes one again, after a warning.
    admin.click("software:uploads:0:delete");
    admin.await("the delete's warning", Duration.ofSeconds(10), () -> admin.all(".ui-confirm-dialog-message").stream()
        .anyMatch(e -> e.isDisplayed() && e.getText().contains("The uploaded file is deleted from this server")));
    admin.screenshot("software-update-delete-warning");
    admin.confirm();
    admin.await("the upload gone", Duration.ofSeconds(15), () -> admin.text("software:uploads").contains("No update file uploaded")
        && admin.text("software:messages").contains("Deleted the uploaded update ncs-ha-9.0.1"));
    admin.screenshot("software-update-deleted");
    assertEquals("Primary Active", PAIR.state("primary"), "a delete changes nothing else");
  }

  @Test
  @Order(10)
  void remove_asks_for_confirmation_and_ends_at_ha_not_configured() throws Exception {
    admin.open(adminUrl("ha-config.xhtml"));
    admin.await("Remove offered in Primary Active", Duration.ofSeconds(30),
        () -> "Primary Active".equals(admin.text("config:mode")) && !admin.all("[id='config:remove']").isEmpty());
    admin.click("config:remove");
    admin.confirm();
    Pair.await("HA removed", Duration.ofSeconds(120), () -> "HA Not Configured".equals(PAIR.state("primary"))
        && "HA Not Configured".equals(PAIR.state("secondary")));
    admin.open(adminUrl("ha-config.xhtml"));
    admin.await("HA Not Configured on the page", Duration.ofSeconds(15), () -> "HA Not Configured".equals(admin.text("config:mode")));
    assertTrue(admin.all("[id='config:remove']").isEmpty(), "Remove is offered only in Primary Active");
  }

  @Test
  @Order(11)
  void repeated_wrong_keys_lock_the_login_for_a_while_and_the_lock_is_logged() throws Exception {
    try (Browser guesser = new Browser(1280, 800)) {
      for (int attempt = 1; attempt <= 5; attempt++) {
        login(guesser, PAIR.secondary, "Wrong-key-" + attempt + "x");
        guesser.await("refusal " + attempt, Duration.ofSeconds(10),
            () -> guesser.driver.getPageSource().contains("Invalid user name or authentication key"));
      }
      login(guesser, PAIR.secondary, key);
      guesser.await("the lock", Duration.ofSeconds(10), () -> guesser.driver.getPageSource().contains("Too many failed logins"));
      assertTrue(guesser.driver.findElements(org.openqa.selenium.By.id("hm:state")).isEmpty(), "even the right key waits out the lock");
    }
    assertTrue(PAIR.logs("secondary").contains("Health Monitor login locked until"), "the lock is in the Health Monitor log");
  }

  /**
   * The guide's "Remove HA During Restore", on the server left without HA by the steps above: a
   * backup holds the rows written before it, a restore brings the database back to it, and the
   * registration that follows brings the restored rows to the secondary.
   */
  @Test
  @Order(12)
  void a_backup_restored_without_ha_brings_back_the_rows_it_holds_on_both_servers_once_registered_again() throws Exception {
    String user = PAIR.get("ADMIN_USER");
    String password = PAIR.get("ADMIN_PASSWORD");
    assertEquals(201, PAIR.post("primary", 9443, "/api/devices", user, password,
        "{\"name\":\"before-backup\",\"address\":\"10.7.0.1\"}").statusCode());
    Path backup = Pair.TARGET.resolve("it-pages-backup.dump");
    String[] made = PAIR.ncs("primary", "", "backup", backup.toString());
    assertEquals("0", made[0], made[1]);
    assertTrue(made[1].contains("table public.managed_device") && made[1].contains("Backup complete"), made[1]);
    assertEquals(201, PAIR.post("primary", 9443, "/api/devices", user, password,
        "{\"name\":\"after-backup\",\"address\":\"10.7.0.2\"}").statusCode());
    String[] restored = PAIR.ncs("primary", "", "restore", backup.toString());
    assertEquals("0", restored[0], restored[1]);
    String devices = PAIR.get("primary", 9443, "/api/devices", user, password).body();
    assertTrue(devices.contains("before-backup") && !devices.contains("after-backup"), devices);
    assertEquals(201, PAIR.post("primary", 9443, "/api/devices", user, password,
        "{\"name\":\"after-restore\",\"address\":\"10.7.0.3\"}").statusCode(), "the application writes again");
    // The guide's last step: register again; the registration brings the restored data to the secondary.
    assertEquals(202, PAIR.post("primary", 9443, "/api/admin/ha/registration", user, password,
        "{\"secondaryServer\":\"" + PAIR.secondary + "\",\"authenticationKey\":\"" + key + "\",\"failoverType\":\"manual\"}")
        .statusCode());
    Pair.await("registered again", Duration.ofMinutes(3), () -> "Primary Active".equals(PAIR.state("primary"))
        && "Secondary Syncing".equals(PAIR.state("secondary")));
    Pair.await("the restored rows on the secondary", Duration.ofSeconds(30), () -> {
      java.util.Set<String> names = PAIR.deviceNames("secondary");
      return names.contains("before-backup") && names.contains("after-restore") && !names.contains("after-backup");
    });
  }
}

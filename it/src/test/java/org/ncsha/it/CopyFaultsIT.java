package org.ncsha.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The standby's disk fills up during the registration copy: the secondary lives on a 256 MB
 * tmpfs and the primary's database has grown past that. The registration must fail as S2
 * (both servers back to HA Not Configured, the reason shown, the secondary's own database
 * untouched); once the administrator gives it room, registering again succeeds.
 */
class CopyFaultsIT {
  @RegisterExtension
  static final PairExtension PAIRS = PairExtension.loopback("it-copy", "127.0.2.31", "127.0.2.32").tmpfs("secondary", "256m");
  private static final Pair PAIR = PAIRS.pair();
  private static final Path SECONDARY = PAIR.dir.resolve("secondary");
  private static String admin;
  private static String adminPassword;

  @BeforeAll
  static void up() throws Exception {
    admin = PAIR.get("ADMIN_USER");
    adminPassword = PAIR.get("ADMIN_PASSWORD");
  }


  private static String state(String node) {
    return PAIR.state(node);
  }

  private static HttpResponse<String> register() throws Exception {
    return PAIR.post("primary", 9443, "/api/admin/ha/registration", admin, adminPassword,
        "{\"secondaryServer\":\"" + PAIR.secondary + "\",\"authenticationKey\":\"" + PAIR.get("AUTH_KEY")
            + "\",\"failoverType\":\"manual\"}");
  }

  private static String registration() throws Exception {
    return PAIR.get("primary", 9443, "/api/admin/ha/registration", admin, adminPassword).body();
  }

  /**
   * Check Readiness on the HA Configuration page, as REST: every check of the registration
   * checklist runs against the real secondary within 30 s. Both servers share this machine, so
   * sizes match; the secondary's small volume and the loopback interface are what it reports.
   */
  private static void checkReadinessBeforeRegistration() throws Exception {
    HttpResponse<String> bad = PAIR.post("primary", 9443, "/api/admin/ha/readiness", admin, adminPassword,
        "{\"secondaryServer\":\"\",\"authenticationKey\":\"" + PAIR.get("AUTH_KEY") + "\"}");
    assertEquals(400, bad.statusCode(), bad.body());
    assertTrue(bad.body().contains("Secondary Server: enter the IP address"), bad.body());

    long start = System.nanoTime();
    HttpResponse<String> r = PAIR.post("primary", 9443, "/api/admin/ha/readiness", admin, adminPassword,
        "{\"secondaryServer\":\"" + PAIR.secondary + "\",\"authenticationKey\":\"" + PAIR.get("AUTH_KEY") + "\"}");
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(seconds < 30, "the whole run took " + seconds + " s");
    String body = r.body();
    for (String name : new String[] {"SYSTEM - CHECK CPU COUNT", "SYSTEM - CHECK RAM SIZE", "SYSTEM - HEALTH MONITOR STATUS",
        "SYSTEM - CHECK SOFTWARE VERSION", "SYSTEM - CHECK CLOCK OFFSET", "SYSTEM - CHECK DISK IOPS",
        "SYSTEM - CHECK SERVER PING REACHABILITY", "NETWORK - CHECK FIREWALL FOR DATABASE PORT ACCESSIBILITY",
        "NETWORK - CHECK NETWORK INTERFACE BANDWIDTH", "NETWORK - CHECK NETWORK BANDWIDTH SPEED", "DATABASE - LISTENER STATUS",
        "DATABASE - CHECK LISTENER CONFIG CORRUPTION", "DATABASE - CHECK TNS CONFIG CORRUPTION",
        "DATABASE - TNS REACHABILITY STATUS", "DATABASE - CHECK MEMORY TARGET", "DATABASE - CHECK ONLINE STATUS",
        "DATABASE - VALIDATE STANDBY DATABASE INSTANCE"}) {
      assertTrue(Json.has(body, "name", name), name + " is in " + body);
    }
    for (String pass : new String[] {"SYSTEM - CHECK CPU COUNT", "SYSTEM - HEALTH MONITOR STATUS", "SYSTEM - CHECK SOFTWARE VERSION",
        "SYSTEM - CHECK CLOCK OFFSET", "SYSTEM - CHECK SERVER PING REACHABILITY", "NETWORK - CHECK FIREWALL FOR DATABASE PORT ACCESSIBILITY",
        "DATABASE - LISTENER STATUS", "DATABASE - CHECK LISTENER CONFIG CORRUPTION",
        "DATABASE - CHECK ONLINE STATUS", "DATABASE - VALIDATE STANDBY DATABASE INSTANCE"}) {
      assertEquals("Pass", status(body, pass), pass + " in " + body);
    }
    assertMeasuredWithRealData(body);
    assertEquals("Warning", status(body, "SYSTEM - CHECK RAM SIZE"), "the secondary's 256 MB volume is smaller: " + body);
    assertEquals("Warning", status(body, "NETWORK - CHECK NETWORK INTERFACE BANDWIDTH"), "lo reports no speed: " + body);

    HttpResponse<String> wrongKey = PAIR.post("primary", 9443, "/api/admin/ha/readiness", admin, adminPassword,
        "{\"secondaryServer\":\"" + PAIR.secondary + "\",\"authenticationKey\":\"Wrong-key-42x\"}");
    assertEquals(200, wrongKey.statusCode(), wrongKey.body());
    assertEquals("Fail", status(wrongKey.body(), "SYSTEM - HEALTH MONITOR STATUS"));
    assertTrue(wrongKey.body().contains("rejected the authentication key"), wrongKey.body());
    assertTrue(!PAIR.events("primary", PAIR.get("AUTH_KEY")).contains("readiness"), "registration readiness raises no event");
  }

  /**
   * The bandwidth check sent real data to the other server's listener. Its grade (Pass, Warning,
   * Fail) follows the machine's load at that moment, so ReadinessRulesTest tests the grading.
   */
  static void assertMeasuredWithRealData(String body) {
    String name = "NETWORK - CHECK NETWORK BANDWIDTH SPEED";
    assertTrue(value(body, name) > 0, "a positive rate in " + check(body, name));
    assertTrue(check(body, name).contains("Mbps measured with real data"), check(body, name));
  }

  /** The named check's object in a readiness answer. */
  private static String check(String body, String name) {
    return Json.objectWith(body, "name", name).orElseThrow(() -> new AssertionError(name + " is not in " + body)).toString();
  }

  /** The status of the named check in a readiness answer. */
  static String status(String body, String name) {
    return Pair.field(check(body, name), "status");
  }

  /** The measured value of the named check in a readiness answer. */
  static double value(String body, String name) {
    String value = Json.field(check(body, name), "value");
    assertTrue(value != null, "a value in " + check(body, name));
    return Double.parseDouble(value);
  }

  @Test
  void a_full_standby_disk_fails_the_copy_cleanly_and_room_lets_registration_succeed() throws Exception {
    HttpResponse<String> removed = PAIR.delete("primary", 9443, "/api/admin/ha/registration", admin, adminPassword);
    assertEquals(202, removed.statusCode(), removed.body());
    Pair.await("HA removed", Duration.ofSeconds(120),
        () -> "HA Not Configured".equals(state("primary")) && "HA Not Configured".equals(state("secondary")));
    checkReadinessBeforeRegistration();
    try (Connection c = PAIR.database("primary"); Statement s = c.createStatement()) {
      // About 400 MB that does not compress: more than the secondary's volume holds.
      s.execute("create table ballast as select g as id, md5(g::text) || md5((g + 1)::text) || md5((g + 2)::text)"
          + " || md5((g + 3)::text) || md5((g + 4)::text) || md5((g + 5)::text) as filler from generate_series(1, 1700000) g");
    }
    assertEquals(202, register().statusCode());
    Pair.await("the registration failed", Duration.ofMinutes(5), () -> Json.has(registration(), "status", "failed"));
    String failed = registration();
    assertTrue(failed.contains("No space left on device"), failed);
    Pair.await("S2: both back to HA Not Configured", Duration.ofSeconds(120),
        () -> "HA Not Configured".equals(state("primary")) && "HA Not Configured".equals(state("secondary")));
    assertTrue(PAIR.events("primary", PAIR.get("AUTH_KEY")).contains("No space left on device"));
    assertTrue(!Files.exists(SECONDARY.resolve("pgdata.new")), "the partial copy was removed");
    String status = PAIR.get("secondary", 8082, "/api/status", null, null).body();
    assertTrue(Json.has(status, "reachable", "true"), "the secondary's own database still runs: " + status);

    // The administrator's remedy: give the standby room, register again.
    assertEquals(0, Pair.command("mount", "-o", "remount,size=2g", SECONDARY.toString()));
    assertEquals(202, register().statusCode());
    Pair.await("registered", Duration.ofMinutes(5), () -> {
      String progress = registration();
      // Until the loop takes up the new registration, the progress still shows the first failure.
      assertFalse(Json.has(progress, "status", "failed") && !progress.contains("No space left on device"),
          "the second registration failed: " + progress);
      return "Primary Active".equals(state("primary")) && "Secondary Syncing".equals(state("secondary"));
    });
  }
}

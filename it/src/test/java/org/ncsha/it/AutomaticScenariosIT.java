package org.ncsha.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The guide's automatic-failover scenarios against a real pair in two network namespaces: a
 * short outage within the hold-down does not fail over; switched to Manual on the running pair, a
 * lasting link cut leaves the secondary waiting (S4); switched back, a lasting link cut fails over (S3) and the
 * primary steps down once the link returns; a primary whose database cannot restart is failed
 * over from (S5) and comes back as a standby when restarted; synchronous replication degrades
 * while the link is down and resumes after; a primary down longer than the data retention period
 * gets a full copy. Heartbeats 1 s, hold-down 15 s, retention 0.001 h.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("netns")
class AutomaticScenariosIT {
  private static final int HOLD_DOWN_S = 15;
  @RegisterExtension
  static final PairExtension NET = PairExtension.netns("ncsau", "10.213.8").failover("automatic")
      .env("HOLDDOWN_S", Integer.toString(HOLD_DOWN_S))
      .env("SYNC_REPLICATION", "yes")
      // 3.6 s: any restart is "down longer than the retention period", so S5 takes the full-copy path.
      .env("RETENTION_HOURS", "0.001");
  private static NetPair p;

  @BeforeAll
  static void up() throws Exception {
    p = NET.net();
  }

  @Test
  @Order(10)
  void a_short_outage_within_the_hold_down_does_not_fail_over() throws Exception {
    p.net.cut();
    p.awaitState("secondary", "Secondary Lost Primary", 60);
    p.net.heal();
    p.awaitStates("link restored", 60, "Primary Active", "Secondary Syncing");
    String events = p.events("secondary");
    assertTrue(Json.has(events, "state", "Secondary Lost Primary") && !events.contains("automatic failover"), events);
  }

  @Test
  @Order(15)
  void synchronous_replication_degrades_while_the_standby_is_cut_off_and_resumes() throws Exception {
    String standby = "\"synchronousStandby\":\"" + p.pair.secondary + "\"";
    Pair.await("synchronous replication on", Duration.ofSeconds(60),
        () -> p.pair.get("primary", 8082, "/api/status", null, null).body().contains(standby));
    p.net.cut();
    // The commit waits for the unreachable standby until the primary has lost it and degrades.
    Instant start = Instant.now();
    assertEquals(201, p.writeDevice("primary", "sync-written-while-cut"));
    Duration blocked = Duration.between(start, Instant.now());
    System.out.println("[it] a commit waited " + blocked.toMillis() + " ms for the cut-off synchronous standby");
    assertEquals("Primary Lost Secondary", p.state("primary"));
    assertTrue(p.events("primary").contains("Synchronous replication degraded to asynchronous"), p.events("primary"));
    p.net.heal();
    p.awaitStates("link restored", 60, "Primary Active", "Secondary Syncing");
    Pair.await("synchronous replication on again", Duration.ofSeconds(60),
        () -> p.pair.get("primary", 8082, "/api/status", null, null).body().contains(standby));
    Pair.await("the write reached the standby", Duration.ofSeconds(30), () -> p.hasDevice("secondary", "sync-written-while-cut"));
  }

  /**
   * The Failover Type changed on the running pair takes effect (issue 14): switched to Manual,
   * the lasting cut that fails over by itself in S3 below leaves the secondary waiting in
   * Secondary Lost Primary (S4), passive, well past the hold-down; switched back to Automatic
   * afterwards, so S3 shows that change taking effect too.
   */
  @Test
  @Order(17)
  void switched_to_manual_on_the_running_pair_a_lasting_cut_does_not_fail_over() throws Exception {
    p.awaitStates("healthy pair", 60, "Primary Active", "Secondary Syncing");
    changeFailoverType("manual");
    Throwable failed = null;
    try {
      p.net.cut();
      try {
        p.awaitStates("link cut", 60, "Primary Lost Secondary", "Secondary Lost Primary");
        // Automatic failover would start once the hold-down has passed in Secondary Lost Primary;
        // watched for 15 heartbeats (five miss windows) beyond it.
        Duration window = Duration.ofSeconds(HOLD_DOWN_S + 15);
        Instant until = Instant.now().plus(window);
        int polls = 0;
        while (Instant.now().isBefore(until)) {
          assertEquals("Secondary Lost Primary", p.state("secondary"), "the manual secondary waits, after " + polls + " polls");
          assertEquals(503, p.writeDevice("secondary", "written-while-manual"), "the waiting secondary takes no write");
          assertEquals(503, p.pair.get("secondary", 9443, "/health/ready", null, null).statusCode(), "it is not ready to serve");
          polls++;
          Thread.sleep(500); // the poll interval of a watch that lasts the whole window
        }
        System.out.println("[it] the manual secondary stayed in Secondary Lost Primary for " + window.toSeconds() + " s ("
            + polls + " polls)");
        assertEquals(false, p.writable("secondary"), "its database is still a standby");
        String events = p.events("secondary");
        assertFalse(events.contains("automatic failover"), events);
        assertEquals("Primary Lost Secondary", p.state("primary"), "the primary keeps serving");
        assertEquals(201, p.writeDevice("primary", "written-while-manual"));
      } finally {
        p.net.heal();
      }
      p.awaitStates("link restored", 60, "Primary Active", "Secondary Syncing");
      Pair.await("the primary's write on the secondary", Duration.ofSeconds(30), () -> p.hasDevice("secondary", "written-while-manual"));
    } catch (Exception | AssertionError e) {
      failed = e;
      throw e;
    } finally {
      // Automatic again for the tests below, also after a failure here (which it must not hide).
      try {
        changeFailoverType("automatic");
      } catch (Exception | AssertionError e) {
        if (failed == null) {
          throw e;
        }
        failed.addSuppressed(e);
      }
    }
  }

  /** PUT /api/admin/ha/settings on the primary; waits until both servers report the type. */
  private static void changeFailoverType(String type) throws Exception {
    java.net.http.HttpResponse<String> r = p.pair.put("primary", 9443, "/api/admin/ha/settings", p.admin, p.adminPassword,
        "{\"failoverType\":\"" + type + "\",\"emailAddress\":\"\"}");
    assertEquals(200, r.statusCode(), r.body());
    Pair.await("Failover Type " + type + " on both servers", Duration.ofSeconds(10), () ->
        type.equals(Json.field(p.pair.get("primary", 8082, "/api/status", null, null).body(), "failoverType"))
            && type.equals(Json.field(p.pair.get("secondary", 8082, "/api/status", null, null).body(), "failoverType")));
  }

  @Test
  @Order(20)
  void s3_lasting_link_cut_fails_over_and_the_primary_steps_down_when_it_returns() throws Exception {
    p.net.cut();
    p.awaitStates("link cut", 60, "Primary Lost Secondary", "Secondary Lost Primary");
    p.awaitStates("automatic failover after the hold-down", 60, "Primary Lost Secondary", "Secondary Active");
    assertEquals(201, p.writeDevice("secondary", "s3-on-secondary"));
    String events = p.events("secondary");
    assertTrue(events.contains("automatic failover: the primary has been lost for"), events);

    p.net.heal();
    p.awaitStates("the primary steps down", 120, "Primary Syncing", "Secondary Active");
    assertTrue(Json.has(p.events("primary"), "state", "Primary Failover"));
    p.failback();
    assertTrue(p.hasDevice("primary", "s3-on-secondary"));
  }

  @Test
  @Order(30)
  void s5_primary_database_that_cannot_restart_fails_over_by_itself() throws Exception {
    try (AutoCloseable broken = p.breakPrimaryDatabase()) {
      p.awaitState("primary", "Primary Uncertain", 90);
      p.awaitStates("automatic failover", 90, "Primary Failover", "Secondary Active");
      assertEquals(201, p.writeDevice("secondary", "s5-on-secondary"));
    }
    // Killed right after the full copy was swapped in, before the copy was started: it must
    // still come back as a standby (the standby settings were written before the swap).
    p.pair.env("NCS_HA_TEST_CRASH_POINT", "AFTER_COPY_SWAP");
    p.restart("primary");
    p.pair.env("NCS_HA_TEST_CRASH_POINT", "");
    p.awaitLog("primary", "Crash point AFTER_COPY_SWAP reached", 180);
    p.restart("primary");
    p.awaitDatabase("primary", 90);
    assertEquals(false, p.writable("primary"), "killed after the copy's swap, it restarts as a standby");
    p.awaitStates("the restarted primary follows", 180, "Primary Syncing", "Secondary Active");
    String events = p.events("primary");
    assertTrue(Json.has(events, "state", "Primary Preparing for Failback"), events);
    assertTrue(events.contains("longer than the data retention period") && events.contains("replaced by a full copy"), events);
    p.failback();
    assertTrue(p.hasDevice("primary", "s5-on-secondary"));
  }

  /**
   * The promotion guard (issue 11): a standby that fell more than failover.max.lag.mb (16 MB)
   * behind what the primary last reported is not promoted automatically; Failover by hand still
   * works, and the promotion's event names the WAL range that may be missing. Leaves the primary
   * down: the last step of this pair.
   */
  @Test
  @Order(40)
  void automatic_failover_refuses_a_standby_far_behind_and_manual_failover_names_the_missing_range() throws Exception {
    Pair pair = p.pair;
    p.awaitStates("healthy pair", 60, "Primary Active", "Secondary Syncing");
    p.sql("secondary", "alter system set primary_conninfo = ''"); // stops the WAL receiver
    p.sql("secondary", "select pg_reload_conf()");
    Pair.await("the primary degrades to asynchronous: the standby stopped receiving", Duration.ofSeconds(60), () -> {
      String status = pair.get("primary", 8082, "/api/status", null, null).body();
      return Json.has(status, "streaming", "false") && Json.has(status, "synchronousStandby", "");
    });
    p.sql("primary", "create table guard_bulk as select g, repeat('x', 500) as pad from generate_series(1, 60000) g");
    String written = p.sql("primary", "select pg_current_wal_lsn()::text");
    Pair.await("the primary's Health Monitor sees its new WAL position", Duration.ofSeconds(30), () ->
        lsn(field(pair.get("primary", 8082, "/api/status", null, null).body(), "walPosition")) >= lsn(written));
    java.time.Instant seen = java.time.Instant.now();
    Pair.await("the secondary heard the primary after that", Duration.ofSeconds(30), () ->
        java.time.Instant.now().isAfter(seen.plusSeconds(2))
            && Json.has(pair.get("secondary", 8082, "/api/status", null, null).body(), "peerHeardSecondsAgo", "0"));

    p.killWhole("primary");
    Pair.await("automatic failover refused with an event", Duration.ofSeconds(90),
        () -> p.events("secondary").contains("automatic failover refused"));
    String events = p.events("secondary");
    assertTrue(events.contains("MB behind what the primary last reported (the limit is 16 MB)"), events);
    assertEquals("Secondary Lost Primary", pair.state("secondary"), "not promoted");
    assertEquals(1, occurrences(events, "automatic failover refused"), "one event, not one a tick");

    p.action("secondary", "failover", 202);
    p.awaitState("secondary", "Secondary Active", 90);
    String promoted = p.events("secondary");
    assertTrue(promoted.contains("Promoted at ") && promoted.contains("the peer last reported ")
        && promoted.contains("MB of acknowledged writes may be missing"), promoted);
  }

  private static String field(String json, String name) {
    String value = Json.field(json, name);
    return value == null ? "0/0" : value;
  }

  private static long lsn(String text) {
    int slash = text.indexOf('/');
    return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
  }

  private static int occurrences(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}

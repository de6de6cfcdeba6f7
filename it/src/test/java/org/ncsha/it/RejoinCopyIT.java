package org.ncsha.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The primary crashes, the secondary takes over and writes more WAL than its replication slot
 * may hold back for the absent primary (SLOT_WAL_LIMIT_MB=32), so the slot is invalidated. The
 * returning primary cannot be rewound and gets a full copy. Its first copy fails because its
 * disk (a 1 GB tmpfs) is full: Primary Database Copy Failed, with the reason in the events,
 * failback refused, the secondary serving on. The administrator frees room and restarts the
 * primary: the copy succeeds, and after failback every acknowledged write is on the primary.
 */
class RejoinCopyIT {
  @RegisterExtension
  static final PairExtension PAIRS = PairExtension.loopback("it-rejoin", "127.0.2.51", "127.0.2.52")
      .tmpfs("primary", "1g").env("SLOT_WAL_LIMIT_MB", "32").env("HEARTBEAT_MS", "1000");
  private static final Pair PAIR = PAIRS.pair();
  private static final Path PRIMARY = PAIR.dir.resolve("primary");
  private static final Path FILLER = PRIMARY.resolve("filler");
  private static final long MB = 1024 * 1024;
  private static String admin;
  private static String adminPassword;
  private static String key;

  @BeforeAll
  static void up() throws Exception {
    admin = PAIR.get("ADMIN_USER");
    adminPassword = PAIR.get("ADMIN_PASSWORD");
    key = PAIR.get("AUTH_KEY");
  }

  @Test
  void a_primary_whose_slot_was_invalidated_gets_a_full_copy_that_is_retried_after_a_full_disk() throws Exception {
    assertEquals(201, writeDevice("primary", "before-the-crash"));
    crashPrimary();
    awaitState("secondary", "Secondary Lost Primary", 60);
    assertEquals(202, action("secondary", "failover").statusCode());
    awaitState("secondary", "Secondary Active", 120);
    assertEquals(201, writeDevice("secondary", "while-the-primary-was-down"));

    long secondaryBytes = churnUntilTheSlotIsInvalidated();
    // Less room on the primary than the copy needs, enough for the server to start.
    long room = 48 * MB;
    long filler = Files.getFileStore(PRIMARY).getUsableSpace() - room;
    assertTrue(secondaryBytes > 2 * room, "the secondary's database (" + secondaryBytes + " B) is larger than the room left");
    assertEquals(0, Pair.command("fallocate", "-l", Long.toString(filler), FILLER.toString()));

    assertEquals(0, PAIR.haPair(Duration.ofMinutes(4), "start", "primary"));
    awaitState("primary", "Primary Database Copy Failed", 240);
    String events = PAIR.events("primary", key);
    assertTrue(events.contains("instead of rewinding it") && events.contains("was invalidated"), events);
    assertTrue(events.contains("No space left on device"), events);
    assertFalse(Files.exists(PRIMARY.resolve("pgdata.new")), "the partial copy was removed");
    HttpResponse<String> refused = action("secondary", "failback");
    assertEquals(409, refused.statusCode(), refused.body());
    assertEquals("Secondary Active", PAIR.state("secondary"));
    assertEquals(201, writeDevice("secondary", "while-the-copy-had-failed"));

    // The operator action the advice names: fix the cause, restart the primary.
    Files.delete(FILLER);
    assertEquals(0, PAIR.haPair(Duration.ofMinutes(1), "kill", "primary"));
    assertEquals(0, PAIR.haPair(Duration.ofMinutes(4), "start", "primary"));
    awaitState("primary", "Primary Syncing", 240);
    String retried = PAIR.events("primary", key);
    // The failed copy left a fresh slot behind, but it cannot bring back the WAL since the fork;
    // if the active server writes a lot meanwhile (autovacuum after the churn), that fresh slot is
    // itself invalidated. Either way the retry decides on a full copy again, and says why.
    assertTrue(occurrences(retried, "instead of rewinding it") >= 2, retried);
    assertTrue(retried.contains("no longer has the WAL from the fork point")
        || occurrences(retried, "was invalidated") >= 2, retried);
    assertTrue(retried.contains("replaced by a full copy"), retried);

    Pair.await("the secondary sees Primary Syncing", Duration.ofSeconds(60), () -> "Primary Syncing".equals(
        Pair.field(PAIR.get("secondary", 8082, "/api/status", null, null).body(), "peerState")));
    assertEquals(202, action("secondary", "failback").statusCode());
    Pair.await("failback", Duration.ofSeconds(180), () -> "Primary Active".equals(PAIR.state("primary"))
        && "Secondary Syncing".equals(PAIR.state("secondary")));
    String devices = PAIR.get("primary", 9443, "/api/devices", admin, adminPassword).body();
    for (String name : new String[] {"before-the-crash", "while-the-primary-was-down", "while-the-copy-had-failed"}) {
      assertTrue(Json.has(devices, "name", name), name + " is on the primary: " + devices);
    }
  }

  /** The primary's server dies: its JVM and its PostgreSQL, both with SIGKILL. */
  private static void crashPrimary() throws Exception {
    assertEquals(0, PAIR.haPair(Duration.ofMinutes(1), "kill", "primary"));
    PAIR.signalPostmaster("primary", "KILL");
  }

  private static int occurrences(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }

  /**
   * Writes on the active secondary until the slot kept for the primary is invalidated and the
   * database is large; returns the database's size. Bounded in rounds and time.
   */
  private static long churnUntilTheSlotIsInvalidated() throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    try (Connection c = PAIR.database("secondary"); Statement s = c.createStatement()) {
      for (int round = 0; ; round++) {
        long size;
        String walStatus;
        try (ResultSet rs = s.executeQuery("select pg_database_size('ncs'), (select wal_status from pg_replication_slots"
            + " where slot_name = 'ncs_ha_primary')")) {
          rs.next();
          size = rs.getLong(1);
          walStatus = rs.getString(2);
        }
        if ("lost".equals(walStatus) && size > 160 * MB) {
          return size;
        }
        assertTrue(round < 40 && Instant.now().isBefore(deadline),
            "after " + round + " rounds the slot is " + walStatus + " and the database " + size + " B");
        s.execute("create table churn_" + round + " as select g, md5(g::text) as m from generate_series(1, 300000) g");
        s.execute("select pg_switch_wal()");
        s.execute("checkpoint");
      }
    }
  }

  private static int writeDevice(String node, String name) throws Exception {
    return PAIR.post(node, 9443, "/api/devices", admin, adminPassword,
        "{\"name\":\"" + name + "\",\"address\":\"10.4.0.1\"}").statusCode();
  }

  private static HttpResponse<String> action(String node, String action) throws Exception {
    return PAIR.post(node, 8082, "/api/actions/" + action, "root", key, null);
  }

  private static void awaitState(String node, String state, int seconds) throws Exception {
    Pair.await(node + " in " + state, Duration.ofSeconds(seconds), () -> state.equals(PAIR.state(node)));
  }

}

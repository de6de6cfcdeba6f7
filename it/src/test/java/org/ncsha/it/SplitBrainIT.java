package org.ncsha.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Split brain with real processes and automatic failover: the primary's JVM is frozen
 * (SIGSTOP), the secondary takes over, the isolated primary's database still takes a write;
 * when the primary resumes it must step down, the pair must end with exactly one writable
 * database, and the write made after the fork must be kept, with an event saying where.
 */
class SplitBrainIT {
  private static final Pair PAIR = new Pair("it-split", "127.0.2.11", "127.0.2.12");
  private static String admin;
  private static String adminPassword;

  @BeforeAll
  static void up() throws Exception {
    PAIR.haPair(Duration.ofMinutes(2), "down");
    org.ncsha.it.Files.deleteTree(PAIR.dir);
    assertEquals(0, PAIR.haPair(Duration.ofMinutes(8), "up", "--failover", "automatic"), "ha-pair up succeeds");
    admin = PAIR.get("ADMIN_USER");
    adminPassword = PAIR.get("ADMIN_PASSWORD");
  }

  @AfterAll
  static void down() throws Exception {
    try {
      PAIR.signalLiberty("primary", "CONT");
    } finally {
      PAIR.haPair(Duration.ofMinutes(2), "down");
    }
  }

  @Test
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

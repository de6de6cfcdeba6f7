package org.ncsha.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two real PostgreSQL 15 clusters on two loopback addresses: copy with progress, streaming,
 * a read-only standby, promotion, and the old primary rewound into a standby of the new one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresNodeIT {
  private static final String A = "127.0.3.1";
  private static final String B = "127.0.3.2";
  private static final String SUPER_PASSWORD = "test-super-Pw1";
  private static final String APP_PASSWORD = "test-app-Pw3";
  private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
  private static Path root;
  private static PostgresNode a;
  private static PostgresNode b;

  @BeforeAll
  static void clusters() throws Exception {
    root = Files.createTempDirectory("ncs-pgtest");
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    a = node(A, "a");
    b = node(B, "b");
  }

  private static PostgresNode node(String address, String name) {
    return node(address, name, null);
  }

  /** With the Health Monitor's kept connection ({@code monitor}), or without (null). */
  private static PostgresNode node(String address, String name, MonitorConnection monitor) {
    String osUser = "root".equals(System.getProperty("user.name")) ? "postgres" : null;
    Path dir = root.resolve(name);
    return new PostgresNode(new PostgresConfig(BIN, dir.resolve("pgdata"), dir.resolve("pgrun"), dir.resolve("log"),
        address, 5432, "ncs", SUPER_PASSWORD, "replicator", "test-repl-Pw2", osUser, 32, APP_PASSWORD, "test-monitor-Pw4"),
        monitor);
  }

  @AfterAll
  static void cleanUp() {
    for (PostgresNode n : new PostgresNode[] {a, b}) {
      try {
        n.stop();
      } catch (RuntimeException ignored) {
        // Best effort: the next step deletes the files anyway.
      }
    }
    new PostgresFiles(new PostgresConfig(BIN, root.resolve("x"), root, root, A, 5432, "", "", "", "", null, 2048, null, null)).deleteTree(root);
  }

  @Test
  @Order(1)
  void a_new_cluster_answers_and_is_read_write() throws Exception {
    a.initialize();
    a.initialize(); // idempotent
    DatabaseHealth h = a.health();
    assertTrue(h.reachable(), h.error());
    assertFalse(h.inRecovery());
    sql(a, "create table probe(id int primary key, note text)");
    sql(a, "insert into probe values (1, 'before the copy')");
  }

  @Test
  @Order(1)
  void the_application_and_monitoring_roles_are_not_superusers() throws Exception {
    a.initialize();
    String url = "jdbc:postgresql://" + A + ":5432/ncs";
    try (Connection app = PostgresNode.connectAs(url, PostgresConfig.APP_USER, APP_PASSWORD, new java.util.Properties());
        Statement s = app.createStatement()) {
      s.execute("create table app_owned(id int primary key)");
      s.execute("insert into app_owned values (1)");
      SQLException program = assertThrows(SQLException.class, () -> s.execute("copy (select 1) to program 'true'"));
      assertTrue(program.getMessage().contains("pg_execute_server_program"), program.getMessage());
      SQLException system = assertThrows(SQLException.class,
          () -> s.execute("alter system set default_transaction_read_only = off"));
      assertTrue(system.getMessage().contains("permission denied"), system.getMessage());
      assertThrows(SQLException.class, () -> s.execute("create role intruder login superuser"));
    }
    try (Connection monitor = PostgresNode.connectAs(url, PostgresConfig.MONITOR_USER, "test-monitor-Pw4",
        new java.util.Properties()); Statement s = monitor.createStatement()) {
      s.executeQuery("select count(*) from pg_stat_replication").close();
      SQLException write = assertThrows(SQLException.class, () -> s.execute("insert into app_owned values (2)"));
      assertTrue(write.getMessage().contains("permission denied"), write.getMessage());
    }
  }

  @Test
  @Order(1)
  void the_monitors_session_survives_a_slow_query_and_is_replaced_after_a_frozen_one() throws Exception {
    a.initialize();
    PostgresNode monitored = node(A, "a", new MonitorConnection(Duration.ofSeconds(4)));
    MonitorConnection.Work<Integer> backend = c -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
        rs.next();
        return rs.getInt(1);
      }
    };
    int session = monitored.monitoring(backend);

    // Busy, not frozen: the server cancels the query itself (statement_timeout) within the budget.
    Instant asked = Instant.now();
    SQLException slow = assertThrows(SQLException.class, () -> monitored.monitoring(c -> {
      try (Statement s = c.createStatement()) {
        return s.execute("select pg_sleep(8)");
      }
    }));
    Duration waited = Duration.between(asked, Instant.now());
    assertEquals("57014", slow.getSQLState(), slow.getMessage());
    assertTrue(waited.compareTo(Duration.ofSeconds(4)) < 0, "cancelled after " + waited);
    assertEquals(session, monitored.monitoring(backend), "the same session answers after the cancel");

    // Frozen: only the socket timeout ends the wait; that session is given up for a new one.
    assertEquals(0, new ProcessBuilder("kill", "-STOP", Integer.toString(session)).start().waitFor());
    try {
      asked = Instant.now();
      DatabaseHealth frozen = monitored.health();
      waited = Duration.between(asked, Instant.now());
      assertFalse(frozen.reachable(), "a frozen backend is no answer");
      assertTrue(waited.compareTo(Duration.ofSeconds(6)) < 0, "gave up after " + waited);
    } finally {
      new ProcessBuilder("kill", "-CONT", Integer.toString(session)).start().waitFor();
    }
    int next = monitored.monitoring(backend);
    assertTrue(next != session, "a new session after the frozen one, was " + session + " and " + next);
  }

  @Test
  @Order(2)
  void the_copy_reports_real_progress_and_the_standby_follows() throws Exception {
    a.allowPeer(B);
    a.createReplicationSlot("ncs_ha_secondary");
    a.createReplicationSlot("ncs_ha_secondary"); // idempotent
    // Both servers may create the same slot at once (promotion and the old primary's follow):
    // neither may fail because the other won.
    for (int round = 0; round < 20; round++) {
      java.util.concurrent.CompletableFuture<Void> other =
          java.util.concurrent.CompletableFuture.runAsync(() -> a.createReplicationSlot("ncs_ha_race"));
      a.createReplicationSlot("ncs_ha_race");
      other.get(30, java.util.concurrent.TimeUnit.SECONDS);
      a.dropReplicationSlot("ncs_ha_race");
    }
    AtomicLong done = new AtomicLong();
    AtomicLong total = new AtomicLong();
    b.cloneFrom(A, "ncs_ha_secondary", (d, t) -> {
      done.set(d);
      total.set(t);
    });
    assertTrue(total.get() > 0, "progress was reported");
    assertEquals(total.get(), done.get(), "the copy ended at 100 %");
    assertTrue(b.health().inRecovery(), "the copy runs as a standby");
    assertEquals("before the copy", poll(b, "select note from probe where id = 1"));

    sql(a, "insert into probe values (2, 'streamed')");
    assertEquals("streamed", poll(b, "select note from probe where id = 2"));
    SQLException readOnly = assertThrows(SQLException.class, () -> sql(b, "insert into probe values (3, 'x')"));
    assertTrue(readOnly.getMessage().contains("read-only"), readOnly.getMessage());
    assertTrue(waitFor(() -> a.replicationStatus().streaming()), "the primary sees a streaming standby");
    ReplicationStatus onPrimary = a.replicationStatus();
    assertEquals("ncs_ha_secondary", onPrimary.slotName());
    assertTrue(onPrimary.slotActive());
  }

  @Test
  @Order(3)
  void promotion_makes_the_standby_writable_and_rewind_makes_the_old_primary_follow() throws Exception {
    b.promote();
    assertFalse(b.health().inRecovery());
    sql(b, "insert into probe values (3, 'written after failover')");
    b.allowPeer(A);
    b.createReplicationSlot("ncs_ha_primary");
    // Split brain: the old primary still takes a write after the fork.
    sql(a, "insert into probe values (99, 'written on the old primary after the fork')");

    FollowResult result = a.followPrimary(B, "ncs_ha_primary");
    assertTrue(a.health().inRecovery(), "the old primary came back as a standby");
    assertTrue(result.diverged(), "the fork was detected");
    assertTrue(result.forkPoint().matches("[0-9A-F]+/[0-9A-F]+"), result.forkPoint());
    assertTrue(Files.exists(result.keptCopy().resolve("PG_VERSION")), "the pre-rewind data directory was kept");
    assertEquals("written after failover", poll(a, "select note from probe where id = 3"));
    sql(b, "insert into probe values (4, 'streamed the other way')");
    assertEquals("streamed the other way", poll(a, "select note from probe where id = 4"));
    assertEquals("0", poll(a, "select count(*)::text from probe where id = 99"), "the forked write is gone from the standby");
  }

  @Test
  @Order(4)
  void a_copy_from_an_unreachable_primary_fails_and_keeps_the_old_database() {
    DatabaseException e = assertThrows(DatabaseException.class,
        () -> b.cloneFrom("127.0.3.9", "ncs_ha_secondary", (d, t) -> { }));
    assertTrue(e.getMessage().startsWith("pg_basebackup failed"), e.getMessage());
    assertTrue(b.health().reachable(), "the previous database runs again");
  }

  @Test
  @Order(5)
  void a_standby_whose_slot_lost_wal_it_needs_is_copied_in_full_and_streams_again() throws Exception {
    // A is B's standby over ncs_ha_primary (order 3). While A is away, B writes more WAL than
    // the 32 MB max_slot_wal_keep_size: the slot is invalidated at a checkpoint.
    a.stop();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    for (int round = 0; !"lost".equals(slotWalStatus(b, "ncs_ha_primary")); round++) {
      assertTrue(round < 20 && Instant.now().isBefore(deadline), "the slot was not invalidated after " + round + " rounds");
      sql(b, "create table churn as select g, md5(g::text) as m from generate_series(1, 300000) g");
      sql(b, "drop table churn");
      sql(b, "select pg_switch_wal()");
      sql(b, "checkpoint");
    }
    RewindImpossibleException refused = assertThrows(RewindImpossibleException.class,
        () -> a.followPrimary(B, "ncs_ha_primary"));
    assertTrue(refused.getMessage().contains("was invalidated"), refused.getMessage());
    // A fresh slot (as an earlier, failed full copy leaves one) protects only WAL from now on.
    sql(b, "select pg_drop_replication_slot('ncs_ha_primary')");
    sql(b, "select pg_create_physical_replication_slot('ncs_ha_primary', true)");
    RewindImpossibleException gone = assertThrows(RewindImpossibleException.class,
        () -> a.followPrimary(B, "ncs_ha_primary"));
    assertTrue(gone.getMessage().contains("no longer has the WAL"), gone.getMessage());

    FollowResult copied = a.replaceWithCopyOf(B, "ncs_ha_primary", refused.getMessage());
    assertTrue(copied.fullCopy());
    assertTrue(Files.exists(copied.keptCopy().resolve("PG_VERSION")), "the previous data directory was kept");
    sql(b, "insert into probe values (5, 'after the full copy')");
    assertEquals("after the full copy", poll(a, "select note from probe where id = 5"));
    assertTrue(waitFor(() -> "reserved".equals(slotWalStatus(b, "ncs_ha_primary"))), "a fresh slot holds WAL for A again");
  }

  @Test
  @Order(6)
  void a_frozen_replication_client_cannot_hold_a_stop_beyond_the_fast_shutdown_time() throws Exception {
    // B is the primary (order 5). A frozen receiver never confirms the shutdown checkpoint, which
    // holds a fast shutdown until wal_sender_timeout (60 s).
    Path wal = root.resolve("received-wal");
    Files.createDirectories(wal);
    ProcessBuilder receive = new ProcessBuilder(BIN.resolve("pg_receivewal").toString(), "-h", B, "-p", "5432",
        "-U", "replicator", "-D", wal.toString(), "--no-loop").redirectErrorStream(true);
    receive.environment().put("PGPASSWORD", "test-repl-Pw2");
    Process receiver = receive.start();
    try {
      assertTrue(waitFor(() -> "1".equals(countOf(b, "select count(*) from pg_stat_replication where application_name = 'pg_receivewal'"))),
          "pg_receivewal streams from B");
      assertEquals(0, new ProcessBuilder("kill", "-STOP", Long.toString(receiver.pid())).start().waitFor());
      sql(b, "create table after_the_freeze as select g from generate_series(1, 100000) g");
      Instant start = Instant.now();
      b.stop(3);
      Duration took = Duration.between(start, Instant.now());
      assertFalse(b.isRunning(), "B is stopped");
      assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "the stop took " + took);
      b.start();
      assertEquals("100000", poll(b, "select count(*) from after_the_freeze"), "crash recovery kept the committed rows");
    } finally {
      receiver.destroyForcibly();
      new ProcessBuilder("kill", "-CONT", Long.toString(receiver.pid())).start().waitFor();
    }
  }

  @Test
  @Order(7)
  void a_held_primary_takes_no_write_until_opened_and_its_standby_follows_the_opening() throws Exception {
    // B is the primary and A its standby (order 5). B's Health Monitor starts while it runs.
    assertTrue(waitFor(() -> a.health().inRecovery()), "A is a standby");
    assertEquals(org.ncsha.ha.PeerDatabase.WRITABLE, a.databaseAt(B));
    assertEquals(org.ncsha.ha.PeerDatabase.IN_RECOVERY, b.databaseAt(A));
    sql(b, "insert into probe values (700, 'before the held start')");
    b.startHeld(); // running read-write: made read-only at once, without a restart
    assertTrue(b.held());
    SQLException refused = assertThrows(SQLException.class, () -> sql(b, "insert into probe values (701, 'x')"));
    assertTrue(refused.getMessage().contains("read-only"), refused.getMessage());
    assertEquals("before the held start", poll(a, "select note from probe where id = 700"));

    assertTrue(b.open());
    assertFalse(b.held());
    assertFalse(b.open(), "opening twice does nothing");
    sql(b, "insert into probe values (702, 'after opening')");
    assertEquals("after opening", poll(a, "select note from probe where id = 702"), "the standby still follows");

    b.stop();
    assertEquals(org.ncsha.ha.PeerDatabase.DOWN, a.databaseAt(B), "a refused connection: not running");
    b.startHeld(); // stopped: started read-only, on the same timeline (no promotion to open it)
    SQLException again = assertThrows(SQLException.class, () -> sql(b, "insert into probe values (703, 'x')"));
    assertTrue(again.getMessage().contains("read-only"), again.getMessage());
    String timeline = countOf(b, "select timeline_id::text from pg_control_checkpoint()");
    assertTrue(b.open());
    sql(b, "insert into probe values (704, 'after the second opening')");
    assertEquals(timeline, countOf(b, "select timeline_id::text from pg_control_checkpoint()"), "no new timeline");
    assertEquals("after the second opening", poll(a, "select note from probe where id = 704"));
  }

  @Test
  @Order(8)
  void an_old_primary_that_wrote_nothing_after_the_fork_is_rewound_without_keeping_a_copy() throws Exception {
    // B is the primary and A its standby (order 7). A is promoted while B, idle, still runs: past
    // the fork B writes only its shutdown checkpoint, which holds no row worth a copy of B.
    assertEquals("after the second opening", poll(a, "select note from probe where id = 704"));
    a.promote();
    a.allowPeer(B);
    a.createReplicationSlot("ncs_ha_idle_fork");
    Path forks = root.resolve("b/forks");
    long keptBefore = forkCopies(forks);
    b.stop();
    FollowResult result = b.followPrimary(A, "ncs_ha_idle_fork");
    assertTrue(result.forkPoint() != null, "the timelines forked");
    assertFalse(result.diverged(), "only bookkeeping after the fork: nothing kept");
    assertEquals(keptBefore, forkCopies(forks), "no copy in " + forks);
    sql(a, "insert into probe values (800, 'after the idle fork')");
    assertEquals("after the idle fork", poll(b, "select note from probe where id = 800"), "B follows A");
  }

  private static long forkCopies(Path forks) throws java.io.IOException {
    if (!Files.isDirectory(forks)) {
      return 0;
    }
    try (java.util.stream.Stream<Path> copies = Files.list(forks)) {
      return copies.count();
    }
  }

  private static String countOf(PostgresNode n, String query) {
    try (Connection c = DriverManager.getConnection(n.jdbcUrl(), "ncs", SUPER_PASSWORD);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String slotWalStatus(PostgresNode n, String slot) {
    try (Connection c = DriverManager.getConnection(n.jdbcUrl(), "ncs", SUPER_PASSWORD);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select wal_status from pg_replication_slots where slot_name = '" + slot + "'")) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sql(PostgresNode n, String statement) throws SQLException {
    try (Connection c = DriverManager.getConnection(n.jdbcUrl(), "ncs", SUPER_PASSWORD);
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private static String poll(PostgresNode n, String query) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (true) {
      try (Connection c = DriverManager.getConnection(n.jdbcUrl(), "ncs", SUPER_PASSWORD);
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(query)) {
        if (rs.next()) {
          return rs.getString(1);
        }
      } catch (SQLException e) {
        if (Instant.now().isAfter(deadline)) {
          throw e;
        }
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("no row for " + query + " within 20 s");
      }
      Thread.sleep(100);
    }
  }

  private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }
}

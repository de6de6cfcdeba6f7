package org.ncsha.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ncsha.os.ToolRunner;

/**
 * PostgreSQL 15 driven with its own tools and SQL: initdb, pg_ctl, pg_basebackup, pg_rewind,
 * pg_promote(), replication slots and the pg_stat_* views, the way Patroni or repmgr do it.
 */
public final class PostgresNode implements DatabaseNode {
  private static final Logger LOG = Logger.getLogger("org.ncsha.db");
  private static final Duration QUICK = Duration.ofSeconds(90);
  private static final Duration COPY = Duration.ofHours(2);
  /** How long a fast shutdown may wait for replication clients before an immediate one. */
  static final int FAST_STOP_SECONDS = 30;
  private static final Pattern PROGRESS = Pattern.compile("(\\d+)/(\\d+) kB");
  private static final Pattern DIVERGED =
      Pattern.compile("servers diverged at WAL location (\\S+) on timeline (\\d+)");
  private static final Pattern CONTROL_MIN_RECOVERY = Pattern.compile("Minimum recovery ending location:\\s+(\\S+)");
  private static final Pattern CONTROL_STATE = Pattern.compile("Database cluster state:\\s+(.+)");
  private static final Pattern CONTROL_REDO = Pattern.compile("Latest checkpoint's REDO location:\\s+(\\S+)");

  private final PostgresConfig config;
  private final PostgresFiles files;
  private final ToolRunner tools;
  private final MonitorConnection monitor;

  public PostgresNode(PostgresConfig config) {
    this(config, null);
  }

  /** With the Health Monitor's own long-lived connection for the checks it makes every tick. */
  public PostgresNode(PostgresConfig config, MonitorConnection monitor) {
    this.config = config;
    this.files = new PostgresFiles(config);
    this.tools = new ToolRunner(config.osUser(), DatabaseException::new).withoutCapabilities();
    this.monitor = monitor;
  }

  /** A monitoring query: on the kept connection when there is one, else on a connection of its own. */
  <T> T monitoring(MonitorConnection.Work<T> work) throws SQLException {
    if (monitor != null) {
      return monitor.use(this::connectMonitor, work);
    }
    try (Connection c = connectMonitor()) {
      return work.on(c);
    }
  }

  /** As the monitoring role where there is one: the connection kept open all day can read, not change. */
  private Connection connectMonitor() throws SQLException {
    Properties budget = monitor == null ? new Properties() : monitor.connectionProperties();
    if (config.monitorPassword() == null) {
      return connectAs(jdbcUrl("ncs"), config.superUser(), config.superPassword(), budget);
    }
    return connectAs(jdbcUrl("ncs"), PostgresConfig.MONITOR_USER, config.monitorPassword(), budget);
  }

  private String tool(String name) {
    return config.binDir().resolve(name).toString();
  }

  private Map<String, String> env() {
    return Map.of("PGPASSFILE", files.passFile().toString(), "PGCONNECT_TIMEOUT", "10");
  }

  /** Installs this node's certificate and key for PostgreSQL's TLS; used from the next start. */
  @Override
  public void installServerTls(String certificatePem, String privateKeyPem) {
    files.writeServerTls(certificatePem, privateKeyPem);
  }

  /** Installs the peer's pinned certificate: connections to the peer trust it alone. */
  @Override
  public void installPeerCertificate(String certificatePem) {
    files.writePeerCertificate(certificatePem);
  }

  @Override
  public void initialize() {
    files.prepareDirectories();
    files.finishInterruptedSwap();
    if (files.initialized()) {
      return;
    }
    files.writePasswordFile();
    Path pwFile = files.initPasswordFile();
    try {
      tools.runChecked(List.of(tool("initdb"), "-D", config.dataDir().toString(), "-U", config.superUser(),
          "--pwfile=" + pwFile, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-locale"),
          Map.of(), QUICK);
    } finally {
      files.delete(pwFile);
    }
    files.installReplicationSettings();
    start();
    try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
      s.execute("CREATE ROLE " + config.replicationUser() + " WITH REPLICATION LOGIN PASSWORD '"
          + sqlLiteral(config.replicationPassword()) + "'");
      s.execute("CREATE DATABASE ncs");
    } catch (SQLException e) {
      throw new DatabaseException("Creating the replication role and database failed: " + e.getMessage(), e);
    }
    ensureRoles();
    LOG.info("Initialized a new PostgreSQL cluster in " + config.dataDir());
  }

  @Override
  public void start() {
    if (isRunning()) {
      return;
    }
    startServer();
  }

  private void startServer() {
    files.prepareDirectories();
    files.writeNodeSettings();
    files.writeHba();
    files.writePasswordFile();
    tools.runChecked(List.of(tool("pg_ctl"), "-D", config.dataDir().toString(), "-l",
        config.logDir().resolve("postgresql.log").toString(), "-w", "-t", "60", "start"), Map.of(), QUICK);
  }

  /**
   * A data directory that would open read-write (a primary's, or one a crash left without its
   * standby settings) is started read-only instead: {@code default_transaction_read_only} in
   * postgresql.auto.conf, so every session's transactions are read-only until {@link #open()}
   * resets it. One found running read-write is made so at once, its client sessions ended. Not
   * as a standby: opening one means a promotion and a new timeline, and a standby that had not
   * yet learnt of that timeline could pick the same number when it was promoted itself (seen in
   * NetworkScenariosIT: a forced failover seconds after a restart). The mark lives outside the
   * data directory so that no copy or rewind carries it to the peer.
   */
  @Override
  public void startHeld() {
    if (isRunning()) {
      DatabaseHealth h = health();
      if (h.reachable() && !h.inRecovery() && !files.held()) {
        LOG.warning("PostgreSQL was running read-write before the Health Monitor decided anything: making it read-only");
        files.markHeld();
        fence();
      }
      return;
    }
    if (files.standbyConfigured()) {
      // A standby takes no write anyway; a mark left by a crash in a copy or rewind means nothing.
      files.clearHeld();
      startServer();
      return;
    }
    files.markHeld();
    files.writeReadOnlyDefault();
    startServer();
    LOG.info("PostgreSQL started read-only (default_transaction_read_only) until the Health Monitor decides this"
        + " server serves");
  }

  @Override
  public boolean held() {
    return files.held();
  }

  @Override
  public boolean open() {
    if (!files.held()) {
      return false;
    }
    unfence();
    files.clearHeld();
    return true;
  }

  /**
   * Creates or corrects the application's and the monitoring role on this (writable) database:
   * logins without superuser, CREATEDB, CREATEROLE or REPLICATION. The application may create and
   * use tables in the ncs database's public schema; the monitoring role reads the statistics
   * views (pg_monitor). A standby receives both with the copy.
   */
  @Override
  public void ensureRoles() {
    if (config.appPassword() == null || config.monitorPassword() == null) {
      return;
    }
    String limits = " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '";
    try (Connection c = connect("ncs"); Statement s = c.createStatement()) {
      for (String role : List.of(PostgresConfig.APP_USER, PostgresConfig.MONITOR_USER)) {
        s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN CREATE ROLE "
            + role + "; END IF; END $$");
      }
      s.execute("ALTER ROLE " + PostgresConfig.APP_USER + " WITH" + limits + sqlLiteral(config.appPassword()) + "'");
      s.execute("ALTER ROLE " + PostgresConfig.MONITOR_USER + " WITH" + limits + sqlLiteral(config.monitorPassword()) + "'");
      s.execute("GRANT pg_monitor TO " + PostgresConfig.MONITOR_USER);
      s.execute("GRANT CONNECT, TEMPORARY ON DATABASE ncs TO " + PostgresConfig.APP_USER);
      s.execute("GRANT USAGE, CREATE ON SCHEMA public TO " + PostgresConfig.APP_USER);
      // Tables an older version created as the superuser stay usable by the application.
      s.execute("GRANT ALL ON ALL TABLES IN SCHEMA public TO " + PostgresConfig.APP_USER);
      s.execute("GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO " + PostgresConfig.APP_USER);
    } catch (SQLException e) {
      throw new DatabaseException("Setting up the application's database roles failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void fence() {
    execute("alter system set default_transaction_read_only = on");
    execute("select pg_reload_conf()");
    execute("select pg_terminate_backend(pid) from pg_stat_activity where backend_type = 'client backend'"
        + " and pid <> pg_backend_pid()");
  }

  @Override
  public void unfence() {
    execute("alter system reset default_transaction_read_only");
    execute("select pg_reload_conf()");
  }

  @Override
  public void stop() {
    stop(FAST_STOP_SECONDS);
  }

  /**
   * A fast shutdown waits until every replication client has confirmed the shutdown checkpoint,
   * so a frozen or cut-off client (a standby, pg_receivewal) holds it until wal_sender_timeout
   * and beyond. Only a copy or a rewind of this database stops it, and both cope with a crash
   * shutdown (a rewind lets crash recovery finish first), so an immediate shutdown ends the wait.
   */
  void stop(int fastSeconds) {
    if (!isRunning()) {
      return;
    }
    ToolRunner.Result fast = tools.run(List.of(tool("pg_ctl"), "-D", config.dataDir().toString(), "-m", "fast", "-w", "-t",
        Integer.toString(fastSeconds), "stop"), Map.of(), QUICK);
    if (fast.exitCode() == 0 || !isRunning()) {
      return;
    }
    LOG.warning("PostgreSQL did not finish a fast shutdown within " + fastSeconds + " s (" + fast.stderr().strip()
        + "); a replication client may not be answering: stopping it with an immediate shutdown");
    tools.runChecked(List.of(tool("pg_ctl"), "-D", config.dataDir().toString(), "-m", "immediate", "-w", "-t", "60", "stop"),
        Map.of(), QUICK);
  }

  @Override
  public boolean isRunning() {
    if (!files.initialized()) {
      return false;
    }
    return tools.run(List.of(tool("pg_ctl"), "-D", config.dataDir().toString(), "status"), Map.of(), QUICK).exitCode() == 0;
  }

  @Override
  public DatabaseHealth health() {
    try {
      return monitoring(c -> {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("select pg_is_in_recovery(), case when pg_is_in_recovery() "
                + "then pg_last_wal_replay_lsn()::text else pg_current_wal_lsn()::text end")) {
          rs.next();
          return new DatabaseHealth(true, rs.getBoolean(1), rs.getString(2), null);
        }
      });
    } catch (SQLException | RuntimeException e) {
      return DatabaseHealth.down(e.getMessage());
    }
  }

  @Override
  public void allowPeer(String peerAddress) {
    files.addPeer(peerAddress);
    files.writeHba();
    if (isRunning()) {
      tools.runChecked(List.of(tool("pg_ctl"), "-D", config.dataDir().toString(), "reload"), Map.of(), QUICK);
    }
  }

  @Override
  public void createReplicationSlot(String slot) {
    execute(createSlotSql(slot));
  }

  /**
   * Creates the slot unless it exists. Both servers may create the same slot at once (the new
   * primary on promotion, the old one when it comes to follow): the loser of that race finds
   * it made, which is what it wanted, so "already exists" is caught in the database.
   */
  static String createSlotSql(String slot) {
    return "do $$ begin perform pg_create_physical_replication_slot('" + sqlLiteral(slot) + "', true); "
        + "exception when duplicate_object then null; end $$";
  }

  @Override
  public void dropReplicationSlot(String slot) {
    execute("select pg_drop_replication_slot(slot_name) from pg_replication_slots "
        + "where slot_name = '" + sqlLiteral(slot) + "' and not active");
  }

  @Override
  public void cloneFrom(String primaryAddress, String slot, CopyProgressListener progress) {
    copyFrom(primaryAddress, slot, progress, null);
  }

  @Override
  public FollowResult replaceWithCopyOf(String primaryAddress, String slot, String reason) {
    try (NewPrimary source = newPrimary(primaryAddress)) {
      source.renewSlot(slot);
    } catch (SQLException e) {
      throw new DatabaseException("Cannot prepare the replication slot " + slot + " on " + primaryAddress + ": "
          + e.getMessage(), e);
    }
    Path keep = files.initialized() ? files.forkCopyPath("before-full-copy") : null;
    copyFrom(primaryAddress, slot, (done, total) -> { }, keep);
    return new FollowResult(null, null, keep, reason);
  }

  private NewPrimary newPrimary(String address) throws SQLException {
    return new NewPrimary(connectPeer(address));
  }

  /** pg_basebackup into a fresh directory, swapped in on success; keepPrevious null = delete it. */
  private void copyFrom(String primaryAddress, String slot, CopyProgressListener progress, Path keepPrevious) {
    stop();
    files.prepareDirectories();
    files.writePasswordFile();
    Path fresh = files.freshDataDir();
    List<String> command = List.of(tool("pg_basebackup"), "-d", files.peerConninfo(primaryAddress, config.replicationUser()),
        "-D", fresh.toString(), "-X", "stream", "-S", slot, "-P", "--checkpoint=fast");
    ToolRunner.Result r = tools.run(command, env(), COPY, line -> {
      Matcher m = PROGRESS.matcher(line);
      if (m.find()) {
        progress.progress(Long.parseLong(m.group(1)) * 1024, Long.parseLong(m.group(2)) * 1024);
      }
    });
    if (r.exitCode() != 0) {
      files.deleteTree(fresh);
      if (files.initialized()) {
        start();
      }
      throw tools.failure(command, r);
    }
    // Standby settings first: a crash at any point from here on leaves a standby, never a primary.
    files.writeStandbySettings(fresh, primaryAddress, slot);
    CrashPoint.AFTER_COPY_BEFORE_SWAP.reach();
    files.swapInFreshDataDir(fresh, keepPrevious);
    CrashPoint.AFTER_COPY_SWAP.reach();
    files.clearHeld();
    start();
    LOG.info("This database is now a standby of " + primaryAddress + " (copied with pg_basebackup)");
  }

  @Override
  public void promote() {
    DatabaseHealth h = health();
    if (h.reachable() && !h.inRecovery()) {
      files.clearHeld();
      return;
    }
    execute("select pg_promote(true, 60)");
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      DatabaseHealth now = health();
      if (now.reachable() && !now.inRecovery()) {
        // Until a checkpoint, pg_control still names the old timeline, and a pg_rewind against
        // this server would compute the wrong divergence point.
        execute("CHECKPOINT");
        unfence(); // a fence of an earlier run may still be in postgresql.auto.conf
        files.clearHeld();
        LOG.info("Promoted: this database accepts writes");
        return;
      }
      pause();
    }
    throw new DatabaseException("pg_promote did not end recovery within 60 s");
  }

  @Override
  public FollowResult followPrimary(String primaryAddress, String slot) {
    if (!files.initialized()) {
      throw new RewindImpossibleException("there is no local database to rewind");
    }
    files.writePasswordFile();
    // Reach the new primary before stopping this database: if it is gone, this one stays as it is.
    try (NewPrimary source = newPrimary(primaryAddress)) {
      source.checkpoint();
      // An invalidated slot lost WAL this standby needs, and cannot stream any more.
      if ("lost".equals(source.slotWalStatus(slot))) {
        throw new RewindImpossibleException("the replication slot " + slot + " on " + primaryAddress
            + " was invalidated: it held back more than max_slot_wal_keep_size (" + config.slotWalLimitMb()
            + " MB), so WAL this server needs is gone");
      }
      source.renewSlot(slot);
    } catch (SQLException e) {
      throw new DatabaseException("Cannot reach the new primary " + primaryAddress + " to rewind against it: " + e.getMessage(), e);
    }
    stop();
    List<String> rewind = List.of(tool("pg_rewind"), "-D", config.dataDir().toString(), "--source-server",
        files.peerConninfo(primaryAddress, config.superUser()) + " dbname=ncs",
        // pg_rewind removes standby.signal (the source has none); -R writes it back before it exits.
        "--write-recovery-conf");
    List<String> dryRun = new java.util.ArrayList<>(rewind);
    dryRun.add("--dry-run");
    ToolRunner.Result dry = tools.run(dryRun, env(), COPY);
    if (dry.exitCode() != 0 && dry.stderr().contains("shut down cleanly")) {
      // A crashed server must finish crash recovery first; single-user mode does that without
      // ever accepting a connection, so the old primary is never writable meanwhile.
      tools.run(List.of(tool("postgres"), "--single", "-D", config.dataDir().toString(), "postgres"), Map.of(), QUICK);
      dry = tools.run(dryRun, env(), COPY);
    }
    if (dry.exitCode() != 0) {
      throw new RewindImpossibleException("pg_rewind failed with exit code " + dry.exitCode() + ": " + dry.stderr().strip());
    }
    Matcher fork = DIVERGED.matcher(dry.stdout() + dry.stderr());
    boolean forkFound = fork.find();
    // Without a fork (a standby that is only behind), it resumes where its own WAL ends.
    requireWalFrom(primaryAddress, forkFound ? fork.group(1) : resumePoint());
    String forkPoint = null;
    Integer forkTimeline = null;
    Path kept = null;
    if (forkFound && !(dry.stdout() + dry.stderr()).contains("no rewind required")) {
      forkPoint = fork.group(1);
      forkTimeline = Integer.valueOf(fork.group(2));
      java.util.Optional<String> bookkeeping = writtenAfter(forkPoint, forkTimeline);
      if (bookkeeping.isPresent()) {
        LOG.info("This database wrote only " + bookkeeping.get() + " past the fork point " + forkPoint
            + " (timeline " + forkTimeline + "): no row to keep, so no copy of it before pg_rewind");
      } else {
        String label = "fork-" + forkPoint.replace('/', '-');
        kept = files.keptForkCopy(label).orElse(null);
        if (kept != null) {
          LOG.warning("This database wrote past the fork point " + forkPoint + " (timeline " + forkTimeline
              + "); it was kept before, in " + kept + ", before an earlier pg_rewind");
        } else {
          kept = files.forkCopyPath(label);
          // What this server wrote after the fork is about to be rewound away: keep it first. Under
          // another name until complete, so that a copy cut short is never taken for the kept one.
          Path partial = kept.resolveSibling(label + ".partial");
          files.deleteTree(partial);
          tools.runChecked(List.of("cp", "-a", config.dataDir().toString(), partial.toString()), Map.of(), COPY);
          files.completeForkCopy(partial, kept);
          LOG.warning("This database wrote past the fork point " + forkPoint + " (timeline " + forkTimeline
              + "); its data directory was kept in " + kept + " before pg_rewind");
        }
      }
    }
    ToolRunner.Result r = tools.run(rewind, env(), COPY);
    if (r.exitCode() != 0) {
      throw new RewindImpossibleException("pg_rewind failed with exit code " + r.exitCode() + ": " + r.stderr().strip());
    }
    CrashPoint.AFTER_REWIND.reach();
    files.writeStandbySettings(config.dataDir(), primaryAddress, slot);
    files.clearHeld();
    start();
    LOG.info("This database is now a standby of " + primaryAddress + " (pg_rewind)");
    return new FollowResult(forkPoint, forkTimeline, kept, null);
  }

  /** What the stopped local database wrote from the fork point on, when that is bookkeeping only ({@link WalAfterFork}). */
  private java.util.Optional<String> writtenAfter(String forkPoint, int timeline) {
    ToolRunner.Result dump = tools.run(List.of(tool("pg_waldump"), "-p", config.dataDir().resolve("pg_wal").toString(),
        "-s", forkPoint, "-t", Integer.toString(timeline), "--stats=record"), Map.of(), COPY);
    return WalAfterFork.bookkeepingOnly(dump.stdout(), dump.stderr());
  }

  @Override
  public DatabaseReadiness readiness(String peerAddress) {
    return new PostgresReadiness(this, config).collect(peerAddress);
  }

  /** The control file's "Database cluster state" (in production, in archive recovery, shut down, ...), or null. */
  String clusterState() {
    if (!files.initialized()) {
      return null;
    }
    ToolRunner.Result r = tools.run(List.of(tool("pg_controldata"), "-D", config.dataDir().toString()), Map.of(), QUICK);
    Matcher m = CONTROL_STATE.matcher(r.stdout());
    return r.exitCode() == 0 && m.find() ? m.group(1).strip() : null;
  }

  Connection connectLocal() throws SQLException {
    return connect("ncs");
  }

  /**
   * Where this stopped database's WAL replay will need the new primary's WAL, at the latest: the
   * minimum recovery point of a standby, else the redo point of its last checkpoint.
   */
  private String resumePoint() {
    String control = tools.runChecked(List.of(tool("pg_controldata"), "-D", config.dataDir().toString()), Map.of(), QUICK)
        .stdout();
    Matcher minimum = CONTROL_MIN_RECOVERY.matcher(control);
    if (minimum.find() && !"0/0".equals(minimum.group(1))) {
      return minimum.group(1);
    }
    Matcher redo = CONTROL_REDO.matcher(control);
    if (!redo.find()) {
      throw new DatabaseException("pg_controldata shows no checkpoint redo location for " + config.dataDir());
    }
    return redo.group(1);
  }

  /**
   * A rewound standby replays the new primary's WAL from the fork on: when the new primary has
   * removed some of it (a slot renewed after it was invalidated protects only later WAL), the
   * standby could never catch up.
   */
  private void requireWalFrom(String primaryAddress, String forkPoint) {
    try (NewPrimary source = newPrimary(primaryAddress)) {
      if (!source.hasWalFrom(forkPoint)) {
        throw new RewindImpossibleException("the new primary " + primaryAddress + " no longer has the WAL from the fork point "
            + forkPoint + " on");
      }
    } catch (SQLException e) {
      throw new DatabaseException("Cannot read the WAL files of " + primaryAddress + ": " + e.getMessage(), e);
    }
  }

  @Override
  public ReplicationStatus replicationStatus() {
    try {
      return monitoring(PostgresNode::replicationStatusOn);
    } catch (SQLException e) {
      throw new DatabaseException("Reading the replication status failed: " + e.getMessage(), e);
    }
  }

  private static ReplicationStatus replicationStatusOn(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      boolean standby;
      try (ResultSet rs = s.executeQuery("select pg_is_in_recovery()")) {
        rs.next();
        standby = rs.getBoolean(1);
      }
      if (standby) {
        try (ResultSet rs = s.executeQuery("select (select status from pg_stat_wal_receiver), "
            + "(select flushed_lsn::text from pg_stat_wal_receiver), pg_last_wal_replay_lsn()::text")) {
          rs.next();
          return new ReplicationStatus(false, "streaming".equals(rs.getString(1)), null, null, null, null, null, null,
              rs.getString(2), rs.getString(3));
        }
      }
      boolean streaming = false;
      Long lag = null;
      Double lagSeconds = null;
      try (ResultSet rs = s.executeQuery("select state, pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint, "
          + "extract(epoch from replay_lag)::float8 from pg_stat_replication order by state = 'streaming' desc limit 1")) {
        if (rs.next()) {
          streaming = "streaming".equals(rs.getString(1));
          lag = (Long) rs.getObject(2, Long.class);
          lagSeconds = rs.getObject(3) == null ? 0.0 : rs.getDouble(3);
        }
      }
      try (ResultSet rs = s.executeQuery("select slot_name, active, wal_status, "
          + "pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint from pg_replication_slots limit 1")) {
        if (rs.next()) {
          return new ReplicationStatus(true, streaming, lag, lagSeconds, rs.getString(1), rs.getBoolean(2),
              rs.getString(3), (Long) rs.getObject(4, Long.class), null, null);
        }
      }
      return new ReplicationStatus(true, streaming, lag, lagSeconds, null, null, null, null, null, null);
    }
  }

  @Override
  public org.ncsha.ha.PeerDatabase databaseAt(String address) {
    try (Connection c = connectPeer(address);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select pg_is_in_recovery()")) {
      rs.next();
      return rs.getBoolean(1) ? org.ncsha.ha.PeerDatabase.IN_RECOVERY : org.ncsha.ha.PeerDatabase.WRITABLE;
    } catch (SQLException | RuntimeException e) {
      // Only a refused connection says the server is not running; silence proves nothing.
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof java.net.ConnectException && String.valueOf(t.getMessage()).contains("refused")) {
          return org.ncsha.ha.PeerDatabase.DOWN;
        }
      }
      return org.ncsha.ha.PeerDatabase.UNREACHABLE;
    }
  }

  @Override
  public boolean acceptsWrites(String address) {
    try (Connection c = connectPeer(address); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select not pg_is_in_recovery()")) {
      return rs.next() && rs.getBoolean(1);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void refreshCredentials() {
    files.writePasswordFile();
    DatabaseHealth h = health();
    if (h.reachable() && !h.inRecovery()) {
      execute("ALTER ROLE " + config.replicationUser() + " WITH REPLICATION LOGIN PASSWORD '"
          + sqlLiteral(config.replicationPassword()) + "'");
    }
  }

  @Override
  public String synchronousStandby() {
    try {
      return monitoring(c -> {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("select current_setting('synchronous_standby_names')")) {
          rs.next();
          return rs.getString(1).replace("\"", "");
        }
      });
    } catch (SQLException e) {
      throw new DatabaseException("Reading synchronous_standby_names failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void setSynchronousStandby(String standbyName) {
    if (!standbyName.matches("[A-Za-z0-9.:_-]*")) {
      throw new IllegalArgumentException("standbyName: letters, digits and . : _ - only, was '" + standbyName + "'");
    }
    // Quoted: an address contains dots, which synchronous_standby_names does not take bare.
    String value = standbyName.isEmpty() ? "" : "\"" + standbyName + "\"";
    execute("ALTER SYSTEM SET synchronous_standby_names = '" + value + "'");
    execute("select pg_reload_conf()");
  }

  @Override
  public String jdbcUrl() {
    return jdbcUrl("ncs");
  }

  private String jdbcUrl(String database) {
    return "jdbc:postgresql://" + config.address() + ":" + config.port() + "/" + database;
  }

  private Connection connect(String database) throws SQLException {
    return connectUrl(jdbcUrl(database));
  }

  /** A connection to the other server's database: over TLS, trusting only its pinned certificate. */
  private Connection connectPeer(String address) throws SQLException {
    return connectAs("jdbc:postgresql://" + address + ":" + config.port() + "/ncs", config.superUser(), config.superPassword(),
        files.peerTlsJdbc());
  }

  private Connection connectUrl(String url) throws SQLException {
    return connectAs(url, config.superUser(), config.superPassword(), new Properties());
  }

  /** A connection with the Health Monitor's timeouts; {@code extra} adds driver properties. */
  static Connection connectAs(String url, String user, String password, Properties extra) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    p.setProperty("connectTimeout", "3");
    p.setProperty("socketTimeout", "10");
    p.setProperty("ApplicationName", "ncs-ha health monitor");
    p.putAll(extra);
    // The driver class directly: DriverManager cannot always see a container's shared library.
    Connection c = new org.postgresql.Driver().connect(url, p);
    if (c == null) {
      throw new SQLException("The PostgreSQL driver did not accept " + url);
    }
    return c;
  }

  private void execute(String sql) {
    try (Connection c = connect("ncs"); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new DatabaseException(e.getMessage(), e);
    }
  }

  /** Role names and slot names are ours; passwords are base64. Quote-doubling keeps them literal. */
  static String sqlLiteral(String value) {
    return value.replace("'", "''");
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DatabaseException("Interrupted", e);
    }
  }
}

package org.ncsha.monitor;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.ncsha.db.DatabaseHealth;
import org.ncsha.db.DatabaseNode;
import org.ncsha.db.FollowResult;
import org.ncsha.db.ReplicationStatus;
import org.ncsha.db.RewindImpossibleException;
import org.ncsha.ha.DatabaseRestart;
import org.ncsha.ha.Role;
import org.ncsha.node.NodeSecrets;
import org.ncsha.node.NodeSettings;
import org.ncsha.security.TlsPem;

/**
 * This node's PostgreSQL as the Health Monitor sees it: brought up at start, checked each tick,
 * and driven by the actions (copy, promote, follow). Marks itself "in maintenance" while an
 * action has it down on purpose, so that is not mistaken for a failure.
 */
@ApplicationScoped
public class LocalDatabase {
  private static final Logger LOG = Logger.getLogger(LocalDatabase.class.getName());

  @Inject NodeSettings node;
  @Inject NodeSecrets secrets;
  @Inject PeerLink peer;
  @Inject org.ncsha.app.ServingRole serving;

  @Resource(lookup = "jdbc/ncs")
  DataSource dataSource;

  private final DatabaseOwner owner = new DatabaseOwner();
  /** Said once in the log, not on every tick it repeats. */
  private volatile String lastReplicationError;
  /** A node built from the current settings each time ({@link DatabaseNodeProducer}): it picks up a changed key. */
  @Inject Provider<DatabaseNode> nodes;
  @Inject DatabaseNodeProducer producer;

  private DatabaseNode db() {
    return nodes.get();
  }

  /** For the loop's per-tick checks only: their own kept connection ({@link DatabaseNodeProducer#forLoop}). */
  private DatabaseNode loopDb() {
    return producer.forLoop();
  }

  /**
   * At Health Monitor start: create the cluster if it is new and start it. With HA configured
   * it starts read-only ({@link DatabaseNode#startHeld()}): only the first decision that this
   * server serves opens it, so an old primary that was failed over never writes meanwhile.
   */
  void bringUp(boolean haConfigured) {
    try {
      DatabaseNode db = db();
      installServerTls(db);
      db.initialize();
      if (haConfigured) {
        db.startHeld();
      } else {
        db.start();
      }
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "The database could not be brought up; the Health Monitor keeps trying", e);
    }
  }

  /**
   * PostgreSQL serves TLS with the node's own certificate (the one Liberty serves and the peer
   * pins), so that the pair's replication and cross-node connections are encrypted.
   */
  private void installServerTls(DatabaseNode db) {
    java.nio.file.Path keyStore = node.etcDir().resolve("key.p12");
    if (!java.nio.file.Files.exists(keyStore)) {
      LOG.warning("No " + keyStore + ": PostgreSQL runs without TLS");
      return;
    }
    char[] password = secrets.keystorePassword();
    try {
      TlsPem.Identity identity = TlsPem.fromKeyStore(keyStore, password);
      db.installServerTls(identity.certificatePem(), identity.privateKeyPem());
    } catch (java.io.IOException e) {
      LOG.warning("PostgreSQL runs without TLS: " + e.getMessage());
    } finally {
      java.util.Arrays.fill(password, '\0');
    }
  }

  /** The pinned certificate whose PEM is installed as the peer's root, so it is fetched once per pin. */
  private volatile String trustedPeerFingerprint;

  /**
   * Before a connection to the peer's database: installs the certificate its Health Monitor
   * presents, which is the one pinned (the handshake fails otherwise), as the only root that
   * connections to it trust. Best effort: without it the connection is refused, not weakened.
   */
  private void trustPeer(String address) {
    String pinned = peer.pinnedFingerprint();
    if (pinned == null || pinned.equals(trustedPeerFingerprint)) {
      return;
    }
    try {
      db().installPeerCertificate(TlsPem.presentedCertificate(address, node.hmPort(), pinned,
          (int) node.peerTimeout().toMillis()));
      trustedPeerFingerprint = pinned;
      LOG.info("Connections to the database at " + address + " trust only its pinned certificate (SHA-256 " + pinned + ")");
    } catch (java.io.IOException e) {
      LOG.warning("Could not fetch the pinned certificate of " + address + " for database connections: " + e.getMessage());
    }
  }

  /** Opens a database held read-only at start; false when it was not held. */
  boolean open() {
    return db().open();
  }

  void fence() {
    db().fence();
  }

  /** Writable again after a fence; a database restarted held meanwhile is opened, which clears its mark too. */
  void unfence() {
    DatabaseNode db = db();
    if (!db.open()) {
      db.unfence();
    }
  }

  org.ncsha.ha.PeerDatabase databaseAt(String address) {
    trustPeer(address);
    return db().databaseAt(address);
  }

  boolean inMaintenance() {
    return owner.taken();
  }

  /** The loop's health query (LocalHealth), on the loop's connection. */
  public DatabaseHealth health() {
    return loopDb().health();
  }

  /** Starts the database again, unless a copy or a rewind has it down on purpose. */
  DatabaseRestart restart() {
    return owner.restartUnlessTaken(() -> {
      try {
        // A crashed database restarts read-only unless this server serves now.
        if (serving.writable()) {
          db().start();
        } else {
          db().startHeld();
        }
        return db().health().reachable();
      } catch (RuntimeException e) {
        LOG.warning("Restarting the database failed: " + e.getMessage());
        return false;
      }
    });
  }

  /**
   * The guide's LISTENER STATUS check restarts a database that is down and reports that it did;
   * never while a copy or rewind has it stopped on purpose.
   */
  public boolean restartIfDown() {
    return !health().reachable() && restart() == DatabaseRestart.STARTED;
  }

  public org.ncsha.db.DatabaseReadiness readiness(String peerAddress) {
    trustPeer(peerAddress);
    return db().readiness(peerAddress);
  }

  /**
   * The {@code database} object of /api/status, built by the loop once per tick from the health
   * it just checked. The database's own error text stays in the log: the document is public.
   */
  Map<String, Object> statusDocument(DatabaseHealth h) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("reachable", h.reachable());
    doc.put("inRecovery", h.inRecovery());
    doc.put("walPosition", h.walPosition());
    if (!h.reachable()) {
      doc.put("error", "not answering (the Health Monitor log has the details)");
    }
    boolean maintenance = owner.taken();
    if (maintenance) {
      doc.put("maintenance", true);
    }
    if (h.reachable() && !maintenance) {
      try {
        if (!h.inRecovery()) {
          doc.put("synchronousStandby", loopDb().synchronousStandby());
        }
        doc.put("replication", replicationDocument(loopDb().replicationStatus()));
      } catch (RuntimeException e) {
        if (!String.valueOf(e.getMessage()).equals(lastReplicationError)) {
          LOG.warning("Reading the replication status failed: " + e.getMessage());
          lastReplicationError = String.valueOf(e.getMessage());
        }
        doc.put("replicationError", "could not be read (the Health Monitor log has the details)");
      }
    }
    return doc;
  }

  /**
   * On the writable server: whether the standby streams, its lag in bytes and seconds and the
   * slot (name, active, wal_status, retained WAL). On a standby: the WAL receiver's state and
   * the received and replayed positions.
   */
  private static Map<String, Object> replicationDocument(ReplicationStatus r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("streaming", r.streaming());
    if (r.primary()) {
      m.put("lagBytes", r.lagBytes());
      m.put("lagSeconds", r.replayLagSeconds());
      m.put("slot", r.slotName());
      m.put("slotActive", r.slotActive());
      m.put("slotWalStatus", r.slotWalStatus());
      m.put("retainedWalBytes", r.slotRetainedBytes());
    } else {
      m.put("receivedPosition", r.receivedPosition());
      m.put("replayedPosition", r.replayedPosition());
    }
    return m;
  }

  /** Replication slot the active server keeps for the given follower role. */
  static String slotFor(Role follower) {
    return "ncs_ha_" + follower.wireName();
  }

  private Role peerRole() {
    return node.installedAsSecondary() ? Role.PRIMARY : Role.SECONDARY;
  }

  private Role ownRole() {
    return node.installedAsSecondary() ? Role.SECONDARY : Role.PRIMARY;
  }

  /** The mode probe's, on the loop's connection. */
  String synchronousStandby() {
    return loopDb().synchronousStandby();
  }

  void setSynchronousStandby(String standbyName) {
    db().setSynchronousStandby(standbyName);
  }

  /** Whether a standby streams from this server now (pg_stat_replication): the mode probe's, on the loop's connection. */
  boolean standbyStreaming() {
    return loopDb().replicationStatus().streaming();
  }

  /** The key-derived replication password changed with the key: see {@link DatabaseNode#refreshCredentials}. */
  void refreshCredentials() {
    db().refreshCredentials();
  }

  /** Lets the peer replicate from and rewind against this server. */
  void allowPeer(String peerAddress) {
    db().allowPeer(peerAddress);
  }

  /** Primary before the copy: replication access, the key-derived password and the slot. */
  public void prepareFollower(String followerAddress) throws SQLException {
    allowPeer(followerAddress);
    DatabaseNode db = db();
    db.refreshCredentials();
    db.createReplicationSlot(slotFor(peerRole()));
  }

  void dropPeerSlot() {
    try {
      db().dropReplicationSlot(slotFor(peerRole()));
    } catch (RuntimeException e) {
      LOG.fine("No replication slot to drop: " + e.getMessage());
    }
  }

  public boolean followerStreaming(String followerAddress) {
    return db().replicationStatus().streaming();
  }

  void cloneFrom(String primaryAddress, BiConsumer<Long, Long> progress) {
    trustPeer(primaryAddress);
    owner.take();
    try {
      db().cloneFrom(primaryAddress, slotFor(ownRole()), progress::accept);
    } finally {
      owner.release();
    }
  }

  /** Failover or failback: this server's database becomes the writable one. */
  void promote(String peerAddress) {
    db().promote();
    if (peerAddress != null) {
      db().createReplicationSlot(slotFor(peerRole()));
    }
  }

  /** How long FOLLOW_PEER waits for the peer's database to become the writable one. */
  static final java.time.Duration PEER_PROMOTION_TIMEOUT = java.time.Duration.ofSeconds(180);

  /**
   * Makes this server's database a standby of the peer: rewind, or a full copy when it must
   * (a non-null {@code fullCopyReason}: by policy, without trying a rewind).
   */
  FollowResult follow(String peerAddress, String fullCopyReason, java.util.function.BooleanSupplier peerLost,
      java.util.function.Consumer<String> fullCopyStarting) throws InterruptedException {
    trustPeer(peerAddress);
    // Rewinding against a database that is still a standby would leave the pair with no writer.
    java.time.Instant deadline = java.time.Instant.now().plus(PEER_PROMOTION_TIMEOUT);
    while (!db().acceptsWrites(peerAddress)) {
      if (peerLost.getAsBoolean()) {
        throw new IllegalStateException("lost " + peerAddress + " while waiting for its database to become writable;"
            + " not following it");
      }
      if (java.time.Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("the database of " + peerAddress + " did not become writable within "
            + PEER_PROMOTION_TIMEOUT.toSeconds() + " s; not following it");
      }
      Thread.sleep(500);
    }
    owner.take();
    try {
      String reason = fullCopyReason;
      try {
        if (reason == null) {
          return db().followPrimary(peerAddress, slotFor(ownRole()));
        }
      } catch (RewindImpossibleException e) {
        LOG.warning("pg_rewind is not possible (" + e.getMessage() + "): copying the whole database from " + peerAddress);
        reason = e.getMessage();
      }
      fullCopyStarting.accept(reason);
      return db().replaceWithCopyOf(peerAddress, slotFor(ownRole()), reason);
    } finally {
      owner.release();
    }
  }

  /** On the Health Monitor's own connection, not the application's pool. */
  String currentWalPosition() throws SQLException {
    org.ncsha.db.DatabaseHealth h = db().health();
    if (!h.reachable()) {
      throw new SQLException("The local database does not answer: " + h.error());
    }
    return h.walPosition();
  }

  /** The application's and the monitoring role, before the application first writes here. */
  void ensureRoles() {
    db().ensureRoles();
  }

  /** Orders two PostgreSQL LSNs written as X/Y (hex high/low 32 bits). */
  static int compareLsn(String a, String b) {
    return Long.compareUnsigned(lsnValue(a), lsnValue(b));
  }

  /** How many WAL bytes lie from {@code from} to {@code to} (0 when {@code to} is not ahead). */
  static long walBytesBetween(String from, String to) {
    return Math.max(0, lsnValue(to) - lsnValue(from));
  }

  private static long lsnValue(String lsn) {
    int slash = lsn.indexOf('/');
    return (Long.parseLong(lsn.substring(0, slash), 16) << 32) | Long.parseLong(lsn.substring(slash + 1), 16);
  }
}

package org.ncsha.db;

/**
 * One node's database as the Health Monitor drives it. The decision code never calls it: only
 * the action runner does, so every tool run is an action with a reported outcome.
 */
public interface DatabaseNode {
  /** Creates the cluster if the data directory is empty (initdb, roles, database). Idempotent. */
  void initialize();

  /** Starts the server with this node's own settings; no-op when running. */
  void start();

  /**
   * Starts the server so that it takes no write: a data directory that would open read-write
   * starts with every transaction read-only by default, until {@link #open()}. One already
   * running read-write is made so, its sessions ended. Used before the Health Monitor's first
   * decision on a node with HA configured.
   */
  void startHeld();

  /** Whether the database was held read-only by {@link #startHeld()} and not opened since. */
  boolean held();

  /**
   * Opens a held database for writes (no promotion, no new timeline); false, doing nothing, when
   * it was not held (a standby of the peer is only ever promoted by the failover).
   */
  boolean open();

  /**
   * Fencing: every client session ended and new transactions read-only
   * (default_transaction_read_only), at once; {@link #unfence()} or a promotion undoes it.
   */
  void fence();

  /**
   * Creates or corrects the login roles of the application and of the monitoring connection, which
   * are not superusers; on a writable database only (a standby has its primary's).
   */
  void ensureRoles();

  void unfence();

  /**
   * Fast shutdown (clean, without waiting for clients), immediate when a fast one does not end in
   * time; no-op when stopped.
   */
  void stop();

  boolean isRunning();

  /** Connect and query; never throws. */
  DatabaseHealth health();

  /** Lets the given peer address replicate from and rewind against this server. */
  void allowPeer(String peerAddress);

  /**
   * After an authentication key change: rewrites the password file the tools and the WAL
   * receiver read, and on a writable server sets the replication role's new password (which
   * then replicates to the standby).
   */
  void refreshCredentials();

  /** The standby a commit waits for (synchronous_standby_names), or "" for asynchronous. */
  String synchronousStandby();

  /**
   * Makes commits wait for the named standby ({@code application_name}, here its address), or
   * with "" return at once again; applied with a configuration reload, no restart.
   */
  void setSynchronousStandby(String standbyName);

  void createReplicationSlot(String slot);

  void dropReplicationSlot(String slot);

  /**
   * Replaces this database with a copy of the primary's (pg_basebackup over the slot) and
   * starts it as a hot standby. A failed copy leaves the previous data directory in place.
   */
  void cloneFrom(String primaryAddress, String slot, CopyProgressListener progress);

  /**
   * Replaces this database with a full copy of the new primary's (for the given reason, which
   * the result carries), keeping the previous data directory: it may hold writes made after the
   * fork. An invalidated or missing slot on the new primary is recreated first.
   */
  FollowResult replaceWithCopyOf(String primaryAddress, String slot, String reason);

  /** Ends recovery (pg_promote) and waits until the database accepts writes. Idempotent. */
  void promote();

  /**
   * Makes this database a standby of the new primary with pg_rewind. When this database wrote
   * past the fork point, its data directory is first copied aside (see {@link FollowResult}).
   *
   * @throws RewindImpossibleException when only a full copy can do it
   */
  FollowResult followPrimary(String primaryAddress, String slot);

  ReplicationStatus replicationStatus();

  /** Whether the server at that address (same port and credentials) is a writable primary now. */
  boolean acceptsWrites(String address);

  String jdbcUrl();

  /**
   * What the database at that address (same port and credentials) is now, looked at directly:
   * the proof Remove HA needs when the peer's Health Monitor does not answer. Never throws.
   */
  org.ncsha.ha.PeerDatabase databaseAt(String address);

  /** The facts behind the readiness checks, measured here and towards the peer. */
  DatabaseReadiness readiness(String peerAddress);

  /** This node's certificate and private key (PEM) for TLS between the servers; in force from the next start. */
  void installServerTls(String certificatePem, String privateKeyPem);

  /** The other server's pinned certificate (PEM): the only root connections to it trust. */
  void installPeerCertificate(String certificatePem);
}

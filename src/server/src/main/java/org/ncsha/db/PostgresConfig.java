package org.ncsha.db;

import java.nio.file.Path;

/**
 * Where one node's PostgreSQL lives and how it is reached. {@code osUser} is the account the
 * tools run as ("postgres" when the JVM runs as root; null to run as the current user).
 * {@code slotWalLimitMb} caps the WAL a replication slot may hold back for an absent standby
 * (max_slot_wal_keep_size): beyond it the slot is invalidated and that standby needs a full copy.
 * {@code appPassword} and {@code monitorPassword} are those of the application's role and of the
 * Health Monitor's monitoring role ({@link #APP_USER}, {@link #MONITOR_USER}); both are pair-wide,
 * since a standby's roles are a copy of its primary's. Null leaves those roles alone.
 */
public record PostgresConfig(
    Path binDir,
    Path dataDir,
    Path runDir,
    Path logDir,
    String address,
    int port,
    String superUser,
    String superPassword,
    String replicationUser,
    String replicationPassword,
    String osUser,
    int slotWalLimitMb,
    String appPassword,
    String monitorPassword) {
  /** The managed application's role: no superuser, so no COPY ... TO PROGRAM, no ALTER SYSTEM, no roles. */
  public static final String APP_USER = "ncs_app";
  /** The role of the Health Monitor's kept connection for its per-tick checks: pg_monitor, nothing more. */
  public static final String MONITOR_USER = "ncs_monitor";

  @Override
  public String toString() {
    return "PostgresConfig[" + address + ":" + port + ", data " + dataDir + "]";
  }

  /** Files this node writes for PostgreSQL that must not be inside the data directory. */
  public Path confDir() {
    return dataDir.resolveSibling("pgconf");
  }
}

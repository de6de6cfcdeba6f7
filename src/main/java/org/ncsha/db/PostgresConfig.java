package org.ncsha.db;

import java.nio.file.Path;

/**
 * Where one node's PostgreSQL lives and how it is reached. {@code osUser} is the account the
 * tools run as ("postgres" when the JVM runs as root; null to run as the current user).
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
    String osUser) {

  @Override
  public String toString() {
    return "PostgresConfig[" + address + ":" + port + ", data " + dataDir + "]";
  }

  /** Files this node writes for PostgreSQL that must not be inside the data directory. */
  public Path confDir() {
    return dataDir.resolveSibling("pgconf");
  }
}

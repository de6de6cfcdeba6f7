package org.ncsha.readiness;

import java.util.List;

/**
 * What one server measures about itself for the readiness checks, and about its way to the
 * other server. A null value was not measured; the matching error field says why.
 *
 * @param peerDatabasePortError null when a TCP connection to the other server's database port
 *     succeeded, else the reason
 * @param peerReplicationLogin how a replication login to the other server's PostgreSQL ended:
 *     "ok", "not allowed yet" (PostgreSQL answered but has no access rule for this server), or
 *     the error
 * @param fileSync file sync as this server sees it (null from a server that does not report it)
 * @param operationsCenter Operations Center as this server sees it (null from a server that does not report it)
 */
public record NodeFacts(
    String address,
    boolean installedAsSecondary,
    String haState,
    String version,
    int cpuCount,
    long memoryBytes,
    long dataVolumeBytes,
    Double diskWriteMBps,
    String diskError,
    String interfaceName,
    Integer linkSpeedMbps,
    boolean databaseAnswers,
    boolean databaseRestarted,
    String databaseError,
    List<String> configErrors,
    boolean peerReplicationAllowed,
    String peerDatabasePortError,
    String peerReplicationLogin,
    long shmBytes,
    long sharedBuffersBytes,
    String clusterState,
    boolean inRecovery,
    long databaseBytes,
    Boolean streaming,
    Long lagBytes,
    Double lagSeconds,
    FileSyncFacts fileSync,
    OperationsCenterFacts operationsCenter) {

  public NodeFacts {
    configErrors = configErrors == null ? List.of() : List.copyOf(configErrors);
  }
}

package org.ncsha.db;

import java.util.List;

/**
 * The database facts behind the readiness checks, measured on this server and towards the
 * other one (see org.ncsha.readiness.NodeFacts for what each means).
 */
public record DatabaseReadiness(
    boolean answers,
    String error,
    List<String> configErrors,
    boolean peerReplicationAllowed,
    String peerPortError,
    String peerReplicationLogin,
    long sharedBuffersBytes,
    String clusterState,
    boolean inRecovery,
    long databaseBytes,
    Boolean streaming,
    Long lagBytes,
    Double lagSeconds) {}

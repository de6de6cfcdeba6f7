package org.ncsha.db;

/**
 * Replication as this server sees it. On a primary: whether a standby streams, how far behind it
 * is in bytes and seconds, and the slot's state. On a standby: the WAL receiver's status and
 * received / replayed positions.
 */
public record ReplicationStatus(
    boolean primary,
    boolean streaming,
    Long lagBytes,
    Double replayLagSeconds,
    String slotName,
    Boolean slotActive,
    String slotWalStatus,
    Long slotRetainedBytes,
    String receivedPosition,
    String replayedPosition) {}

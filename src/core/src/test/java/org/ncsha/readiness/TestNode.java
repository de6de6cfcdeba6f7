package org.ncsha.readiness;

import java.util.ArrayList;
import java.util.List;

/** A healthy server's facts, changed field by field by the tests. */
final class TestNode {
  String address = "10.0.0.1";
  boolean installedAsSecondary;
  String haState = "HA Not Configured";
  String version = "0.1.0";
  int cpuCount = 4;
  long memoryBytes = 16L << 30;
  long dataVolumeBytes = 200L << 30;
  Double diskWriteMBps = 400.0;
  String diskError;
  String interfaceName = "eth0";
  Integer linkSpeedMbps = 1000;
  boolean databaseAnswers = true;
  boolean databaseRestarted;
  String databaseError;
  List<String> configErrors = new ArrayList<>();
  boolean peerReplicationAllowed = true;
  String peerDatabasePortError;
  String peerReplicationLogin = "ok";
  long shmBytes = 8L << 30;
  long sharedBuffersBytes = 128L << 20;
  String clusterState = "in production";
  boolean inRecovery;
  long databaseBytes = 10L << 30;
  Boolean streaming;
  Long lagBytes;
  Double lagSeconds;
  FileSyncFacts fileSync;
  OperationsCenterFacts operationsCenter;

  static TestNode primary() {
    return new TestNode();
  }

  static TestNode secondary() {
    TestNode n = new TestNode();
    n.address = "10.0.0.2";
    n.installedAsSecondary = true;
    return n;
  }

  /** The pair registered and healthy: primary streaming to the secondary, which is in recovery. */
  static TestNode[] registered() {
    TestNode p = primary();
    TestNode s = secondary();
    p.haState = "Primary Active";
    s.haState = "Secondary Syncing";
    s.inRecovery = true;
    s.clusterState = "in archive recovery";
    p.streaming = true;
    p.lagBytes = 0L;
    p.lagSeconds = 0.0;
    p.fileSync = new FileSyncFacts(true, 0, null, 3L);
    s.fileSync = new FileSyncFacts(false, 0, null, null);
    return new TestNode[] {p, s};
  }

  NodeFacts build() {
    return new NodeFacts(address, installedAsSecondary, haState, version, cpuCount, memoryBytes, dataVolumeBytes,
        diskWriteMBps, diskError, interfaceName, linkSpeedMbps, databaseAnswers, databaseRestarted, databaseError, configErrors,
        peerReplicationAllowed, peerDatabasePortError, peerReplicationLogin, shmBytes, sharedBuffersBytes, clusterState,
        inRecovery, databaseBytes, streaming, lagBytes, lagSeconds, fileSync,
        operationsCenter);
  }

  static LinkFacts goodLink() {
    return new LinkFacts(0.2, null, 2000.0, 0.3, null, 15L, null);
  }
}

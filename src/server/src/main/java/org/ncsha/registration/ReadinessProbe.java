package org.ncsha.registration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import org.ncsha.db.DatabaseReadiness;
import org.ncsha.monitor.HaEngine;
import org.ncsha.monitor.LocalDatabase;
import org.ncsha.node.NodeSettings;
import org.ncsha.readiness.LinuxSystemProbe;
import org.ncsha.readiness.NodeFacts;
import org.ncsha.readiness.SystemProbe;

/** This server's own readiness facts, measured towards the other server. */
@ApplicationScoped
public class ReadinessProbe {
  /** The disk test writes at most this much (and a tenth of the free space), for at most {@link #DISK_TEST_MILLIS}. */
  static final long DISK_TEST_BYTES = 256L * 1024 * 1024;
  static final long DISK_TEST_MILLIS = 1500;

  @Inject NodeSettings node;
  @Inject LocalDatabase database;
  @Inject HaEngine engine;
  @Inject org.ncsha.software.UpdateLedger software;
  @Inject org.ncsha.files.FileSync files;
  @Inject org.ncsha.opcenter.OperationsCenter operationsCenter;
  @Inject org.ncsha.opcenter.SsoProvider ssoProvider;

  private final SystemProbe system = new LinuxSystemProbe();

  public NodeFacts collect(String peerAddress) {
    boolean restarted = database.restartIfDown();
    DatabaseReadiness db = database.readiness(peerAddress);
    Double disk = null;
    String diskError = null;
    try {
      // Never more than a tenth of the free space: the test must not fill a small volume.
      long budget = Math.min(DISK_TEST_BYTES, java.nio.file.Files.getFileStore(node.nodeDir()).getUsableSpace() / 10);
      disk = system.diskWriteMBps(node.nodeDir(), budget, DISK_TEST_MILLIS);
    } catch (IOException | RuntimeException e) {
      diskError = "cannot write in " + node.nodeDir() + ": " + e.getMessage();
    }
    String nic = system.interfaceFor(node.address());
    return new NodeFacts(node.address(), node.installedAsSecondary(), engine.status().state().displayName(),
        software.patchLevel(), system.cpuCount(), system.memoryBytes(), system.volumeBytes(node.nodeDir()), disk,
        diskError, nic, system.linkSpeedMbps(nic), db.answers(), restarted, db.error(), db.configErrors(),
        db.peerReplicationAllowed(), db.peerPortError(), db.peerReplicationLogin(), system.sharedMemoryBytes(),
        db.sharedBuffersBytes(), db.clusterState(), db.inRecovery(), db.databaseBytes(), db.streaming(), db.lagBytes(),
        db.lagSeconds(), files.facts(), operationsCenter(peerAddress));
  }

  /**
   * Whether the pair is an Operations Center, its instances and Single Sign-On server, and which
   * of the names involved do not resolve here. From the snapshot the Operations Center's schedule keeps (this runs where
   * the persistence context is not available); a failure here is this check's alone.
   */
  private org.ncsha.readiness.OperationsCenterFacts operationsCenter(String peerAddress) {
    var snapshot = operationsCenter.snapshot();
    if (node.isMse() || !snapshot.activated()) {
      return new org.ncsha.readiness.OperationsCenterFacts(false, null, null, null);
    }
    java.util.List<String> names = new java.util.ArrayList<>(java.util.List.of(node.address()));
    if (peerAddress != null) {
      names.add(peerAddress);
    }
    names.addAll(snapshot.instanceAddresses());
    String ssoServer = ssoProvider.issuerHost().orElse(null);
    if (ssoServer != null) {
      names.add(ssoServer);
    }
    java.util.List<String> unresolved = names.stream().filter(org.ncsha.oc.HostAddress::isHostName).filter(n -> {
      try {
        java.net.InetAddress.getAllByName(n);
        return false;
      } catch (java.net.UnknownHostException e) {
        return true;
      }
    }).distinct().toList();
    return new org.ncsha.readiness.OperationsCenterFacts(true, snapshot.instanceAddresses(), ssoServer, unresolved);
  }

  /** This server's facts when measuring them failed or timed out: every check that needs them fails with the reason. */
  public NodeFacts unmeasured(String why) {
    return new NodeFacts(node.address(), node.installedAsSecondary(), engine.status().state().displayName(),
        software.patchLevel(), system.cpuCount(), system.memoryBytes(),
        system.volumeBytes(node.nodeDir()), null, why, null, null, false, false, why, java.util.List.of(), false, why, why,
        system.sharedMemoryBytes(), 0, null, false, 0, null, null, null, files.facts(), null);
  }
}

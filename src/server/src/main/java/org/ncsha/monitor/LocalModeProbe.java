package org.ncsha.monitor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.ncsha.app.ServingRole;
import org.ncsha.ha.LocalMode;
import org.ncsha.node.NodeSettings;

/**
 * Observes, each tick, how the application and the database's replication stand, for the
 * decider to keep them in line with the state ({@link LocalMode}). The synchronous-standby
 * setting is read only with that option on, and only where the database accepts writes.
 */
@ApplicationScoped
public class LocalModeProbe {
  private static final Logger LOG = Logger.getLogger(LocalModeProbe.class.getName());

  @Inject ServingRole serving;
  @Inject LocalDatabase database;
  @Inject NodeSettings node;
  @Inject VirtualIpKeeper virtualIp;

  LocalMode observe(LocalHealth.Snapshot local) {
    String standby = null;
    boolean streaming = false;
    // Only when the database answered this tick: after a query that outlasted the budget another
    // would add its own wait to the loop's stall (the snapshot keeps the last answer's mode).
    if (node.synchronousReplication() && local.databaseWritable()
        && local.verdict().kind() == org.ncsha.ha.DatabaseRestartRule.Kind.HEALTHY) {
      try {
        standby = database.synchronousStandby();
        streaming = database.standbyStreaming();
      } catch (RuntimeException e) {
        LOG.warning("Could not read the synchronous replication setting: " + e.getMessage());
        standby = null;
      }
    }
    LocalMode.VirtualIp vip;
    try {
      vip = virtualIp.observe();
    } catch (RuntimeException e) {
      LOG.warning("Could not see whether this server holds the virtual IP: " + e.getMessage());
      vip = LocalMode.VirtualIp.NONE;
    }
    return new LocalMode(serving.writable(), serving.fenced(), local.databaseWritable(), standby, streaming, vip);
  }
}

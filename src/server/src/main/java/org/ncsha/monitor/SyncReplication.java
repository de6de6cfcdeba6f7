package org.ncsha.monitor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ncsha.db.DatabaseHealth;
import org.ncsha.ha.HaConfig;
import org.ncsha.ha.HaState;
import org.ncsha.node.NodeSettings;
import org.ncsha.store.HaStore;

/**
 * The synchronous replication option (node.properties {@code replication.synchronous=yes}; the
 * guide's default, and this one's, is asynchronous). While the pair is healthy (Primary Active
 * or Secondary Active, with the standby streaming) a commit on the active server returns only
 * once the standby has flushed it, so a failover loses no acknowledged write. As soon as the
 * pair is not healthy the active server degrades to asynchronous, with an event, so it never
 * blocks for longer than it takes the Health Monitor to notice the loss.
 */
@ApplicationScoped
public class SyncReplication {
  private static final Logger LOG = Logger.getLogger(SyncReplication.class.getName());

  @Inject NodeSettings node;
  @Inject LocalDatabase database;
  @Inject HaStore store;

  /** Called by the loop each cycle, after the decision's quick actions. */
  void align(Instant now, HaState state, HaConfig config) {
    if (!node.synchronousReplication()) {
      return;
    }
    DatabaseHealth health = database.health();
    if (!health.reachable() || health.inRecovery() || database.inMaintenance()) {
      return; // only the writable server has a say, and a standby's setting is rewritten on follow
    }
    try {
      String current = database.synchronousStandby();
      boolean healthyPair = state == HaState.PRIMARY_ACTIVE || state == HaState.SECONDARY_ACTIVE;
      boolean wanted = config.peerAddress() != null && healthyPair && database.standbyStreaming();
      String desired = wanted ? config.peerAddress() : "";
      if (current.equals(desired)) {
        return;
      }
      database.setSynchronousStandby(desired);
      String description = wanted
          ? "Synchronous replication to " + desired + ": a commit returns once the standby has it"
          : "Synchronous replication degraded to asynchronous (state " + state.displayName()
              + (healthyPair ? ", the standby is not streaming" : "") + "); it resumes when the standby streams again";
      LOG.info(description);
      store.recordEvent(now, state.displayName(), description);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not align synchronous replication: " + e.getMessage(), e);
    }
  }
}

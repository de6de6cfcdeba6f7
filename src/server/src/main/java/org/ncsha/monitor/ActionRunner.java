package org.ncsha.monitor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ncsha.app.SchemaMigrator;
import org.ncsha.app.ServingRole;
import org.ncsha.ha.Action;
import org.ncsha.ha.FailoverType;
import org.ncsha.ha.HaState;
import org.ncsha.mail.MailNotifier;
import org.ncsha.node.NodeSettings;
import org.ncsha.peer.PeerCommandMessage;
import org.ncsha.peer.PeerException;
import org.ncsha.store.HaStore;

/**
 * Performs the decider's actions in order. Quick ones run here, on the loop's thread, before the
 * new state is published (so "Secondary Active" already takes writes); the long-running one is
 * handed to {@link BackgroundActions} afterwards and reports its outcome to the engine.
 */
@ApplicationScoped
public class ActionRunner {
  private static final Logger LOG = Logger.getLogger(ActionRunner.class.getName());

  @Inject NodeSettings node;
  @Inject HaStore store;
  @Inject ServingRole serving;
  @Inject SchemaMigrator schema;
  @Inject LocalDatabase database;
  @Inject PeerLink peer;
  @Inject BackgroundActions background;
  @Inject MailNotifier mail;
  @Inject VirtualIpKeeper virtualIp;
  @Inject LocalHealth health;
  @Inject org.ncsha.peer.FileSyncLedger fileLedger;
  @Inject jakarta.enterprise.event.Event<org.ncsha.peer.FileSyncLedger.CompleteRunRequested> fileSyncRequests;

  /** The quick actions, in order, before the new state (next) is published. */
  void runQuick(List<Action> actions, HaState next, HaEngine engine) {
    for (Action action : actions) {
      if (action.kind().longRunning()) {
        continue;
      }
      try {
        runQuick(action, next, engine);
      } catch (RuntimeException | PeerException e) {
        LOG.log(Level.WARNING, "Action " + action.kind() + " failed", e);
        store.recordEvent(Instant.now(), next.displayName(),
            "Action " + action.kind() + " failed: " + e.getMessage());
      }
    }
  }

  /** The long-running action (always the last one of a decision), after the state is published. */
  void startLongRunning(List<Action> actions, HaEngine engine) {
    actions.stream().filter(a -> a.kind().longRunning()).forEach(a -> background.run(a, engine));
  }

  private void runQuick(Action action, HaState next, HaEngine engine) throws PeerException {
    String peerAddress = engine.config().peerAddress();
    switch (action.kind()) {
      case APP_READ_WRITE -> {
        sayWhyAgain(action);
        if (database.open()) {
          store.recordEvent(Instant.now(), next.displayName(), "The database, held read-only since the Health Monitor"
              + " started, is open for writes: this server serves");
        }
        database.ensureRoles();
        schema.migrate();
        serving.becomeWritable(node.address());
      }
      // Primary Alone does not know whether the secondary is active: it names nobody.
      case APP_READ_ONLY -> {
        sayWhyAgain(action);
        serving.becomePassive(next == HaState.PRIMARY_ALONE ? null : peerAddress);
      }
      case SET_SYNC_STANDBY -> synchronousStandby(action.detail(), next);
      // Writes are stopped (APP_READ_ONLY ran first): this is the last position the primary must replay.
      case NOTE_FAILBACK_POSITION -> engine.noteFailbackPosition(currentWalPosition());
      // A fenced server holds nothing, whatever its state says (ModeRules keeps it passive too).
      case ACQUIRE_VIP -> {
        if (virtualIp.configured().configured() && !serving.fenced()) {
          virtualIp.acquire(next.displayName());
        }
      }
      case RELEASE_VIP -> virtualIp.release(next.displayName());
      // Only starts it: the restart runs off the loop, and the next checks see how it ends.
      case RESTART_DATABASE -> health.restartDatabase();
      case SAVE_HA_CONFIG -> {
        Action.PeerSettings settings = action.peer();
        store.updateConfig(row -> {
          row.setRole(engine.config().role().name());
          row.setPeerAddress(settings.address());
          row.setFailoverType(settings.failoverType().wireName());
          row.setFailbackType(settings.failbackType().wireName());
        });
        database.allowPeer(settings.address());
        engine.reloadConfig();
      }
      // The old addresses go before anything else runs; the ACQUIRE_VIP after it takes the new ones.
      case CHANGE_VIRTUAL_IP -> {
        virtualIp.change(action.virtualIps(), next.displayName());
        engine.reloadConfig();
      }
      case CLEAR_HA_CONFIG -> {
        // The virtual IP belongs to the HA configuration (the guide removes it only with HA):
        // let go while its addresses are still known.
        virtualIp.release(next.displayName());
        database.dropPeerSlot();
        store.updateConfig(row -> {
          row.setPeerAddress(null);
          row.setPeerFingerprint(null);
          row.setFailoverType(null);
          row.setFailbackType(null);
          row.setVirtualIpv4(null);
          row.setVirtualIpv6(null);
        });
        engine.reloadConfig();
      }
      case SEND_MAIL -> mail.notify(next.displayName(), action.detail());
      // File sync (above this layer) observes the request and starts the run on a timer's thread;
      // it reports through the ledger.
      case SYNC_FILES -> {
        fileLedger.requested(Instant.now());
        fileSyncRequests.fire(new org.ncsha.peer.FileSyncLedger.CompleteRunRequested(next.displayName()));
      }
      case PEER_ABORT_REGISTRATION -> tellPeer(peerAddress, PeerCommandMessage.abortRegistration(action.detail()));
      case PEER_REMOVE -> tellPeer(peerAddress, PeerCommandMessage.removed());
      case PEER_ACCEPT_FAILBACK ->
          tellPeer(peerAddress, PeerCommandMessage.acceptFailback(node.address(), engine.config().failoverType(),
              engine.config().failbackType(), engine.config().virtualIps(), store.config().getEmails()));
      case PEER_FORCE_FAILOVER -> tellPeer(peerAddress, PeerCommandMessage.forceFailover());
      // The virtual IP as this server now has it: the peer keeps the same, even if moving it here failed.
      case PEER_CHANGE_SETTINGS -> tellPeer(peerAddress, PeerCommandMessage.changeSettings(
          FailoverType.fromWireName(action.detail()), engine.config().failbackType(), engine.config().virtualIps(),
          store.config().getEmails()));
      default -> throw new IllegalStateException("No runner for quick action " + action.kind());
    }
  }

  /** A switch the decider repeats because the last one failed or the mode drifted says so. */
  private static void sayWhyAgain(Action action) {
    if (!action.detail().isEmpty()) {
      LOG.warning("Applying " + action.kind() + " again: " + action.detail());
    }
  }

  /** Unknown, the failback never hands over and is abandoned after its catch-up time: safe. */
  private String currentWalPosition() {
    try {
      return database.currentWalPosition();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("could not read this database's WAL position: " + e.getMessage(), e);
    }
  }

  private void synchronousStandby(String standby, HaState next) {
    database.setSynchronousStandby(standby);
    boolean activeState = next == HaState.PRIMARY_ACTIVE || next == HaState.SECONDARY_ACTIVE;
    String description = standby.isEmpty()
        ? "Synchronous replication degraded to asynchronous (state " + next.displayName()
            + (activeState ? ", the standby is not streaming" : "") + "); it resumes when the standby streams again"
        : "Synchronous replication to " + standby + ": a commit returns once the standby has it";
    LOG.info(description);
    store.recordEvent(Instant.now(), next.displayName(), description);
  }

  private void tellPeer(String peerAddress, PeerCommandMessage message) throws PeerException {
    if (peerAddress == null) {
      return;
    }
    peer.client().post(peerAddress, peer.pinnedFingerprint(), peer.peerSecret(), "/api/peer/command", message, Void.class);
  }
}

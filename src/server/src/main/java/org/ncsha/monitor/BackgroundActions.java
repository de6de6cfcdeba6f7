package org.ncsha.monitor;

import jakarta.ejb.Asynchronous;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ncsha.db.FollowResult;
import org.ncsha.ha.Action;
import org.ncsha.ha.ActionKind;
import org.ncsha.ha.ActionOutcome;
import org.ncsha.store.HaStore;

/**
 * Runs the long-running actions (registration, database copy, promotion, rewind) on the
 * container's asynchronous EJB threads, and reports exactly one outcome each;
 * and the Health Monitor's database restarts, so that none of them holds up the loop.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// No container transaction around a cycle or an action: each store write and each database
// statement commits on its own, so the peer sees a change as soon as it is made.
@TransactionManagement(TransactionManagementType.BEAN)
public class BackgroundActions {
  private static final Logger LOG = Logger.getLogger(BackgroundActions.class.getName());

  @Inject LocalDatabase database;
  @Inject org.ncsha.node.NodeSettings node;
  @Inject SecondaryRegistrar registration;
  @Inject SecondaryCopy copy;
  @Inject PeerLink peer;
  @Inject HaStore store;

  /** RESTART_DATABASE: a restart of the local database, off the loop ({@link LocalHealth#restartDatabase}). */
  @Asynchronous
  public java.util.concurrent.Future<org.ncsha.ha.DatabaseRestart> restartDatabase() {
    return new jakarta.ejb.AsyncResult<>(database.restart());
  }

  /** Taking the virtual IP, off the loop: its probe waits ({@link VirtualIpKeeper}). */
  @Asynchronous
  public void acquireVirtualIp(VirtualIpKeeper keeper, String state) {
    keeper.acquireNow(state);
  }

  @Asynchronous
  public void run(Action action, HaEngine engine) {
    ActionKind kind = action.kind();
    LOG.info("Starting " + kind + (action.detail() == null ? "" : " (" + action.detail() + ")"));
    ActionOutcome outcome;
    try {
      switch (kind) {
        case REGISTER_SECONDARY -> registration.run(action.detail(), engine);
        case CLONE_FROM_PEER -> cloneFromPrimary(action.detail());
        case PROMOTE_DATABASE -> promote(engine);
        case FOLLOW_PEER -> follow(engine);
        default -> throw new IllegalStateException("No runner for long-running action " + kind);
      }
      outcome = ActionOutcome.succeeded(kind);
      LOG.info(kind + " succeeded");
    } catch (Exception e) {
      LOG.log(Level.WARNING, kind + " failed", e);
      outcome = ActionOutcome.failed(kind, e.getMessage() == null ? e.toString() : e.getMessage());
    }
    engine.report(outcome);
  }

  /**
   * Becomes the peer's standby: pg_rewind, or a full copy when this server was down longer than
   * the data retention period (the guide's rule), the peer's slot lost WAL we need, or a rewind is
   * impossible. A full copy is announced by an event before it starts: it may take long.
   */
  private void follow(HaEngine engine) throws InterruptedException {
    String peerAddress = engine.config().peerAddress();
    Duration down = engine.downtimeBeforeStart();
    String byPolicy = down.compareTo(node.retentionPeriod()) > 0
        ? "this server was down for " + hours(down) + ", longer than the data retention period of "
            + hours(node.retentionPeriod())
        : null;
    String state = engine.status().state().displayName();
    FollowResult result = database.follow(peerAddress, byPolicy,
        () -> engine.missedHeartbeats() >= engine.config().missLimit(),
        reason -> store.recordEvent(Instant.now(), state, "Copying the whole database from " + peerAddress
            + " instead of rewinding it: " + reason + "; failback is refused until the copy completes"));
    engine.followedAfterStart();
    recordFork(result, engine);
  }

  /**
   * Ends recovery and says what the promotion may have left behind: the WAL between where this
   * standby stood and the position the peer last reported in a heartbeat.
   */
  private void promote(HaEngine engine) {
    String at;
    try {
      at = database.currentWalPosition();
    } catch (java.sql.SQLException e) {
      at = null;
    }
    String peerReported = peer.lastPeerWalPosition();
    database.promote(engine.config().peerAddress());
    store.recordEvent(Instant.now(), engine.status().state().displayName(),
        PromotionRange.describe(at, peerReported, node.synchronousReplication()));
  }

  private static String hours(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.2f h", d.toMillis() / 3_600_000.0);
  }

  /** Writes made here after the fork are never dropped silently: say where they were kept. */
  private void recordFork(FollowResult result, HaEngine engine) {
    if (!result.diverged()) {
      return;
    }
    String what = result.fullCopy()
        ? "This server's database was replaced by a full copy from " + engine.config().peerAddress()
        : "This server's database had diverged from " + engine.config().peerAddress() + " at WAL location "
            + result.forkPoint() + " (timeline " + result.forkTimeline() + ")";
    store.recordEvent(Instant.now(), engine.status().state().displayName(),
        what + "; its data as it was before is kept in " + result.keptCopy()
            + " (start it stand-alone with pg_ctl to recover writes made after the fork)");
  }

  private void cloneFromPrimary(String primaryAddress) {
    try {
      database.cloneFrom(primaryAddress, copy::running);
      copy.finished(true, null);
    } catch (RuntimeException e) {
      copy.finished(false, e.getMessage());
      throw e;
    }
  }
}

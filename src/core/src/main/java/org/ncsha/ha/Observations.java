package org.ncsha.ha;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything the runner observed in one tick. {@code peer} is null when the peer gave no
 * heartbeat answer this tick; {@code missedHeartbeats} counts consecutive unanswered ones;
 * {@code criticalProcessDown} means a critical process the HM could not restart; {@code
 * startup} marks the first tick after this HM started; {@code outcomes} lists the long-running
 * actions that finished since the last tick; {@code walBehindBytes} is how far this standby's
 * received WAL is behind the position the primary last reported (null when unknown, e.g. on the
 * primary or before the primary reported one); {@code witness} is the etcd lease as this node
 * sees it ({@link WitnessView#NONE} without a witness); {@code mode} is how the application and
 * the database's replication stand ({@link LocalMode}; null when not observed, and the decider
 * then leaves them alone); {@code peerBehindFailbackBytes}, on a secondary in Secondary
 * Failback, is how far the position the primary last reported having replayed is behind the one
 * this server noted when its writes stopped (NOTE_FAILBACK_POSITION; 0 or less: caught up; null
 * when unknown); {@code restartDatabase} says that {@link DatabaseRestartRule}, which gave the
 * three health verdicts, asks for a restart of this server's database (RESTART_DATABASE);
 * {@code filesCaughtUp}, on a secondary in Secondary Failback, says whether a complete file-sync
 * run asked for by SYNC_FILES has left the primary with every file (null when not observed);
 * {@code failedFollows} counts FOLLOW_PEERs that failed in a row since the last that succeeded
 * or the Health Monitor's start (a failed hand-over's retries wait longer after each).
 */
public record Observations(
    Instant now,
    PeerReport peer,
    int missedHeartbeats,
    boolean databaseHealthy,
    boolean processesHealthy,
    boolean criticalProcessDown,
    boolean startup,
    List<ActionOutcome> outcomes,
    Long walBehindBytes,
    WitnessView witness,
    LocalMode mode,
    Long peerBehindFailbackBytes,
    boolean restartDatabase,
    Boolean filesCaughtUp,
    int failedFollows) {

  public Observations(Instant now, PeerReport peer, int missedHeartbeats, boolean databaseHealthy,
      boolean processesHealthy, boolean criticalProcessDown, boolean startup, List<ActionOutcome> outcomes,
      Long walBehindBytes, WitnessView witness) {
    this(now, peer, missedHeartbeats, databaseHealthy, processesHealthy, criticalProcessDown, startup, outcomes,
        walBehindBytes, witness, null, null, false, null, 0);
  }

  /** Observations without a WAL comparison. */
  public Observations(Instant now, PeerReport peer, int missedHeartbeats, boolean databaseHealthy,
      boolean processesHealthy, boolean criticalProcessDown, boolean startup, List<ActionOutcome> outcomes) {
    this(now, peer, missedHeartbeats, databaseHealthy, processesHealthy, criticalProcessDown, startup, outcomes,
        null, WitnessView.NONE);
  }

  public Observations {
    Objects.requireNonNull(now, "now");
    if (missedHeartbeats < 0) {
      throw new IllegalArgumentException("missedHeartbeats must be >= 0, was " + missedHeartbeats);
    }
    if (failedFollows < 0) {
      throw new IllegalArgumentException("failedFollows must be >= 0, was " + failedFollows);
    }
    outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    witness = witness == null ? WitnessView.NONE : witness;
  }

  /** A healthy, non-startup tick with the given peer answer and no finished actions. */
  public static Observations healthy(Instant now, PeerReport peer, int missedHeartbeats) {
    return new Observations(now, peer, missedHeartbeats, true, true, false, false, List.of());
  }

  /** Whether the local database or a critical process has failed. */
  public boolean locallyFailed() {
    return !databaseHealthy || criticalProcessDown;
  }

  /** The same observations with no action outcomes: for asking "would this be allowed now?". */
  public Observations withoutOutcomes() {
    return new Observations(now, peer, missedHeartbeats, databaseHealthy, processesHealthy,
        criticalProcessDown, startup, List.of(), walBehindBytes, witness, mode, peerBehindFailbackBytes, restartDatabase, filesCaughtUp, failedFollows);
  }

  public Observations withWitness(WitnessView view) {
    return new Observations(now, peer, missedHeartbeats, databaseHealthy, processesHealthy,
        criticalProcessDown, startup, outcomes, walBehindBytes, view, mode, peerBehindFailbackBytes, restartDatabase, filesCaughtUp, failedFollows);
  }

  public Observations withMode(LocalMode localMode) {
    return new Observations(now, peer, missedHeartbeats, databaseHealthy, processesHealthy,
        criticalProcessDown, startup, outcomes, walBehindBytes, witness, localMode, peerBehindFailbackBytes, restartDatabase, filesCaughtUp, failedFollows);
  }

  public Observations withPeerBehindFailback(Long bytes) {
    return new Observations(now, peer, missedHeartbeats, databaseHealthy, processesHealthy,
        criticalProcessDown, startup, outcomes, walBehindBytes, witness, mode, bytes, restartDatabase, filesCaughtUp, failedFollows);
  }

  /** The verdict of {@link DatabaseRestartRule} asks for RESTART_DATABASE (or, false, does not). */
  public Observations withRestartDatabase(boolean restart) {
    return new Observations(now, peer, missedHeartbeats, databaseHealthy, processesHealthy,
        criticalProcessDown, startup, outcomes, walBehindBytes, witness, mode, peerBehindFailbackBytes, restart, filesCaughtUp, failedFollows);
  }

  /** Whether the complete file-sync run of a failback has finished (null: not observed). */
  public Observations withFilesCaughtUp(Boolean caughtUp) {
    return new Observations(now, peer, missedHeartbeats, databaseHealthy, processesHealthy,
        criticalProcessDown, startup, outcomes, walBehindBytes, witness, mode, peerBehindFailbackBytes, restartDatabase,
        caughtUp, failedFollows);
  }

  /** How many FOLLOW_PEERs have failed in a row ({@code LoopBookkeeping.followsFinished}). */
  public Observations withFailedFollows(int failed) {
    return new Observations(now, peer, missedHeartbeats, databaseHealthy, processesHealthy,
        criticalProcessDown, startup, outcomes, walBehindBytes, witness, mode, peerBehindFailbackBytes, restartDatabase,
        filesCaughtUp, failed);
  }
}

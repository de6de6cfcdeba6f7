package org.ncsha.ha;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** One simulated node for {@link PairHarness}: its own HaDecider, status, health and queue. */
final class SimNode {

  final String address;
  final HaDecider decider = new HaDecider();
  HaConfig config;
  NodeStatus status;
  boolean up = true;
  /** The runner's own bookkeeping: missed heartbeats and the startup tick, as HaEngine keeps them. */
  final LoopBookkeeping loop = LoopBookkeeping.afterStartup();
  /** Faults a test forces on what the runner reports, on top of the restart rule's verdict (see {@link #databaseUp}). */
  boolean databaseHealthy = true;
  boolean processesHealthy = true;
  boolean criticalProcessDown;
  /** The simulated database answers its health queries; false: it has crashed. */
  boolean databaseAnswers = true;
  /** Restarts of the database fail (it cannot be brought back). */
  boolean restartsFail;
  /** RESTART_DATABASE runs: the checks left until it ends (it still runs at the next one and ends at the one after). */
  private int restartChecksLeft;
  int restartsStarted;
  /** What the runner's restart rule ({@link LoopBookkeeping#databaseChecked}) made of the last check. */
  DatabaseRestartRule.Verdict database = new DatabaseRestartRule.Verdict(DatabaseRestartRule.Kind.HEALTHY, true, true,
      false, 0);
  final Deque<Command> commands = new ArrayDeque<>();
  /** Long-running actions started and not yet reported. */
  final List<Action> running = new ArrayList<>();
  /** Kinds whose next run will fail. */
  final Set<ActionKind> failNext = EnumSet.noneOf(ActionKind.class);
  final List<Decision> decisions = new ArrayList<>();
  final List<String> refusals = new ArrayList<>();
  final List<String> mails = new ArrayList<>();
  /** Fenced by the witness rules: serves nothing whatever its state. */
  boolean fenced;
  /** Counts the HM's starts: a lease belongs to one run of the process. */
  int generation;
  /** Set when the peer was seen in HA Initializing, so REGISTER_SECONDARY can fail later. */
  boolean peerWasInitializing;
  /** Whether the application accepts writes: APP_READ_WRITE and APP_READ_ONLY switch it; a JVM starts passive. */
  boolean applicationWritable;
  /**
   * Whether the pair's virtual IP (every configured address) is on this node's interface:
   * ACQUIRE_VIP adds it unless the peer's interface has it (the runtime's duplicate address
   * probe), RELEASE_VIP removes it, CHANGE_VIRTUAL_IP lets the old addresses go. A stopped HM
   * leaves it (the kernel keeps the address); a registered pair has one ({@link
   * PairHarness#REGISTERED_VIRTUAL_IP}).
   */
  boolean vipHeld;
  /** The primary never catches up with this failback (a test's failNext of NOTE_FAILBACK_POSITION). */
  boolean failbackStuck;
  /** Whether the last SYNC_FILES run left the primary with every file. */
  boolean filesSent;
  /** A secondary whose FOLLOW_PEER failed: its database stays its own, writable, until one succeeds. */
  boolean ownTimeline;

  SimNode(String address, HaConfig config, HaState state, Instant now) {
    this.address = address;
    this.config = config;
    this.status = new NodeStatus(state, now);
    this.applicationWritable = state.servesWrites(config.role());
  }

  /** What the runner's mode probe would see. */
  LocalMode mode() {
    boolean configured = config.virtualIps().configured();
    LocalMode.VirtualIp vip = configured ? (vipHeld ? LocalMode.VirtualIp.HELD : LocalMode.VirtualIp.NOT_HELD)
        : (vipHeld ? LocalMode.VirtualIp.HELD_UNCONFIGURED : LocalMode.VirtualIp.NONE);
    return new LocalMode(applicationWritable, fenced, databaseWritable(), null, false, vip);
  }

  /** What the runner's check of the database sees this tick: the facts the restart rule judges. */
  DatabaseCheck checkDatabase() {
    if (restartChecksLeft == 2) {
      restartChecksLeft = 1;
      return DatabaseCheck.RESTART_RUNNING;
    }
    if (restartChecksLeft == 1) {
      restartChecksLeft = 0;
      DatabaseRestart ended = restartsFail ? DatabaseRestart.FAILED : DatabaseRestart.STARTED;
      databaseAnswers = databaseAnswers || ended == DatabaseRestart.STARTED;
      return DatabaseCheck.afterRestart(ended, databaseAnswers);
    }
    return DatabaseCheck.query(databaseAnswers);
  }

  /** RESTART_DATABASE: starts a restart unless one runs. */
  void startRestart() {
    if (restartChecksLeft == 0) {
      restartChecksLeft = 2;
      restartsStarted++;
    }
  }

  /** The HM stopped: a restart it ran is gone with it. */
  void stopped() {
    restartChecksLeft = 0;
  }

  /** What the runner reports of its database: the restart rule's verdict, with the faults a test forces on top. */
  boolean databaseUp() {
    return databaseHealthy && database.databaseHealthy();
  }

  boolean processesUp() {
    return processesHealthy && database.processesHealthy();
  }

  boolean criticalDown() {
    return criticalProcessDown || database.criticalProcessDown();
  }

  /**
   * A serving state's database takes writes while healthy, once no promotion or follow is under
   * way; so does a secondary's whose hand-over failed ({@link #ownTimeline}) until it follows.
   */
  boolean databaseWritable() {
    boolean serving = state().servesWrites(role()) && !isRunning(ActionKind.PROMOTE_DATABASE);
    return databaseUp() && (serving || ownTimeline) && !isRunning(ActionKind.FOLLOW_PEER);
  }

  HaState state() {
    return status.state();
  }

  Role role() {
    return config.role();
  }

  PeerReport report() {
    return new PeerReport(state(), processesUp() && !criticalDown(), databaseUp());
  }

  boolean isRunning(ActionKind kind) {
    return running.stream().anyMatch(a -> a.kind() == kind);
  }

  Decision lastDecision() {
    return decisions.get(decisions.size() - 1);
  }

  String lastRefusal() {
    return refusals.isEmpty() ? null : refusals.get(refusals.size() - 1);
  }

  /** Whether this node accepts writes now: running, in a serving state, not fenced. */
  boolean writes() {
    return up && state().servesWrites(role()) && !fenced;
  }

  @Override
  public String toString() {
    return role().wireName() + "(" + state().displayName() + ")";
  }
}

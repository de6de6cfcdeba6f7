package org.ncsha.monitor;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ncsha.ha.ActionOutcome;
import org.ncsha.ha.Command;
import org.ncsha.ha.Decision;
import org.ncsha.ha.FailbackType;
import org.ncsha.ha.FailoverType;
import org.ncsha.ha.HaConfig;
import org.ncsha.ha.HaDecider;
import org.ncsha.ha.HaState;
import org.ncsha.ha.NodeStatus;
import org.ncsha.ha.Observations;
import org.ncsha.ha.PeerContact;
import org.ncsha.ha.PeerReport;
import org.ncsha.ha.Role;
import org.ncsha.node.NodeSettings;
import org.ncsha.peer.HeartbeatMessage;
import org.ncsha.store.HaConfigRecord;
import org.ncsha.store.HaStore;

/**
 * The node's one writer of HA state. Each tick it observes (peer heartbeat, local database and
 * processes), asks the pure {@link HaDecider} what to do, records the transition as an event
 * and hands the actions to the {@link ActionRunner}. Everyone else only enqueues commands.
 */
@ApplicationScoped
public class HaEngine {
  private static final Logger LOG = Logger.getLogger(HaEngine.class.getName());
  private static final long VERDICT_WAIT_SECONDS = 30;
  /** How often the loop records that it is alive (how long a server was down is measured with it). */
  private static final Duration ALIVE_RECORD_INTERVAL = Duration.ofSeconds(10);

  @Inject NodeSettings node;
  @Inject HaStore store;
  @Inject PeerLink peer;
  @Inject LocalHealth health;
  @Inject DiskWatch disk;
  @Inject LocalModeProbe modes;
  @Inject ActionRunner actions;
  @Inject HeartbeatTicker ticker;
  @Inject WitnessLink witness;
  @Inject org.ncsha.peer.FileSyncLedger fileLedger;

  @Inject Clock clock;

  private final HaDecider decider = new HaDecider();
  private final Queue<PendingCommand> commands = new ConcurrentLinkedQueue<>();
  private final Queue<ActionOutcome> outcomes = new ConcurrentLinkedQueue<>();
  /** Held while the loop asks the peer, so that its exchanges never overlap (see {@link #exchange}). */
  private final Object exchanging = new Object();
  /** The loop's exchanges so far (guarded by {@link #exchanging}). */
  private long exchanges;
  /** The newest exchange a decision used: an older answer is not decided on after it (guarded by this). */
  private long decidedExchange;
  /** Decisions so far (guarded by this). */
  private long decisions;

  private volatile NodeStatus status;
  private volatile HaConfig config;
  private volatile PeerReport lastPeer;
  private volatile Instant lastPeerAt = Instant.EPOCH;
  private volatile Observations lastObservations;
  /**
   * Missed heartbeats, the database's failed queries and restarts, the startup flag, prompt
   * decisions and recorded stays: pure, shared with the tests' harness.
   */
  private final org.ncsha.ha.LoopBookkeeping loop = new org.ncsha.ha.LoopBookkeeping();
  /** The loop's count, for readers on other threads (status pages, heartbeat answers). */
  private volatile int missedHeartbeats;
  /**
   * When the loop last started or finished a cycle, on the monotonic clock: a step of the wall
   * clock (NTP, a VM resumed) must not look like a loop that hung, which the peer would count as
   * missed heartbeats and fail over for. The tests give it their controlled clock.
   */
  private volatile long lastProgressNanos;
  java.util.function.LongSupplier nanoTime = System::nanoTime;
  /** The last store write failed: logged once, and once more when writes work again. */
  private boolean storeFailing;
  private volatile Duration downtimeBeforeStart = Duration.ZERO;
  /** Secondary Failback: this database's WAL position when its writes stopped (NOTE_FAILBACK_POSITION). */
  private volatile String failbackPosition;
  private Instant lastAliveRecorded = Instant.EPOCH;
  /** An MSE primary set up in HA recovery mode that has not been failed back onto yet. */
  private volatile boolean recoveryMode;

  @PostConstruct
  void load() {
    lastProgressNanos = nanoTime.getAsLong();
    HaConfigRecord row = store.config();
    HaState stored = HaState.fromDisplayName(row.getState());
    // A secondary that restarts having lost the primary starts its hold-down again: the time it
    // was down itself says nothing of the primary, and counting it would fail over after three
    // missed heartbeats whatever the hold-down.
    status = new NodeStatus(stored, stored == HaState.SECONDARY_LOST_PRIMARY ? clock.instant() : row.getStateSince());
    recoveryMode = setupAsksForRecovery() && !status.state().haConfigured();
    config = configFrom(row);
    if (recoveryMode) {
      String why = "Started in HA recovery mode: this replaced primary MSE serves nothing until the secondary fails"
          + " back onto it, which copies it the pair's data";
      LOG.info(why);
      storeSafely("an event", () -> store.recordEvent(clock.instant(), status.state().displayName(), why));
    }
    Long alive = row.getLastAliveMillis();
    Duration down = alive == null ? Duration.ZERO : Duration.between(Instant.ofEpochMilli(alive), clock.instant());
    downtimeBeforeStart = down.isNegative() ? Duration.ZERO : down;
  }

  /**
   * One observe-decide-act cycle. Called only by the {@link HeartbeatTicker}: on each heartbeat,
   * and in between when a command, an action outcome or a transition asks for a prompt decision.
   * Only heartbeat cycles count a missed answer, so "failed after N misses" keeps meaning N
   * heartbeat intervals however often the loop is nudged. A heartbeat cycle asks the peer outside
   * the loop's lock: a silent peer holds it for {@code peer.timeout.ms}, and the decision a
   * prompt cycle was nudged for (Secondary Active once the promotion is done) must not wait behind
   * that.
   */
  public void runCycle(boolean heartbeat) {
    if (!heartbeat) {
      runPromptCycle();
      return;
    }
    LocalTick tick;
    synchronized (this) {
      tick = observeLocal(true);
    }
    Asked asked = tick.message() == null ? null : exchange(tick);
    synchronized (this) {
      decide(tick, asked);
    }
  }

  private synchronized void runPromptCycle() {
    LocalTick tick = observeLocal(false);
    Asked asked;
    if (tick.message() == null) {
      asked = null;
    } else if (loop.asksPeer(false, !commands.isEmpty())) {
      asked = exchange(tick);
    } else {
      asked = new Asked(0, PeerContact.silent("not asked between heartbeats: it did not answer the last one"));
    }
    decide(tick, asked);
  }

  /**
   * What a cycle observed of this server before asking the peer, the heartbeat it sends (null:
   * no peer) and how many decisions had been made by then.
   */
  private record LocalTick(boolean heartbeat, LocalHealth.Snapshot local, HaConfig config, HeartbeatMessage message,
      long decisionsBefore) {}

  /** A peer's answer and the number of its exchange (0: the peer was not asked). */
  private record Asked(long number, PeerContact contact) {}

  private LocalTick observeLocal(boolean heartbeat) {
    loop.tickStarted(heartbeat);
    Instant now = clock.instant();
    lastProgressNanos = nanoTime.getAsLong();
    if (Duration.between(lastAliveRecorded, now).compareTo(ALIVE_RECORD_INTERVAL) >= 0) {
      storeSafely("the time this Health Monitor was last alive", () -> store.updateConfig(row -> row.setLastAliveMillis(now.toEpochMilli())));
      lastAliveRecorded = now;
    }
    LocalHealth.Snapshot local = checkLocal();
    disk.check(now, status.state().displayName());
    HaConfig config = this.config;
    return new LocalTick(heartbeat, local, config,
        config.peerAddress() == null ? null : peer.ownHeartbeat(config, status.state(), local, loopAge()), decisions);
  }

  /**
   * This server's database: {@link LocalHealth} observes the facts, the loop's pure restart rule
   * judges them (the decider asks for RESTART_DATABASE when it says so), and LocalHealth keeps the
   * snapshot that heartbeat answers and the status page read.
   */
  private LocalHealth.Snapshot checkLocal() {
    return health.check(facts -> loop.databaseChecked(facts, node.databaseFailureCount()));
  }

  /** One of the loop's exchanges at a time: a prompt cycle that asks waits for a heartbeat's in flight. */
  private Asked exchange(LocalTick tick) {
    synchronized (exchanging) {
      return new Asked(++exchanges, peer.exchangeHeartbeat(tick.config(), tick.message()));
    }
  }

  private void decide(LocalTick tick, Asked asked) {
    if (asked != null && asked.number() != 0) {
      if (asked.number() < decidedExchange) {
        // A prompt cycle asked the peer after this heartbeat did and has decided on that newer answer.
        return;
      }
      decidedExchange = asked.number();
    }
    boolean heartbeat = tick.heartbeat();
    Instant now = clock.instant();
    // A prompt cycle decided while this heartbeat asked the peer: what it observed may be out of date.
    LocalHealth.Snapshot local = tick.decisionsBefore() == decisions ? tick.local() : checkLocal();
    decisions++;
    PeerContact contact = asked == null ? null : asked.contact();
    PeerReport peerReport = loop.peerExchanged(config.peerAddress() == null ? null : contact, heartbeat);
    missedHeartbeats = loop.missedHeartbeats();
    if (peerReport != null) {
      lastPeer = peerReport;
      lastPeerAt = now;
    }
    List<ActionOutcome> finished = new ArrayList<>();
    for (ActionOutcome o; (o = outcomes.poll()) != null; ) {
      finished.add(o);
    }
    Observations obs = new Observations(
        now, peerReport, missedHeartbeats, local.databaseHealthy(), local.processesHealthy(),
        local.criticalProcessDown(), loop.startup(), finished, walBehindPrimary(local), witness.view())
        .withMode(modes.observe(local))
        .withPeerBehindFailback(peerBehindFailback())
        .withRestartDatabase(local.restartDatabase())
        .withFilesCaughtUp(status.state() == HaState.SECONDARY_FAILBACK ? fileLedger.caughtUp() : null)
        .withFailedFollows(loop.followsFinished(finished));
    lastObservations = obs;
    PendingCommand pending = commands.poll();
    Decision decision;
    try {
      decision = decider.decide(status, obs, config, pending == null ? null : pending.command());
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "The HA decision failed; state stays " + status.state().displayName(), e);
      if (pending != null) {
        pending.verdict().completeExceptionally(e);
      }
      return;
    }
    HaState before = status.state();
    org.ncsha.ha.LoopBookkeeping.After after = loop.decided(before, decision);
    if (LOG.isLoggable(Level.FINEST)) {
      LOG.finest("Health Monitor cycle (" + (heartbeat ? "heartbeat" : "prompt") + "): state " + status.state().displayName()
          + ", peer " + (peerReport == null ? "not answering (" + missedHeartbeats + " missed)" : peerReport.state().displayName())
          + ", database " + (local.databaseHealthy() ? "healthy" : "not healthy") + " -> " + decision.next().displayName()
          + " " + decision.actions());
    }
    actions.runQuick(decision.actions(), decision.next(), this);
    if (after.transition()) {
      apply(decision, now);
      if (after.decideAgainNow()) {
        ticker.nudge();
      }
    } else if (after.stayEvent() != null) {
      LOG.info("HA " + before.displayName() + ": " + after.stayEvent());
      storeSafely("an event", () -> store.recordEvent(now, before.displayName(), after.stayEvent()));
    }
    if (pending != null) {
      pending.verdict().complete(decision);
    }
    actions.startLongRunning(decision.actions(), this);
    lastProgressNanos = nanoTime.getAsLong();
  }

  /**
   * How long ago this loop last started or finished a cycle. It goes into every heartbeat
   * answer, so that a loop that hangs (or fails every cycle) stops counting as a live peer.
   */
  public Duration loopAge() {
    return Duration.ofNanos(Math.max(0, nanoTime.getAsLong() - lastProgressNanos));
  }

  /**
   * A write to the node-local store that must not stop the loop when it fails (a full disk):
   * the Health Monitor keeps deciding from what it holds in memory, and says so.
   */
  private void storeSafely(String what, Runnable write) {
    try {
      write.run();
      if (storeFailing) {
        LOG.info("The Health Monitor's store accepts writes again");
        storeFailing = false;
      }
    } catch (RuntimeException e) {
      if (!storeFailing) {
        LOG.log(Level.SEVERE, "Could not record " + what + " in the Health Monitor's store; the Health Monitor goes on", e);
      }
      storeFailing = true;
    }
  }

  /**
   * On a standby secondary: how far its database is behind the WAL position the primary last
   * reported in a heartbeat (the promotion guard's input); null where that means nothing.
   */
  private Long walBehindPrimary(LocalHealth.Snapshot local) {
    String primaryWal = peer.lastPeerWalPosition();
    if (config.role() != Role.SECONDARY || status.state().servesWrites() || primaryWal == null
        || local.walPosition() == null) {
      return null;
    }
    return LocalDatabase.walBytesBetween(local.walPosition(), primaryWal);
  }

  /**
   * In Secondary Failback: how far the position the primary last reported having replayed is
   * behind the one noted when this server's writes stopped; null where that means nothing.
   */
  private Long peerBehindFailback() {
    String replayed = peer.lastPeerWalPosition();
    if (status.state() != HaState.SECONDARY_FAILBACK || failbackPosition == null || replayed == null) {
      return null;
    }
    return LocalDatabase.walBytesBetween(replayed, failbackPosition);
  }

  /** NOTE_FAILBACK_POSITION: kept in memory, as a restart abandons the failback anyway. */
  void noteFailbackPosition(String walPosition) {
    failbackPosition = walPosition;
  }

  private void apply(Decision decision, Instant now) {
    HaState from = status.state();
    if (recoveryMode && decision.next().haConfigured()) {
      endRecoveryMode(now);
    }
    if (decision.next() != HaState.SECONDARY_FAILBACK) {
      failbackPosition = null;
    }
    status = new NodeStatus(decision.next(), now);
    entered.get(decision.next()).incrementAndGet();
    String description = decision.outcome() == null
        ? "State changed from " + from.displayName() + " to " + decision.next().displayName()
        : decision.outcome();
    LOG.info("HA transition " + from.displayName() + " -> " + decision.next().displayName() + ": " + description);
    storeSafely("the new state", () -> store.updateConfig(row -> {
      row.setState(decision.next().displayName());
      row.setStateSince(now);
    }));
    storeSafely("an event", () -> store.recordEvent(now, decision.next().displayName(), description));
  }

  /**
   * Hands a command to the loop and waits for its verdict.
   *
   * @throws CommandRefusedException when the Health Monitor does not allow it in the current state
   */
  public Decision submit(Command command) throws CommandRefusedException {
    PendingCommand pending = new PendingCommand(command);
    commands.add(pending);
    ticker.nudge();
    try {
      Decision decision = pending.verdict().get(VERDICT_WAIT_SECONDS, TimeUnit.SECONDS);
      if (decision.refusal() != null) {
        throw new CommandRefusedException(decision.refusal());
      }
      return decision;
    } catch (TimeoutException e) {
      throw new CommandRefusedException("The Health Monitor did not take the command within "
          + VERDICT_WAIT_SECONDS + " s (state " + status.state().displayName() + ")");
    } catch (ExecutionException e) {
      throw new CommandRefusedException("The Health Monitor failed on the command: " + e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandRefusedException("Interrupted while waiting for the Health Monitor");
    }
  }

  /** Where long-running actions report back; the next cycle hands the outcome to the decider. */
  void report(ActionOutcome outcome) {
    outcomes.add(outcome);
    ticker.nudge();
  }

  /**
   * Configuration changes take effect from the next tick: those made by actions (registration,
   * removal, a settings change), and the virtual IP that registration stores beside the decider.
   */
  public void reloadConfig() {
    config = configFrom(store.config());
  }

  private boolean setupAsksForRecovery() {
    if (!node.isMse()) {
      return false;
    }
    try {
      return org.ncsha.mse.MseSettings.read(org.ncsha.mse.MseSettings.fileIn(node.nodeDir())).recoveryMode();
    } catch (java.io.IOException e) {
      LOG.log(Level.WARNING, "The MSE setup could not be read; starting without HA recovery mode", e);
      return false;
    }
  }

  /**
   * The failback from the secondary made this primary part of the pair: recovery mode is over,
   * in the setup too, so that a later start (or a later Remove HA) is an ordinary primary's.
   */
  private void endRecoveryMode(Instant now) {
    recoveryMode = false;
    config = config.withRecoveryMode(false);
    java.nio.file.Path file = org.ncsha.mse.MseSettings.fileIn(node.nodeDir());
    try {
      org.ncsha.mse.MseSettings.read(file).withoutRecoveryMode().write(file);
    } catch (java.io.IOException e) {
      LOG.log(Level.WARNING, "HA recovery mode ended, but the MSE setup could not be rewritten (" + file + ")", e);
    }
    String why = "HA recovery mode ended: the secondary fails back onto this primary, which takes the pair's data from it";
    LOG.info(why);
    storeSafely("an event", () -> store.recordEvent(now, status.state().displayName(), why));
  }

  private HaConfig configFrom(HaConfigRecord row) {
    Role role = row.getRole() != null ? Role.valueOf(row.getRole())
        : node.installedAsSecondary() ? Role.SECONDARY : Role.PRIMARY;
    FailoverType type = row.getFailoverType() == null ? FailoverType.MANUAL : FailoverType.fromWireName(row.getFailoverType());
    return new HaConfig(role, type, node.heartbeatMissLimit(), node.failoverHoldDown(), row.getPeerAddress(),
        node.maxLagOnFailoverMb() * 1024L * 1024L, node.synchronousReplication(), node.failbackCatchUpTimeout(),
        new org.ncsha.ha.VirtualIps(row.getVirtualIpv4(), row.getVirtualIpv6()))
        .withFailback(row.getFailbackType() == null ? FailbackType.MANUAL : FailbackType.fromWireName(row.getFailbackType()),
            node.failbackDelay())
        .withRecoveryMode(recoveryMode);
  }

  /**
   * How long this server's Health Monitor was not running before this start (0 when unknown);
   * FOLLOW_PEER compares it with the data retention period.
   */
  public Duration downtimeBeforeStart() {
    return downtimeBeforeStart;
  }

  /** The database followed the peer once since the start: later follows are not "after downtime". */
  void followedAfterStart() {
    downtimeBeforeStart = Duration.ZERO;
  }

  public Duration heartbeatInterval() {
    return node.heartbeatInterval();
  }

  public NodeStatus status() {
    return status;
  }

  public HaConfig config() {
    return config;
  }

  /**
   * Why the command would be refused now, or null when the Health Monitor would accept it; for
   * pages that enable a button only when its action is allowed. The loop still decides.
   */
  public String refusalFor(Command command) {
    Observations obs = lastObservations;
    if (obs == null) {
      return "The Health Monitor is starting";
    }
    return decider.refusalFor(status, obs.withoutOutcomes(), config, command);
  }

  /** The peer's last answer if it came after {@code since}, else null: a fresher view than {@link #lastPeer}. */
  public PeerReport peerReportSince(Instant since) {
    PeerReport report = lastPeer;
    return lastPeerAt.isAfter(since) ? report : null;
  }

  /**
   * The peer's heartbeat named its state. When that is not the state this loop last heard, it
   * decides now instead of at its next heartbeat: each step of a failover, failback or switchover
   * waits for the other server to see the one before, so this takes a heartbeat interval off each.
   */
  public void peerAnnounced(String stateName) {
    PeerReport report = lastPeer;
    if (report != null && stateName != null && !report.state().displayName().equals(stateName)) {
      ticker.nudge();
    }
  }

  /** This server's state and the peer's as last heard (null: not since {@code since}), taken at one moment. */
  public record PairView(HaState own, HaState peer) {}

  /**
   * Both states from between two decisions: a decision publishes the peer's answer before it
   * moves this server's state, so reading the two apart could pair a fresh answer with the state
   * the loop was about to leave (at start, the stored one).
   */
  public synchronized PairView pairView(Instant since) {
    PeerReport report = lastPeerAt.isAfter(since) ? lastPeer : null;
    return new PairView(status.state(), report == null ? null : report.state());
  }

  /** The peer's last heartbeat answer, or null when it has never answered since this start. */
  public PeerReport lastPeer() {
    return lastPeer;
  }

  /**
   * The peer's state as last heard, with its age: "Secondary Syncing (heard 3 s ago)", or
   * "not heard since this Health Monitor started". Operators confirm both states before a
   * failover or failback, so the age matters as much as the state.
   */
  public String peerStateAsHeard() {
    PeerReport report = lastPeer;
    return report == null
        ? "not heard since this Health Monitor started"
        : report.state().displayName() + " (heard " + peerHeardSecondsAgo() + " s ago)";
  }

  /** Seconds since the peer last answered a heartbeat, or null when it never did since the start. */
  public Long peerHeardSecondsAgo() {
    return lastPeer == null ? null : Math.max(0, Duration.between(lastPeerAt, clock.instant()).toSeconds());
  }

  /** How often this server entered {@code state} since the Health Monitor started (for metrics). */
  public long timesEntered(HaState state) {
    return entered.get(state).get();
  }

  private final java.util.Map<HaState, java.util.concurrent.atomic.AtomicLong> entered = counters();

  private static java.util.Map<HaState, java.util.concurrent.atomic.AtomicLong> counters() {
    java.util.Map<HaState, java.util.concurrent.atomic.AtomicLong> m = new java.util.EnumMap<>(HaState.class);
    for (HaState s : HaState.values()) {
      m.put(s, new java.util.concurrent.atomic.AtomicLong());
    }
    return m;
  }

  public int missedHeartbeats() {
    return missedHeartbeats;
  }
}

package org.ncsha.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Two HaDecider instances stepped side by side, with a small simulated runner around each: it
 * feeds each node the other's state as PeerReport (null while the link is cut, the peer is
 * down, or on the first tick after a start, when no heartbeat has been answered yet), counts
 * missed heartbeats, judges its simulated database with the runner's restart rule and runs the
 * restarts it asks for, delivers peer calls as commands, and completes long-running actions on a
 * later tick. Every (primary, secondary) pair of states is recorded for table assertions.
 */
final class PairHarness {

  /** Heartbeat interval of the guide; each round advances the clock by this much. */
  static final Duration TICK = Duration.ofSeconds(5);
  /** database.failure.count's default. */
  static final int DATABASE_FAILURE_COUNT = 2;
  /** The virtual IP a registration gives the pair (the runtime's registration stores it beside the decider). */
  static final VirtualIps REGISTERED_VIRTUAL_IP = new VirtualIps("10.0.0.100", "fd00::100");

  final SimNode primary;
  final SimNode secondary;
  Instant now = Instant.parse("2024-01-01T00:00:00Z");
  boolean linkUp = true;
  /** The optional witness; null: none, the guide's behaviour. */
  SimWitness witness;
  private final List<HaState[]> history = new ArrayList<>();
  private int mark;

  private PairHarness(SimNode primary, SimNode secondary) {
    this.primary = primary;
    this.secondary = secondary;
    record();
  }

  /** Both servers installed, HA not configured yet. */
  static PairHarness unregistered(FailoverType type) {
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    SimNode p =
        new SimNode("10.0.0.1", HaConfig.unregistered(Role.PRIMARY).withFailoverType(type),
            HaState.HA_NOT_CONFIGURED, start);
    SimNode s =
        new SimNode("10.0.0.2", HaConfig.unregistered(Role.SECONDARY).withFailoverType(type),
            HaState.HA_NOT_CONFIGURED, start);
    return new PairHarness(p, s);
  }

  /** A registered pair in Primary Active / Secondary Syncing, reached through registration. */
  static PairHarness registered(FailoverType type) {
    return registered(type, FailbackType.MANUAL, HaConfig.DEFAULT_FAILBACK_DELAY);
  }

  /**
   * A registered pair after the administrator's Force Failover on the primary, once the primary
   * follows the secondary (Primary Syncing): where every failback starts.
   */
  static PairHarness failedOver(FailoverType type) {
    PairHarness h = registered(type);
    h.command(h.primary, new Command.ForceFailover());
    h.runUntil(() -> h.primary.state() == HaState.PRIMARY_SYNCING, 10);
    return h;
  }

  /**
   * The same, registered with a failback type, on nodes whose settings give an automatic
   * failback {@code failbackDelay} (a node's failback.delay.seconds).
   */
  static PairHarness registered(FailoverType type, FailbackType failback, java.time.Duration failbackDelay) {
    PairHarness h = unregistered(type);
    h.primary.config = h.primary.config.withFailback(FailbackType.MANUAL, failbackDelay);
    h.secondary.config = h.secondary.config.withFailback(FailbackType.MANUAL, failbackDelay);
    h.command(h.primary, new Command.Register(h.secondary.address, type, failback));
    h.runUntil(() -> h.primary.state() == HaState.PRIMARY_ACTIVE, 10);
    h.rounds(1);
    assertEquals(HaState.PRIMARY_ACTIVE, h.primary.state());
    assertEquals(HaState.SECONDARY_SYNCING, h.secondary.state());
    return h;
  }

  SimNode other(SimNode node) {
    return node == primary ? secondary : primary;
  }

  void command(SimNode node, Command command) {
    node.commands.add(command);
  }

  void cutLink() {
    linkUp = false;
  }

  void restoreLink() {
    linkUp = true;
  }

  void holdDown(Duration d) {
    primary.config = primary.config.withHoldDown(d);
    secondary.config = secondary.config.withHoldDown(d);
  }

  /** Stops a node's HM (crash or shutdown): its running actions are lost. */
  void stop(SimNode node) {
    node.up = false;
    node.running.clear();
    node.stopped();
  }

  /** Starts a node's HM again: its next tick is a startup tick without a heartbeat answer. */
  void start(SimNode node) {
    node.up = true;
    node.loop.restarted();
    node.generation++;
    node.fenced = false;
    node.applicationWritable = false;
    if (witness != null) {
      witness.restarted(node);
    }
  }

  /** Per node: the peer state it last heard, and since when without a miss (PeerLink's seenInState). */
  private final java.util.Map<SimNode, HaState> heardState = new java.util.HashMap<>();
  private final java.util.Map<SimNode, Instant> heardSince = new java.util.HashMap<>();

  /** The answer with how long {@code node} has heard the peer in that state; silence starts it over. */
  private PeerReport steady(SimNode node, PeerReport answer) {
    if (answer == null) {
      heardState.remove(node);
      return null;
    }
    if (heardState.put(node, answer.state()) != answer.state()) {
      heardSince.put(node, now);
    }
    return new PeerReport(answer.state(), answer.processesHealthy(), answer.databaseHealthy(),
        Duration.between(heardSince.get(node), now));
  }

  /** One round: the primary ticks, then the secondary; then time moves on. */
  void round() {
    step(primary);
    step(secondary);
    now = now.plus(TICK);
  }

  void rounds(int n) {
    for (int i = 0; i < n; i++) {
      round();
    }
  }

  void runUntil(java.util.function.BooleanSupplier done, int maxRounds) {
    for (int i = 0; i < maxRounds && !done.getAsBoolean(); i++) {
      round();
    }
    if (!done.getAsBoolean()) {
      fail("condition not reached in " + maxRounds + " rounds; history " + historyText(0));
    }
  }

  /** One tick of one node, as its runner would run it. */
  void step(SimNode node) {
    if (!node.up) {
      return;
    }
    SimNode peer = other(node);
    node.loop.tickStarted(true);
    boolean startup = node.loop.startup();
    // A node answers heartbeats once its HM has run its startup tick.
    PeerReport answer = steady(node, linkUp && peer.up && !peer.loop.startup() && !startup ? peer.report() : null);
    PeerReport report = node.loop.peerExchanged(answer != null
        ? PeerContact.answered(answer, Duration.ZERO, TICK, TICK) : PeerContact.silent("no answer"), true);
    if (report != null && report.state() == HaState.HA_INITIALIZING) {
      node.peerWasInitializing = true;
    }
    List<ActionOutcome> outcomes = finishActions(node, report);
    node.database = node.loop.databaseChecked(node.checkDatabase(), DATABASE_FAILURE_COUNT);
    Command pending = node.commands.poll();
    Observations obs =
        new Observations(now, report, node.loop.missedHeartbeats(), node.databaseUp(), node.processesUp(),
            node.criticalDown(), startup, outcomes).withMode(node.mode())
            .withPeerBehindFailback(peerBehindFailback(node, report))
            .withRestartDatabase(node.database.restartDatabase())
            .withFilesCaughtUp(node.state() == HaState.SECONDARY_FAILBACK ? node.filesSent : null)
            .withFailedFollows(node.loop.followsFinished(outcomes));
    if (witness != null) {
      witness.step(node, WitnessRules.wantsLease(node.state(), node.role(), report), now);
      obs = obs.withWitness(witness.view(node, now));
    }
    Decision d = node.decider.decide(node.status, obs, node.config, pending);
    node.loop.decided(node.state(), d);
    node.decisions.add(d);
    if (d.refusal() != null) {
      node.refusals.add(d.refusal());
    }
    if (d.next() != node.state()) {
      node.status = new NodeStatus(d.next(), now);
    }
    for (Action action : d.actions()) {
      run(node, action, pending);
    }
    if (witness != null) {
      fence(node, report);
    }
    record();
  }

  /** The runtime's fence check (WitnessLink), once a tick after the decision. */
  private void fence(SimNode node, PeerReport report) {
    WitnessView view = witness.view(node, now);
    boolean serves = node.state().servesWrites(node.role());
    if (!node.fenced && WitnessRules.mustFence(node.state(), node.role(), view, report)) {
      node.fenced = true;
      node.applicationWritable = false;
    } else if (node.fenced && (!serves || view.leaseHeld())) {
      node.fenced = false;
    }
  }

  private List<ActionOutcome> finishActions(SimNode node, PeerReport peer) {
    List<ActionOutcome> outcomes = new ArrayList<>();
    for (Iterator<Action> it = node.running.iterator(); it.hasNext(); ) {
      ActionKind kind = it.next().kind();
      Boolean result = node.failNext.remove(kind) ? Boolean.FALSE : simulatedResult(node, kind, peer);
      if (result != null) {
        it.remove();
        if (kind == ActionKind.FOLLOW_PEER && node.role() == Role.SECONDARY) {
          node.ownTimeline = !result;
        } else if (result && (kind == ActionKind.PROMOTE_DATABASE || kind == ActionKind.CLONE_FROM_PEER)) {
          node.ownTimeline = false; // promoted (it serves now) or a new standby
        }
        outcomes.add(result ? ActionOutcome.succeeded(kind)
            : ActionOutcome.failed(kind, "simulated failure of " + kind));
      }
    }
    return outcomes;
  }

  /** TRUE/FALSE when the action has finished, null while it still runs. */
  private Boolean simulatedResult(SimNode node, ActionKind kind, PeerReport peer) {
    SimNode other = other(node);
    return switch (kind) {
      case REGISTER_SECONDARY -> {
        if (peer == null) {
          yield Boolean.FALSE;
        }
        if (peer.state() == HaState.SECONDARY_SYNCING) {
          yield Boolean.TRUE;
        }
        yield node.peerWasInitializing && !peer.state().haConfigured() ? Boolean.FALSE : null;
      }
      // pg_rewind needs the peer promoted: the peer must be the writable side.
      case FOLLOW_PEER -> peer != null && isWritableDatabase(peer.state()) ? Boolean.TRUE : null;
      default -> Boolean.TRUE;
    };
  }

  /**
   * What the runner computes in Secondary Failback: the primary has replayed everything once it
   * takes up the failback and its follow (rewind or copy) is done; one byte behind before that,
   * and for ever when the test made it stuck.
   */
  private Long peerBehindFailback(SimNode node, PeerReport report) {
    if (node.state() != HaState.SECONDARY_FAILBACK) {
      return null;
    }
    boolean caughtUp = report != null && report.state() == HaState.PRIMARY_FAILBACK
        && !other(node).isRunning(ActionKind.FOLLOW_PEER) && !node.failbackStuck;
    return caughtUp ? 0L : 1L;
  }

  /** The peer's database is not a standby: what LocalDatabase.follow waits for (Primary Alone's serves nothing, but is one). */
  private static boolean isWritableDatabase(HaState s) {
    return s == HaState.SECONDARY_ACTIVE || s == HaState.SECONDARY_ALONE
        || s == HaState.SECONDARY_FAILBACK || s == HaState.PRIMARY_ACTIVE || s == HaState.PRIMARY_ALONE
        || s == HaState.PRIMARY_LOST_SECONDARY;
  }

  private void run(SimNode node, Action action, Command pending) {
    SimNode peer = other(node);
    boolean reachable = linkUp && peer.up;
    switch (action.kind()) {
      case SAVE_HA_CONFIG -> {
        // Registration stores the virtual IP beside the decider (the form's, the RegisterMessage's);
        // a failback onto a replaced primary brings it as a CHANGE_VIRTUAL_IP of its own.
        boolean registering = pending instanceof Command.Register || pending instanceof Command.AcceptRegistration;
        node.config = node.config.withPeer(action.peer().address(), action.peer().failoverType())
            .withFailback(action.peer().failbackType(), node.config.failbackDelay());
        if (registering) {
          node.config = node.config.withVirtualIps(REGISTERED_VIRTUAL_IP);
        }
      }
      // The old addresses go at once; the new ones are on the interface once ACQUIRE_VIP took them.
      case CHANGE_VIRTUAL_IP -> {
        node.config = node.config.withVirtualIps(action.virtualIps());
        node.vipHeld = false;
      }
      case CLEAR_HA_CONFIG -> node.config = node.config.withoutPeer();
      case SEND_MAIL -> node.mails.add(action.detail());
      case APP_READ_WRITE -> node.applicationWritable = true;
      case APP_READ_ONLY -> node.applicationWritable = false;
      case ACQUIRE_VIP -> node.vipHeld = node.vipHeld
          || (!node.fenced && node.config.virtualIps().configured() && !peer.vipHeld);
      case RELEASE_VIP -> node.vipHeld = false;
      case NOTE_FAILBACK_POSITION -> node.failbackStuck = node.failNext.remove(ActionKind.NOTE_FAILBACK_POSITION);
      // The complete file-sync run reaches the primary unless the test made it fail.
      case SYNC_FILES -> node.filesSent = !node.failNext.remove(ActionKind.SYNC_FILES);
      case RESTART_DATABASE -> node.startRestart();
      case REGISTER_SECONDARY -> {
        node.peerWasInitializing = false;
        if (reachable) {
          peer.commands.add(new Command.AcceptRegistration(node.address, node.config.failoverType(), node.config.failbackType()));
        }
        node.running.add(action);
      }
      case PEER_ABORT_REGISTRATION -> deliver(reachable, peer, new Command.AbortRegistration(action.detail()));
      case PEER_REMOVE -> deliver(reachable, peer, new Command.PeerRemoved());
      case PEER_FORCE_FAILOVER -> deliver(reachable, peer, new Command.ForceFailover());
      case PEER_CHANGE_SETTINGS -> deliver(reachable, peer,
          new Command.AcceptSettings(FailoverType.fromWireName(action.detail()), node.config.failbackType(),
              node.config.virtualIps()));
      case PEER_ACCEPT_FAILBACK ->
          deliver(reachable, peer, new Command.AcceptFailback(node.address, node.config.failoverType(), node.config.failbackType(),
              node.config.virtualIps()));
      default -> {
        if (action.kind().longRunning()) {
          node.running.add(action);
        }
      }
    }
  }

  private static void deliver(boolean reachable, SimNode peer, Command command) {
    if (reachable) {
      peer.commands.add(command);
    }
  }

  private void record() {
    HaState[] pair = {primary.state(), secondary.state()};
    if (history.isEmpty() || !java.util.Arrays.equals(history.get(history.size() - 1), pair)) {
      history.add(pair);
    }
  }

  /** Table assertions look only at what happened from now on (the current pair included). */
  void mark() {
    mark = history.size() - 1;
  }

  /**
   * Asserts a published table: its rows appear in this order among the recorded pairs since the
   * last mark, and between the first and the last row each server went through exactly the
   * states of its column (so no state the guide does not show slipped in).
   */
  void assertTable(String... rows) {
    List<HaState[]> expected = new ArrayList<>();
    for (String row : rows) {
      String[] cells = row.split("\\|");
      expected.add(new HaState[] {
          HaState.fromDisplayName(cells[0]), HaState.fromDisplayName(cells[1])});
    }
    int first = -1;
    int at = mark;
    for (HaState[] want : expected) {
      while (at < history.size() && !java.util.Arrays.equals(history.get(at), want)) {
        at++;
      }
      if (at == history.size()) {
        fail("row " + want[0] + " | " + want[1] + " not reached in order; history since mark: "
            + historyText(mark));
      }
      if (first < 0) {
        first = at;
      }
    }
    for (int column = 0; column < 2; column++) {
      List<HaState> seen = dedupe(history.subList(first, at + 1), column);
      assertEquals(dedupe(expected, column), seen,
          (column == 0 ? "primary" : "secondary") + " column; history " + historyText(mark));
    }
  }

  private static List<HaState> dedupe(List<HaState[]> pairs, int column) {
    List<HaState> out = new ArrayList<>();
    for (HaState[] pair : pairs) {
      if (out.isEmpty() || out.get(out.size() - 1) != pair[column]) {
        out.add(pair[column]);
      }
    }
    return out;
  }

  String historyText(int from) {
    StringBuilder sb = new StringBuilder();
    for (HaState[] pair : history.subList(Math.max(0, from), history.size())) {
      sb.append("\n  ").append(pair[0]).append(" | ").append(pair[1]);
    }
    return sb.toString();
  }
}

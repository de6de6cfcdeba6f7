package org.ncsha.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncsha.ha.Action;
import org.ncsha.ha.ActionKind;
import org.ncsha.ha.Command;
import org.ncsha.ha.DatabaseCheck;
import org.ncsha.ha.FailbackType;
import org.ncsha.ha.FailoverType;
import org.ncsha.ha.DatabaseRestart;
import org.ncsha.ha.DatabaseRestartRule;
import org.ncsha.ha.Decision;
import org.ncsha.ha.HaConfig;
import org.ncsha.ha.HaState;
import org.ncsha.ha.LocalMode;
import org.ncsha.ha.PeerContact;
import org.ncsha.ha.PeerReport;
import org.ncsha.ha.WitnessView;
import org.ncsha.peer.HeartbeatMessage;
import org.ncsha.store.HaConfigRecord;
import org.ncsha.store.HaEventRecord;
import org.ncsha.store.HaStore;
import org.ncsha.store.InMemoryHaStore;
import org.ncsha.store.ReadinessResultRecord;

/**
 * The runner's loop with its collaborators replaced by fakes (no container, no database, no
 * network) and time under the test's control: what it tells the decider, what it records, and
 * how it carries on when a part of it fails.
 */
class HaEngineTest {
  @TempDir Path nodeDir;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
  private final InMemoryHaStore store = new InMemoryHaStore();
  private final FakePeer peer = new FakePeer();
  private final FakeActions actions = new FakeActions();
  private final FakeTicker ticker = new FakeTicker();
  private final FakeHealth health = new FakeHealth();
  private HaEngine engine;
  /** What the mode probe reports: null, not observed, unless a test says otherwise. */
  private LocalMode mode;

  @BeforeEach
  void engine() throws Exception {
    engine = new HaEngine();
    engine.node = TestSettings.of(nodeDir, "node.address=10.0.0.2", "ha.secondary=yes");
    engine.clock = clock;
    engine.nanoTime = clock::nanos;
    engine.store = store;
    engine.peer = peer;
    engine.health = health;
    engine.disk = new DiskWatch() {
      @Override
      synchronized void check(Instant now, String state) {}
    };
    engine.modes = new LocalModeProbe() {
      @Override
      LocalMode observe(LocalHealth.Snapshot local) {
        return mode;
      }
    };
    engine.actions = actions;
    engine.ticker = ticker;
    engine.fileLedger = new org.ncsha.peer.FileSyncLedger();
    engine.witness = new WitnessLink() {
      @Override
      public WitnessView view() {
        return WitnessView.NONE;
      }
    };
  }

  /** A registered secondary, streaming from 10.0.0.1, with the given failover type. */
  private void secondary(String failoverType) {
    secondary(failoverType, HaState.SECONDARY_SYNCING, HaState.PRIMARY_ACTIVE);
  }

  /** A registered secondary stored in {@code state}, after its startup tick with the primary heard in {@code primary}. */
  private void secondary(String failoverType, HaState state, HaState primary) {
    store.row.setRole("SECONDARY");
    store.row.setPeerAddress("10.0.0.1");
    store.row.setFailoverType(failoverType);
    store.row.setState(state.displayName());
    store.row.setStateSince(clock.instant());
    engine.load();
    // The Health Monitor's first decision after a start is a startup one: the primary is heard.
    peer.answers(PeerContact.answered(new PeerReport(primary, true, true), Duration.ZERO,
        Duration.ofSeconds(5), Duration.ofSeconds(3)), 1);
    heartbeat();
    assertEquals(state, engine.status().state());
    ticker.nudges = 0;
  }

  private void heartbeat() {
    clock.advance(Duration.ofSeconds(5));
    engine.runCycle(true);
  }

  @Test
  void a_silent_primary_is_failed_over_after_three_missed_heartbeats_and_each_step_is_recorded() {
    secondary("automatic");
    peer.answers(PeerContact.silent("timeout"), 5);
    heartbeat();
    heartbeat();
    assertEquals(HaState.SECONDARY_SYNCING, engine.status().state(), "two misses are not yet a failure");
    assertEquals(2, engine.missedHeartbeats());
    heartbeat();
    assertEquals(HaState.SECONDARY_LOST_PRIMARY, engine.status().state());
    assertEquals(1, ticker.nudges, "a new state is decided on again at once, not a heartbeat later");
    engine.runCycle(false);
    assertEquals(HaState.SECONDARY_FAILOVER, engine.status().state(), "automatic: no hold-down configured");
    assertTrue(actions.started.stream().anyMatch(a -> a.kind() == ActionKind.PROMOTE_DATABASE), "promotion started: " + actions.started);
    assertTrue(store.events.stream().anyMatch(e -> e.startsWith(HaState.SECONDARY_LOST_PRIMARY.displayName())), store.events.toString());
    assertTrue(store.events.stream().anyMatch(e -> e.startsWith(HaState.SECONDARY_FAILOVER.displayName())), store.events.toString());
    assertEquals(HaState.SECONDARY_FAILOVER.displayName(), store.row.getState(), "the state survives a restart");
    assertEquals(1, engine.timesEntered(HaState.SECONDARY_FAILOVER));
  }

  @Test
  void a_secondary_restarted_having_lost_the_primary_waits_out_the_whole_hold_down_again() {
    engine.node = TestSettings.of(nodeDir, "node.address=10.0.0.2", "ha.secondary=yes", "failover.holddown.seconds=60");
    store.row.setRole("SECONDARY");
    store.row.setPeerAddress("10.0.0.1");
    store.row.setFailoverType("automatic");
    store.row.setState(HaState.SECONDARY_LOST_PRIMARY.displayName());
    // Lost an hour ago, and this server was down since: it has seen none of the outage.
    store.row.setStateSince(clock.instant().minus(Duration.ofHours(1)));
    engine.load();
    peer.answers(PeerContact.silent("timeout"), 20);
    for (int beat = 0; beat < 11; beat++) {
      heartbeat();
      engine.runCycle(false);
      assertEquals(HaState.SECONDARY_LOST_PRIMARY, engine.status().state(), "within the hold-down, beat " + beat);
    }
    heartbeat();
    engine.runCycle(false);
    assertEquals(HaState.SECONDARY_FAILOVER, engine.status().state(), "60 s after the start");
  }

  @Test
  void a_database_that_stays_down_is_restarted_at_the_deciders_request_and_only_a_spent_budget_is_a_failure() {
    secondary("manual");
    actions.quick.clear(); // the startup decision's own APP_READ_ONLY
    peer.answers(PeerContact.answered(new PeerReport(HaState.PRIMARY_ACTIVE, true, true), Duration.ZERO,
        Duration.ofSeconds(5), Duration.ofSeconds(3)), 10);
    health.facts = DatabaseCheck.query(false);
    heartbeat();
    assertEquals(List.of(), actions.quick, "one failed query is not a database down");
    heartbeat();
    assertEquals(List.of(Action.of(ActionKind.RESTART_DATABASE)), actions.quick, "the second in a row: restart it");
    health.facts = DatabaseCheck.RESTART_RUNNING;
    heartbeat();
    assertEquals(1, actions.quick.size(), "nothing more while the restart runs");
    health.facts = DatabaseCheck.afterRestart(DatabaseRestart.FAILED, false);
    heartbeat();
    heartbeat();
    assertEquals(DatabaseRestartRule.RESTART_BUDGET, actions.quick.size(), "each failed restart is retried: " + actions.quick);
    assertEquals(HaState.SECONDARY_SYNCING, engine.status().state(), "not failed while restarts are left");
    heartbeat();
    assertEquals(HaState.SECONDARY_UNCERTAIN, engine.status().state(), "the budget is spent: a critical process down");
    assertEquals(DatabaseRestartRule.RESTART_BUDGET,
        actions.quick.stream().filter(a -> a.kind() == ActionKind.RESTART_DATABASE).count(), "and no restart beyond it");
  }

  @Test
  void the_mode_it_observes_goes_to_the_decider_which_puts_a_drifted_application_right() {
    secondary("manual");
    actions.quick.clear(); // the startup decision's own APP_READ_ONLY
    peer.answers(PeerContact.answered(new PeerReport(HaState.PRIMARY_ACTIVE, true, true), Duration.ZERO,
        Duration.ofSeconds(5), Duration.ofSeconds(3)), 3);
    mode = new LocalMode(true, false, false, null, false);
    heartbeat();
    assertEquals(List.of(Action.of(ActionKind.APP_READ_ONLY, "the application was writable in Secondary Syncing")),
        actions.quick, "a standby's application must be passive");

    actions.quick.clear();
    mode = new LocalMode(false, false, false, null, false);
    heartbeat();
    assertEquals(List.of(), actions.quick, "in line: nothing to do");
  }

  @Test
  void a_primary_that_answers_but_cannot_be_trusted_is_never_missed() {
    secondary("automatic");
    peer.answers(PeerContact.untrusted("signed with another key"), 20);
    for (int i = 0; i < 20; i++) {
      heartbeat();
    }
    assertEquals(HaState.SECONDARY_SYNCING, engine.status().state());
    assertEquals(0, engine.missedHeartbeats());
    assertEquals(0, actions.started.size());
  }

  @Test
  void a_store_that_fails_does_not_stop_the_loop() {
    secondary("automatic");
    store.failing = true;
    peer.answers(PeerContact.silent("timeout"), 4);
    for (int i = 0; i < 3; i++) {
      heartbeat();
    }
    assertEquals(HaState.SECONDARY_LOST_PRIMARY, engine.status().state(), "decided on although nothing could be recorded");
    store.failing = false;
    engine.runCycle(false);
    assertEquals(HaState.SECONDARY_FAILOVER, engine.status().state());
    assertEquals(HaState.SECONDARY_FAILOVER.displayName(), store.row.getState(), "recorded again once the store works");
    assertTrue(engine.loopAge().isZero(), "the loop made progress throughout");
  }

  /** The guide's replaced primary MSE: held passive in HA recovery mode, which ends, in its setup too, with the failback onto it. */
  @Test
  void a_primary_mse_in_ha_recovery_mode_serves_nothing_until_the_failback_onto_it_ends_recovery_mode() throws Exception {
    engine.node = TestSettings.of(nodeDir, "node.address=10.0.0.1", "ha.secondary=no", "node.kind=mse");
    java.nio.file.Path setup = nodeDir.resolve(org.ncsha.mse.MseSettings.RELATIVE_PATH);
    org.ncsha.mse.MseSettings.INITIAL.withHighAvailability(org.ncsha.mse.MseSettings.Role.PRIMARY, "eth0", "none", "10.0.0.100", "255.255.255.0", true)
        .write(setup);
    store.row.setState(HaState.HA_NOT_CONFIGURED.displayName());
    store.row.setStateSince(clock.instant());
    engine.load();
    assertTrue(engine.config().recoveryMode());
    assertTrue(store.events.stream().anyMatch(e -> e.contains("Started in HA recovery mode")), store.events.toString());
    mode = new LocalMode(true, false, true, null, false);
    peer.answers(PeerContact.silent("no peer configured"), 5);
    heartbeat();
    heartbeat();
    assertTrue(actions.quick.contains(Action.of(ActionKind.APP_READ_ONLY, "the application was writable in HA Not Configured")),
        "held passive: " + actions.quick);
    assertFalse(actions.quick.stream().anyMatch(a -> a.kind() == ActionKind.APP_READ_WRITE), actions.quick.toString());

    CompletableFuture<Decision> accepted = CompletableFuture.supplyAsync(() -> {
      try {
        return engine.submit(new Command.AcceptFailback("10.0.0.2", FailoverType.AUTOMATIC, FailbackType.MANUAL));
      } catch (CommandRefusedException e) {
        throw new IllegalStateException(e);
      }
    });
    waitForNudge(1);
    engine.runCycle(false);
    assertEquals(HaState.PRIMARY_FAILBACK, accepted.get(10, TimeUnit.SECONDS).next());
    assertFalse(engine.config().recoveryMode(), "recovery mode ends with the failback onto this primary");
    assertFalse(org.ncsha.mse.MseSettings.read(setup).recoveryMode(), "and the setup no longer asks for it");
    assertTrue(store.events.stream().anyMatch(e -> e.contains("HA recovery mode ended")), store.events.toString());
  }

  @Test
  void a_command_gets_its_verdict_from_the_next_cycle_and_a_refusal_names_the_state() throws Exception {
    secondary("manual");
    peer.answers(PeerContact.answered(new PeerReport(HaState.PRIMARY_ACTIVE, true, true), Duration.ZERO,
        Duration.ofSeconds(5), Duration.ofSeconds(3)), 10);
    CompletableFuture<String> failback = CompletableFuture.supplyAsync(() -> {
      try {
        engine.submit(new Command.Failback());
        return "accepted";
      } catch (CommandRefusedException e) {
        return e.getMessage();
      }
    });
    waitForNudge(1);
    engine.runCycle(false);
    String verdict = failback.get(10, TimeUnit.SECONDS);
    assertTrue(verdict.contains(HaState.SECONDARY_SYNCING.displayName()) || verdict.toLowerCase().contains("failback"),
        "refused with the reason: " + verdict);
    assertEquals(HaState.SECONDARY_SYNCING, engine.status().state(), "a refused command changes nothing");
  }

  @Test
  void a_failback_hands_over_once_the_primary_has_replayed_the_position_noted_when_writes_stopped_and_has_the_files() throws Exception {
    secondary("manual", HaState.SECONDARY_ACTIVE, HaState.PRIMARY_SYNCING);
    peer.answers(PeerContact.answered(new PeerReport(HaState.PRIMARY_SYNCING, true, true), Duration.ZERO,
        Duration.ofSeconds(5), Duration.ofSeconds(3)), 1);

    CompletableFuture<Decision> failback = CompletableFuture.supplyAsync(() -> {
      try {
        return engine.submit(new Command.Failback());
      } catch (CommandRefusedException e) {
        throw new IllegalStateException(e);
      }
    });
    waitForNudge(1);
    engine.runCycle(false);
    assertTrue(failback.get(10, TimeUnit.SECONDS).has(ActionKind.NOTE_FAILBACK_POSITION));
    assertEquals(HaState.SECONDARY_FAILBACK, engine.status().state());
    engine.noteFailbackPosition("0/3000100"); // what the action runner does for NOTE_FAILBACK_POSITION
    engine.fileLedger.requested(clock.instant()); // ... and for SYNC_FILES

    peer.answers(PeerContact.answered(new PeerReport(HaState.PRIMARY_FAILBACK, true, true), Duration.ZERO,
        Duration.ofSeconds(5), Duration.ofSeconds(3)), 3);
    peer.walPosition = "0/3000000";
    heartbeat();
    assertEquals(HaState.SECONDARY_FAILBACK, engine.status().state(), "256 bytes not yet replayed");
    peer.walPosition = "0/3000100";
    heartbeat();
    assertEquals(HaState.SECONDARY_FAILBACK, engine.status().state(), "the database is there, the files not yet");
    engine.fileLedger.completeRun(clock.instant()); // file sync: a complete run since the request, nothing left
    heartbeat();
    assertEquals(HaState.SECONDARY_POST_FAILBACK, engine.status().state());
    assertTrue(actions.started.contains(Action.of(ActionKind.FOLLOW_PEER)), actions.started.toString());
  }

  private void waitForNudge(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    synchronized (ticker) {
      while (ticker.nudges < count && System.nanoTime() < deadline) {
        ticker.wait(100);
      }
    }
    assertTrue(ticker.nudges >= count, "the command asked the loop for a decision");
  }

  @Test
  void the_peer_is_shown_as_last_heard_with_the_age_of_that_answer() {
    Instant before = clock.instant();
    secondary("manual");
    clock.advance(Duration.ofSeconds(7));
    assertEquals("Primary Active (heard 7 s ago)", engine.peerStateAsHeard());
    assertEquals(7L, engine.peerHeardSecondsAgo());
    assertEquals(HaState.PRIMARY_ACTIVE, engine.peerReportSince(before).state());
    assertEquals(null, engine.peerReportSince(clock.instant()), "nothing heard since now");
    assertEquals(HaState.PRIMARY_ACTIVE, engine.lastPeer().state());
  }

  @Test
  void pages_learn_which_commands_the_state_allows_before_they_offer_them() {
    store.row.setRole("SECONDARY");
    store.row.setPeerAddress("10.0.0.1");
    store.row.setFailoverType("manual");
    store.row.setState(HaState.SECONDARY_SYNCING.displayName());
    engine.load();
    assertEquals("The Health Monitor is starting", engine.refusalFor(new Command.Failover()));
    secondaryAgain();
    assertNotNull(engine.refusalFor(new Command.Failover()), "no failover while the primary is heard");
    peer.answers(PeerContact.silent("timeout"), 3);
    heartbeat();
    heartbeat();
    heartbeat();
    assertEquals(HaState.SECONDARY_LOST_PRIMARY, engine.status().state());
    assertEquals(null, engine.refusalFor(new Command.Failover()), "manual failover is offered once the primary is lost");
  }

  private void secondaryAgain() {
    peer.answers(PeerContact.answered(new PeerReport(HaState.PRIMARY_ACTIVE, true, true), Duration.ZERO,
        Duration.ofSeconds(5), Duration.ofSeconds(3)), 1);
    heartbeat();
  }

  @Test
  void a_finished_promotion_reported_by_its_action_is_decided_on_at_the_next_cycle() {
    secondary("automatic");
    peer.answers(PeerContact.silent("timeout"), 5);
    heartbeat();
    heartbeat();
    heartbeat();
    int asked = peer.exchanges;
    engine.runCycle(false);
    assertEquals(HaState.SECONDARY_FAILOVER, engine.status().state());
    int nudges = ticker.nudges;
    engine.report(org.ncsha.ha.ActionOutcome.succeeded(ActionKind.PROMOTE_DATABASE));
    assertEquals(nudges + 1, ticker.nudges, "an outcome asks for a prompt decision");
    engine.runCycle(false);
    assertEquals(HaState.SECONDARY_ACTIVE, engine.status().state());
    assertEquals(asked, peer.exchanges, "the prompt cycles did not wait on the silent primary, only the heartbeats asked it");
  }

  @Test
  void a_prompt_cycle_does_not_wait_for_a_heartbeat_that_is_still_asking_a_silent_peer() throws Exception {
    secondary("automatic");
    peer.answers(PeerContact.silent("timeout"), 4);
    heartbeat();
    heartbeat();
    heartbeat();
    engine.runCycle(false);
    assertEquals(HaState.SECONDARY_FAILOVER, engine.status().state());
    peer.asking = new java.util.concurrent.CountDownLatch(1);
    peer.release = new java.util.concurrent.CountDownLatch(1);
    CompletableFuture<Void> beat = CompletableFuture.runAsync(() -> engine.runCycle(true));
    try {
      assertTrue(peer.asking.await(10, TimeUnit.SECONDS), "the heartbeat is asking the peer");
      engine.report(org.ncsha.ha.ActionOutcome.succeeded(ActionKind.PROMOTE_DATABASE));
      CompletableFuture.runAsync(() -> engine.runCycle(false)).get(10, TimeUnit.SECONDS);
      assertEquals(HaState.SECONDARY_ACTIVE, engine.status().state(), "decided while the heartbeat still waits for its answer");
    } finally {
      peer.release.countDown();
    }
    beat.get(10, TimeUnit.SECONDS);
    assertEquals(4, engine.missedHeartbeats(), "the heartbeat's own silence still counts once it ends");
  }

  @Test
  void a_heartbeats_answer_older_than_one_a_prompt_cycle_decided_on_is_not_decided_on() throws Exception {
    secondary("manual");
    // The heartbeat's exchange (the older) hears the primary active; the prompt cycle's, asked
    // after it and decided first, hears it step down.
    peer.answers(PeerContact.answered(new PeerReport(HaState.PRIMARY_ACTIVE, true, true), Duration.ZERO,
        Duration.ofSeconds(5), Duration.ofSeconds(3)), 1);
    peer.answers(PeerContact.answered(new PeerReport(HaState.PRIMARY_FAILOVER, true, true), Duration.ZERO,
        Duration.ofSeconds(5), Duration.ofSeconds(3)), 1);
    peer.asking = new java.util.concurrent.CountDownLatch(1);
    peer.release = new java.util.concurrent.CountDownLatch(1);
    Thread beat = new Thread(() -> engine.runCycle(true));
    beat.start();
    Thread prompt = null;
    try {
      assertTrue(peer.asking.await(10, TimeUnit.SECONDS), "the heartbeat is asking the peer");
      peer.asking = null;
      prompt = new Thread(() -> engine.runCycle(false));
      prompt.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (prompt.getState() != Thread.State.BLOCKED && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertEquals(Thread.State.BLOCKED, prompt.getState(), "the prompt cycle waits for the heartbeat's exchange");
    } finally {
      peer.release.countDown();
    }
    prompt.join(10_000);
    beat.join(10_000);
    assertEquals(3, peer.exchanges, "the startup tick's exchange, the heartbeat's and the prompt cycle's");
    assertEquals(HaState.SECONDARY_FAILOVER, engine.status().state(), "the newer answer was decided on");
    assertEquals(HaState.PRIMARY_FAILOVER, engine.lastPeer().state(), "and the older one did not replace it");
  }

  @Test
  void a_standby_too_far_behind_is_not_promoted_automatically_and_that_is_said_once() {
    peer.walPosition = "0/9000000";
    health.walPosition = "0/1000000";
    secondary("automatic");
    peer.answers(PeerContact.silent("timeout"), 10);
    for (int i = 0; i < 3; i++) {
      heartbeat();
    }
    for (int i = 0; i < 6; i++) {
      engine.runCycle(i % 2 == 0);
    }
    assertEquals(HaState.SECONDARY_LOST_PRIMARY, engine.status().state(), "128 MB behind, 16 MB allowed");
    assertTrue(actions.started.isEmpty(), "no promotion");
    long said = store.events.stream().filter(e -> e.startsWith(HaState.SECONDARY_LOST_PRIMARY.displayName() + ":")
        && e.contains("MB")).count();
    assertEquals(1, said, "one event for a refusal that holds tick after tick: " + store.events);
  }

  @Test
  void the_loop_age_is_what_the_peer_is_told_and_it_grows_while_the_loop_does_not_run() {
    secondary("automatic");
    peer.answers(PeerContact.silent("timeout"), 1);
    heartbeat();
    clock.advance(Duration.ofSeconds(42));
    assertEquals(Duration.ofSeconds(42), engine.loopAge());
    assertNotNull(peer.lastLoopAge);
  }

  @Test
  void a_step_of_the_wall_clock_is_not_a_loop_that_hung() {
    secondary("automatic");
    peer.answers(PeerContact.silent("timeout"), 1);
    heartbeat();
    clock.step(Duration.ofSeconds(30));
    // 30 s of age would be six missed heartbeats to the peer: a failover of a healthy pair.
    assertEquals(Duration.ZERO, engine.loopAge());
    clock.advance(Duration.ofSeconds(2));
    assertEquals(Duration.ofSeconds(2), engine.loopAge());
  }

  @Test
  void time_the_server_was_down_before_a_start_comes_from_the_last_alive_record() {
    store.row.setLastAliveMillis(clock.instant().minus(Duration.ofMinutes(7)).toEpochMilli());
    engine.load();
    assertEquals(Duration.ofMinutes(7), engine.downtimeBeforeStart());
  }

  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    /** The monotonic time, as System.nanoTime: time passing moves it, a step of the wall clock does not. */
    private long nanos;

    void advance(Duration d) {
      now = now.plus(d);
      nanos += d.toNanos();
    }

    /** An NTP step or a VM resumed: the wall clock jumps, no time passes. */
    void step(Duration d) {
      now = now.plus(d);
    }

    long nanos() {
      return nanos;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }


  /** A peer whose answers the test scripts, one per exchange. */
  static final class FakePeer extends PeerLink {
    private final Deque<PeerContact> script = new ArrayDeque<>();
    Long lastLoopAge;
    String walPosition;
    int exchanges;
    /** When set, the next exchange says it is asking and then waits for {@code release}. */
    volatile java.util.concurrent.CountDownLatch asking;
    volatile java.util.concurrent.CountDownLatch release;

    void answers(PeerContact contact, int times) {
      for (int i = 0; i < times; i++) {
        script.add(contact);
      }
    }

    @Override
    PeerContact exchangeHeartbeat(HaConfig config, HeartbeatMessage mine) {
      lastLoopAge = mine.loopAgeMillis;
      exchanges++;
      PeerContact next = script.poll();
      if (asking != null) {
        asking.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (next == null) {
        throw new AssertionError("the test did not say what the peer answers");
      }
      return next;
    }

    @Override
    public HeartbeatMessage ownHeartbeat(HaConfig config, HaState state, LocalHealth.Snapshot health, Duration loopAge) {
      return new HeartbeatMessage("10.0.0.2", config.role().wireName(), state.displayName(), true, true, null, loopAge.toMillis());
    }

    @Override
    public String lastPeerWalPosition() {
      return walPosition;
    }
  }

  /** The database check's facts as the test sets them (it answers unless told otherwise), judged by the loop's rule. */
  static final class FakeHealth extends LocalHealth {
    String walPosition;
    DatabaseCheck facts = DatabaseCheck.query(true);

    @Override
    Snapshot check(Function<DatabaseCheck, DatabaseRestartRule.Verdict> judge) {
      return new Snapshot(judge.apply(facts), true, walPosition, Map.of(), Instant.EPOCH);
    }
  }

  /** Records the actions the loop hands over instead of running them. */
  static final class FakeActions extends ActionRunner {
    final List<Action> quick = new ArrayList<>();
    final List<Action> started = new ArrayList<>();

    @Override
    void runQuick(List<Action> actions, HaState next, HaEngine engine) {
      actions.stream().filter(a -> !a.kind().longRunning()).forEach(quick::add);
    }

    @Override
    void startLongRunning(List<Action> actions, HaEngine engine) {
      actions.stream().filter(a -> a.kind().longRunning()).forEach(started::add);
    }
  }

  static final class FakeTicker extends HeartbeatTicker {
    int nudges;

    @Override
    public synchronized void nudge() {
      nudges++;
      notifyAll();
    }
  }
}

package org.ncsha.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncsha.db.DatabaseHealth;
import org.ncsha.db.FollowResult;
import org.ncsha.ha.Action;
import org.ncsha.ha.ActionKind;
import org.ncsha.ha.ActionOutcome;
import org.ncsha.ha.FailoverType;
import org.ncsha.ha.HaConfig;
import org.ncsha.ha.HaState;
import org.ncsha.ha.NodeStatus;
import org.ncsha.ha.Role;
import org.ncsha.store.InMemoryHaStore;

/**
 * Long-running actions report exactly one outcome each, whatever happens inside them, and leave
 * the events an administrator needs (what a promotion may have lost, where forked writes went).
 */
class BackgroundActionsTest {
  @TempDir Path nodeDir;

  private final InMemoryHaStore store = new InMemoryHaStore();
  private final List<String> calls = new ArrayList<>();
  private final ReportingEngine engine = new ReportingEngine();
  private BackgroundActions background;
  private RuntimeException promotionFailure;
  private FollowResult followResult = new FollowResult(null, null, null, null);

  @BeforeEach
  void actions() throws Exception {
    background = new BackgroundActions();
    background.node = TestSettings.of(nodeDir, "node.address=10.0.0.2", "retention.hours=6");
    background.store = store;
    background.peer = new PeerLink() {
      @Override
      public String lastPeerWalPosition() {
        return "0/3000100";
      }
    };
    background.database = new LocalDatabase() {
      @Override
      public DatabaseHealth health() {
        return new DatabaseHealth(true, true, "0/3000000", null);
      }

      @Override
      String currentWalPosition() {
        return "0/3000000";
      }

      @Override
      void promote(String peerAddress) {
        calls.add("promote (peer " + peerAddress + ")");
        if (promotionFailure != null) {
          throw promotionFailure;
        }
      }

      @Override
      FollowResult follow(String peerAddress, String fullCopyReason, java.util.function.BooleanSupplier peerLost,
          java.util.function.Consumer<String> fullCopyStarting) {
        calls.add("follow " + peerAddress + (fullCopyReason == null ? " (rewind)" : " (full copy: " + fullCopyReason + ")"));
        if (fullCopyReason != null) {
          fullCopyStarting.accept(fullCopyReason);
        }
        return followResult;
      }
    };
  }

  @Test
  void a_promotion_reports_success_and_says_what_the_primary_had_that_this_server_did_not() {
    background.run(Action.of(ActionKind.PROMOTE_DATABASE), engine);
    assertEquals(List.of("promote (peer 10.0.0.1)"), calls);
    assertEquals(List.of(ActionOutcome.succeeded(ActionKind.PROMOTE_DATABASE)), engine.reports);
    assertEquals(1, store.events.size(), store.events.toString());
    assertTrue(store.events.get(0).contains("0/3000000") && store.events.get(0).contains("0/3000100"), store.events.toString());
  }

  @Test
  void an_action_that_throws_reports_one_failure_with_the_reason() {
    promotionFailure = new IllegalStateException("pg_promote: server did not promote within 60 seconds");
    background.run(Action.of(ActionKind.PROMOTE_DATABASE), engine);
    assertEquals(1, engine.reports.size());
    ActionOutcome outcome = engine.reports.get(0);
    assertFalse(outcome.success());
    assertEquals("pg_promote: server did not promote within 60 seconds", outcome.detail());
    assertTrue(store.events.isEmpty(), "no promotion range for a promotion that did not happen");
  }

  @Test
  void a_server_down_longer_than_the_retention_period_follows_by_a_full_copy_announced_first() {
    engine.downtime = Duration.ofHours(7);
    followResult = new FollowResult("0/5000000", 2, nodeDir.resolve("pgdata.before"), "down too long");
    background.run(Action.of(ActionKind.FOLLOW_PEER), engine);
    assertEquals(1, calls.size());
    assertTrue(calls.get(0).startsWith("follow 10.0.0.1 (full copy: this server was down for 7.00 h, longer than the data"
        + " retention period of 6.00 h"), calls.toString());
    assertTrue(store.events.get(0).startsWith("Primary Failover: Copying the whole database from 10.0.0.1"), store.events.toString());
    assertTrue(store.events.get(1).contains("kept in " + nodeDir.resolve("pgdata.before")), "forked writes are never dropped silently");
    assertTrue(engine.followed);
    assertEquals(List.of(ActionOutcome.succeeded(ActionKind.FOLLOW_PEER)), engine.reports);
  }

  @Test
  void a_short_absence_is_rewound() {
    engine.downtime = Duration.ofMinutes(5);
    background.run(Action.of(ActionKind.FOLLOW_PEER), engine);
    assertEquals(List.of("follow 10.0.0.1 (rewind)"), calls);
    assertTrue(store.events.isEmpty(), "no divergence, nothing to say");
  }

  /** An engine that writes down the outcomes reported to it. */
  final class ReportingEngine extends HaEngine {
    final List<ActionOutcome> reports = new ArrayList<>();
    Duration downtime = Duration.ZERO;
    boolean followed;

    @Override
    void report(ActionOutcome outcome) {
      reports.add(outcome);
    }

    @Override
    public NodeStatus status() {
      return new NodeStatus(HaState.PRIMARY_FAILOVER, Instant.EPOCH);
    }

    @Override
    public HaConfig config() {
      return new HaConfig(Role.PRIMARY, FailoverType.MANUAL, 3, Duration.ZERO, "10.0.0.1", 16L << 20);
    }

    @Override
    public Duration downtimeBeforeStart() {
      return downtime;
    }

    @Override
    void followedAfterStart() {
      followed = true;
    }

    @Override
    public int missedHeartbeats() {
      return 0;
    }
  }
}

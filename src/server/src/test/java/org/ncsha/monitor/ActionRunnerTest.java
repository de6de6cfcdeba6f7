package org.ncsha.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncsha.app.SchemaMigrator;
import org.ncsha.app.ServingRole;
import org.ncsha.db.DatabaseHealth;
import org.ncsha.ha.Action;
import org.ncsha.ha.ActionKind;
import org.ncsha.ha.DatabaseRestart;
import org.ncsha.ha.FailoverType;
import org.ncsha.ha.HaConfig;
import org.ncsha.ha.HaState;
import org.ncsha.ha.NodeStatus;
import org.ncsha.ha.Role;
import org.ncsha.mail.MailNotifier;
import org.ncsha.store.InMemoryHaStore;

/**
 * The quick actions as the runner carries them out, against fakes that write down what they
 * were asked in one shared log: the order of the steps, what a failing step leaves, and the
 * serving mode kept in line with the state.
 */
class ActionRunnerTest {
  @TempDir Path nodeDir;

  private final List<String> log = new ArrayList<>();
  private final InMemoryHaStore store = new InMemoryHaStore();
  private final FakeServing serving = new FakeServing();
  private final FakeDatabase database = new FakeDatabase();
  private ActionRunner runner;
  private FixedEngine engine;

  @BeforeEach
  void runner() throws Exception {
    runner = new ActionRunner();
    runner.node = TestSettings.of(nodeDir, "node.address=10.0.0.1");
    runner.store = store;
    runner.serving = serving;
    runner.database = database;
    runner.schema = new SchemaMigrator() {
      @Override
      public void migrate() {
        log.add("migrate");
        if (database.migrationFails) {
          throw new IllegalStateException("relation managed_device: permission denied");
        }
      }
    };
    runner.mail = new MailNotifier() {
      @Override
      public void notify(String state, String detail) {
        log.add("mail " + state + ": " + detail);
      }
    };
    engine = new FixedEngine(HaState.PRIMARY_ACTIVE, new HaConfig(Role.PRIMARY, FailoverType.MANUAL, 3, Duration.ZERO,
        "10.0.0.2", 16L << 20));
  }

  @Test
  void serving_writes_opens_the_held_database_sets_up_the_roles_migrates_then_serves() {
    database.held = true;
    runner.runQuick(List.of(Action.of(ActionKind.APP_READ_WRITE)), HaState.PRIMARY_ACTIVE, engine);
    assertEquals(List.of("open", "ensureRoles", "migrate", "writable 10.0.0.1"), log);
    assertTrue(store.events.stream().anyMatch(e -> e.contains("is open for writes")), store.events.toString());
  }

  @Test
  void a_failing_step_is_an_event_names_the_action_and_the_next_actions_still_run() {
    database.migrationFails = true;
    runner.runQuick(List.of(Action.of(ActionKind.APP_READ_WRITE), Action.of(ActionKind.SEND_MAIL, "Failover completed")),
        HaState.SECONDARY_ACTIVE, engine);
    assertEquals(List.of("open", "ensureRoles", "migrate", "mail Secondary Active: Failover completed"), log,
        "not served when the schema could not be brought up to date; the mail still goes");
    assertTrue(store.events.contains("Secondary Active: Action APP_READ_WRITE failed: relation managed_device: permission denied"),
        store.events.toString());
  }

  @Test
  void a_passive_server_names_the_active_one_except_when_alone() {
    runner.runQuick(List.of(Action.of(ActionKind.APP_READ_ONLY)), HaState.PRIMARY_SYNCING, engine);
    runner.runQuick(List.of(Action.of(ActionKind.APP_READ_ONLY)), HaState.PRIMARY_ALONE, engine);
    assertEquals(List.of("passive 10.0.0.2", "passive nobody"), log, "alone, it does not know whether the secondary took over");
  }

  @Test
  void the_synchronous_standby_is_set_and_its_change_recorded() {
    runner.runQuick(List.of(Action.of(ActionKind.SET_SYNC_STANDBY, "10.0.0.2")), HaState.PRIMARY_ACTIVE, engine);
    runner.runQuick(List.of(Action.of(ActionKind.SET_SYNC_STANDBY, "")), HaState.PRIMARY_LOST_SECONDARY, engine);
    assertEquals(List.of("synchronous standby 10.0.0.2", "synchronous standby none"), log);
    assertEquals(List.of(
        "Primary Active: Synchronous replication to 10.0.0.2: a commit returns once the standby has it",
        "Primary Lost Secondary: Synchronous replication degraded to asynchronous (state Primary Lost Secondary);"
            + " it resumes when the standby streams again"), store.events);
  }

  @Test
  void saving_the_ha_configuration_keeps_the_peer_and_types_and_lets_the_peer_replicate() {
    runner.runQuick(List.of(Action.saveHaConfig("10.0.0.2", FailoverType.AUTOMATIC, org.ncsha.ha.FailbackType.AUTOMATIC)),
        HaState.PRIMARY_ACTIVE, engine);
    assertEquals("10.0.0.2", store.row.getPeerAddress());
    assertEquals("automatic", store.row.getFailoverType());
    assertEquals("automatic", store.row.getFailbackType());
    assertEquals(List.of("allowPeer 10.0.0.2", "reloadConfig"), log);
  }

  @Test
  void a_changed_virtual_ip_is_moved_by_the_keeper_before_the_engine_reloads_its_configuration() {
    runner.virtualIp = new VirtualIpKeeper() {
      @Override
      void change(org.ncsha.ha.VirtualIps to, String state) {
        log.add("virtual IP " + to.describe() + " in " + state);
      }
    };
    runner.runQuick(List.of(Action.changeVirtualIp(new org.ncsha.ha.VirtualIps("10.0.0.101", null))),
        HaState.PRIMARY_ACTIVE, engine);
    assertEquals(List.of("virtual IP 10.0.0.101 in Primary Active", "reloadConfig"), log);
  }

  @Test
  void restarting_the_database_only_starts_it_off_the_loop_and_never_twice_at_once() {
    LocalHealth health = new LocalHealth();
    health.background = new BackgroundActions() {
      @Override
      public java.util.concurrent.Future<DatabaseRestart> restartDatabase() {
        log.add("restart database");
        return new java.util.concurrent.CompletableFuture<>();
      }
    };
    runner.health = health;
    runner.runQuick(List.of(Action.of(ActionKind.RESTART_DATABASE)), HaState.PRIMARY_ACTIVE, engine);
    assertEquals(List.of("restart database"), log);
    runner.runQuick(List.of(Action.of(ActionKind.RESTART_DATABASE)), HaState.PRIMARY_ACTIVE, engine);
    assertEquals(List.of("restart database"), log, "one restart at a time");
    assertEquals(List.of("Primary Active: Action RESTART_DATABASE failed: a restart of the database is already under way"),
        store.events);
  }

  /** An engine whose state and configuration the test fixes. */
  final class FixedEngine extends HaEngine {
    private final NodeStatus status;
    private final HaConfig config;

    FixedEngine(HaState state, HaConfig config) {
      this.status = new NodeStatus(state, java.time.Instant.EPOCH);
      this.config = config;
    }

    @Override
    public NodeStatus status() {
      return status;
    }

    @Override
    public HaConfig config() {
      return config;
    }

    @Override
    public void reloadConfig() {
      log.add("reloadConfig");
    }
  }

  final class FakeServing extends ServingRole {
    boolean writable;
    boolean fenced;

    @Override
    public boolean writable() {
      return writable;
    }

    @Override
    public boolean fenced() {
      return fenced;
    }

    @Override
    public void becomeWritable(String ownAddress) {
      writable = true;
      log.add("writable " + ownAddress);
    }

    @Override
    public void becomePassive(String activeServerAddress) {
      writable = false;
      log.add("passive " + (activeServerAddress == null ? "nobody" : activeServerAddress));
    }
  }

  final class FakeDatabase extends LocalDatabase {
    boolean held;
    boolean migrationFails;
    DatabaseHealth health = new DatabaseHealth(true, false, "0/3000000", null);

    @Override
    boolean open() {
      log.add("open");
      boolean was = held;
      held = false;
      return was;
    }

    @Override
    void ensureRoles() {
      log.add("ensureRoles");
    }

    @Override
    void allowPeer(String peerAddress) {
      log.add("allowPeer " + peerAddress);
    }

    @Override
    public DatabaseHealth health() {
      return health;
    }

    @Override
    void setSynchronousStandby(String standbyName) {
      log.add("synchronous standby " + (standbyName.isEmpty() ? "none" : standbyName));
    }
  }
}

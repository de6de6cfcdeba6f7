package org.ncsha.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The node-local store inside a real Liberty (Arquillian managed container): CDI injection,
 * container-managed JTA transactions and EclipseLink over the embedded H2 data source.
 */
@ExtendWith(ArquillianExtension.class)
class HaStoreIT {

  @Deployment
  static WebArchive deployment() {
    return ShrinkWrap.create(WebArchive.class, "hastore-it.war")
        .addClasses(HaStore.class, JpaHaStore.class, HaConfigRecord.class, HaEventRecord.class, ReadinessResultRecord.class)
        .addAsResource("arquillian/hastore-persistence.xml", "META-INF/persistence.xml")
        .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
  }

  @Inject HaStore store;

  @Test
  void a_new_node_starts_in_HA_Not_Configured_and_keeps_configuration_changes() {
    HaConfigRecord first = store.config();
    assertEquals("HA Not Configured", first.getState());

    store.updateConfig(row -> {
      row.setPeerAddress("127.0.9.2");
      row.setFailoverType("automatic");
    });

    HaConfigRecord again = store.config();
    assertEquals("127.0.9.2", again.getPeerAddress());
    assertEquals("automatic", again.getFailoverType());
  }

  @Test
  void events_come_back_newest_first_and_are_counted() {
    long before = store.eventCount();
    Instant t = Instant.parse("2026-11-25T10:00:00Z");
    store.recordEvent(t, "HA Initializing", "Registration started with secondary 127.0.9.2");
    store.recordEvent(t.plusSeconds(30), "Primary Active", "Registration completed with secondary 127.0.9.2");

    List<HaEventRecord> newest = store.events(0, 2);
    assertEquals(before + 2, store.eventCount());
    assertEquals("Primary Active", newest.get(0).getState());
    assertEquals("HA Initializing", newest.get(1).getState());
    assertTrue(newest.get(0).getId() > newest.get(1).getId());
  }

  @Test
  void readiness_runs_come_back_as_the_newest_run_and_as_history_and_old_runs_are_dropped() {
    Instant now = Instant.now();
    Instant old = now.minus(HaStore.READINESS_KEPT).minusSeconds(60);
    store.recordReadiness(List.of(new ReadinessResultRecord(old, "failover", "DATABASE - SYNC STATUS", "Pass", 0.1, "s", "old",
        "", "")));
    Instant earlier = now.minusSeconds(600);
    store.recordReadiness(List.of(
        new ReadinessResultRecord(earlier, "failover", "SYSTEM - CHECK DISK IOPS", "Pass", 400.0, "MBps", "d", "", ""),
        new ReadinessResultRecord(earlier, "failover", "DATABASE - SYNC STATUS", "Pass", 0.0, "s", "s", "", "")));
    store.recordReadiness(List.of(
        new ReadinessResultRecord(now, "failover", "SYSTEM - CHECK DISK IOPS", "Fail", 150.0, "MBps", "slow", "i", "r"),
        new ReadinessResultRecord(now, "failover", "DATABASE - SYNC STATUS", "Warning", 12.0, "s", "lag", "i", "r")));

    List<ReadinessResultRecord> latest = store.latestReadiness("failover");
    assertEquals(2, latest.size());
    assertEquals("SYSTEM - CHECK DISK IOPS", latest.get(0).getName(), "in the order they ran");
    assertEquals("Fail", latest.get(0).getStatus());
    List<ReadinessResultRecord> history = store.readinessHistory("failover", now.minusSeconds(3600), now);
    assertEquals(4, history.size(), "both runs of the last hour");
    assertEquals(earlier.toEpochMilli(), history.get(0).getRunTime().toEpochMilli(), "oldest first");
    assertTrue(store.readinessHistory("failover", old.minusSeconds(1), old.plusSeconds(1)).isEmpty(),
        "a run older than the kept period was dropped");
    assertTrue(store.latestReadiness("registration").isEmpty());
  }
}

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
        .addClasses(HaStore.class, HaConfigRecord.class, HaEventRecord.class)
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
}

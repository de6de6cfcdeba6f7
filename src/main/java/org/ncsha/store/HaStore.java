package org.ncsha.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** The node-local store: HA configuration and the HA event log (JPA over the embedded H2 database). */
@ApplicationScoped
@Transactional
public class HaStore {
  @PersistenceContext(unitName = "hastore")
  private EntityManager em;

  /** A detached copy of the configuration row. */
  public HaConfigRecord config() {
    HaConfigRecord row = row();
    em.detach(row);
    return row;
  }

  public HaConfigRecord updateConfig(Consumer<HaConfigRecord> change) {
    HaConfigRecord row = row();
    change.accept(row);
    em.flush();
    return row;
  }

  /** The managed configuration row, created as "HA Not Configured" on first use. */
  private HaConfigRecord row() {
    HaConfigRecord row = em.find(HaConfigRecord.class, HaConfigRecord.SINGLETON_ID);
    if (row == null) {
      row = new HaConfigRecord();
      row.setState("HA Not Configured");
      row.setStateSince(Instant.now());
      em.persist(row);
    }
    return row;
  }

  public void recordEvent(Instant time, String state, String description) {
    em.persist(new HaEventRecord(time, state, description));
  }

  /** Newest first, as the guide's Events tables show them. */
  public List<HaEventRecord> events(int first, int max) {
    return em.createQuery("select e from HaEventRecord e order by e.id desc", HaEventRecord.class)
        .setFirstResult(first)
        .setMaxResults(max)
        .getResultList();
  }

  public long eventCount() {
    return em.createQuery("select count(e) from HaEventRecord e", Long.class).getSingleResult();
  }
}

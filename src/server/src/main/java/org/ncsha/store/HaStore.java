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
  /** How long readiness runs are kept for the trend graphs. */
  public static final java.time.Duration READINESS_KEPT = java.time.Duration.ofDays(31);

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

  /** Keeps a run; runs older than {@link #READINESS_KEPT} are dropped so the history stays bounded. */
  public void recordReadiness(List<ReadinessResultRecord> results) {
    results.forEach(em::persist);
    em.createQuery("delete from ReadinessResultRecord r where r.runTimeMillis < :oldest")
        .setParameter("oldest", Instant.now().minus(READINESS_KEPT).toEpochMilli()).executeUpdate();
  }

  /** The checks of the newest run of a set, in the order they ran. */
  public List<ReadinessResultRecord> latestReadiness(String checkSet) {
    List<Long> newest = em.createQuery("select max(r.runTimeMillis) from ReadinessResultRecord r where r.checkSet = :set",
        Long.class).setParameter("set", checkSet).getResultList();
    if (newest.isEmpty() || newest.get(0) == null) {
      return List.of();
    }
    return em.createQuery("select r from ReadinessResultRecord r where r.checkSet = :set and r.runTimeMillis = :time"
            + " order by r.id", ReadinessResultRecord.class)
        .setParameter("set", checkSet).setParameter("time", newest.get(0)).getResultList();
  }

  /** Every check of a set between two times, oldest first: the trend graphs' data. */
  public List<ReadinessResultRecord> readinessHistory(String checkSet, Instant from, Instant to) {
    return em.createQuery("select r from ReadinessResultRecord r where r.checkSet = :set and r.runTimeMillis >= :from"
            + " and r.runTimeMillis <= :to order by r.runTimeMillis, r.id", ReadinessResultRecord.class)
        .setParameter("set", checkSet).setParameter("from", from.toEpochMilli()).setParameter("to", to.toEpochMilli())
        .setMaxResults(20_000).getResultList();
  }
}

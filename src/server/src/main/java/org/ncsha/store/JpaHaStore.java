package org.ncsha.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** {@link HaStore} with JPA over the embedded H2 database (the {@code hastore} unit). */
@ApplicationScoped
@Transactional
public class JpaHaStore implements HaStore {
  @PersistenceContext(unitName = "hastore")
  private EntityManager em;

  @Override
  public HaConfigRecord config() {
    HaConfigRecord row = row();
    em.detach(row);
    return row;
  }

  @Override
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

  @Override
  public void recordEvent(Instant time, String state, String description) {
    em.persist(new HaEventRecord(time, state, description));
  }

  @Override
  public List<HaEventRecord> events(int first, int max) {
    return em.createQuery("select e from HaEventRecord e order by e.id desc", HaEventRecord.class)
        .setFirstResult(first)
        .setMaxResults(max)
        .getResultList();
  }

  @Override
  public long eventCount() {
    return em.createQuery("select count(e) from HaEventRecord e", Long.class).getSingleResult();
  }

  @Override
  public void recordReadiness(List<ReadinessResultRecord> results) {
    results.forEach(em::persist);
    em.createQuery("delete from ReadinessResultRecord r where r.runTimeMillis < :oldest")
        .setParameter("oldest", Instant.now().minus(READINESS_KEPT).toEpochMilli()).executeUpdate();
  }

  @Override
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

  @Override
  public List<ReadinessResultRecord> readinessHistory(String checkSet, Instant from, Instant to) {
    return em.createQuery("select r from ReadinessResultRecord r where r.checkSet = :set and r.runTimeMillis >= :from"
            + " and r.runTimeMillis <= :to order by r.runTimeMillis, r.id", ReadinessResultRecord.class)
        .setParameter("set", checkSet).setParameter("from", from.toEpochMilli()).setParameter("to", to.toEpochMilli())
        .setMaxResults(20_000).getResultList();
  }
}

package org.ncsha.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import org.ncsha.mse.MseAlarmRule;
import org.ncsha.mse.ServerInfo;

/** The admin server's MSE rows and alarms, each change one transaction (no MSE is called inside one). */
@ApplicationScoped
public class MseRecords {
  @PersistenceContext(unitName = "app")
  private EntityManager em;

  public List<MseAppliance> all() {
    return em.createQuery("select m from MseAppliance m order by m.name, m.address", MseAppliance.class).getResultList();
  }

  public Optional<MseAppliance> at(String address) {
    return em.createQuery("select m from MseAppliance m where m.address = :a", MseAppliance.class)
        .setParameter("a", address).getResultStream().findFirst();
  }

  @Transactional
  public MseAppliance add(String address, String fingerprint, ServerInfo info) {
    MseAppliance added = new MseAppliance(address, fingerprint, info);
    em.persist(added);
    return added;
  }

  /** Removes the MSE at {@code address} from the list (its alarms stay: they are history); whether it was listed. */
  @Transactional
  public boolean delete(String address) {
    return em.createQuery("delete from MseAppliance m where m.address = :a").setParameter("a", address).executeUpdate() > 0;
  }

  /** What one look found ({@code info} null: no answer, {@code why}), and the alarm it raised. */
  @Transactional
  public void looked(long id, ServerInfo info, String why, Optional<MseAlarmRule.Alarm> alarm) {
    MseAppliance m = em.find(MseAppliance.class, id);
    if (m == null) {
      return; // deleted meanwhile
    }
    if (info != null) {
      m.seen(info);
    } else {
      m.silent(why);
    }
    alarm.ifPresent(a -> em.persist(new MseAlarm(a.severity().name(), m.getAddress(), a.message())));
  }

  /** The newest alarms first. */
  public List<MseAlarm> alarms(int limit) {
    return em.createQuery("select a from MseAlarm a order by a.id desc", MseAlarm.class).setMaxResults(limit).getResultList();
  }
}

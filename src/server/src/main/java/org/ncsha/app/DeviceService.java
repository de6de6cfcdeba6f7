package org.ncsha.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/** Reads and writes managed devices in this node's PostgreSQL. */
@ApplicationScoped
public class DeviceService {
  @PersistenceContext(unitName = "app")
  private EntityManager em;

  @Transactional
  public ManagedDevice add(String name, String address) {
    ManagedDevice device = new ManagedDevice(name, address);
    em.persist(device);
    em.flush();
    em.refresh(device);
    return device;
  }

  public List<ManagedDevice> list() {
    return em.createQuery("select d from ManagedDevice d order by d.id", ManagedDevice.class)
        .getResultList();
  }

  /** How many devices are managed (an Operations Center's list shows it for each instance). */
  public long count() {
    return em.createQuery("select count(d) from ManagedDevice d", Long.class).getSingleResult();
  }

  public boolean exists(String name) {
    return !em.createQuery("select d.id from ManagedDevice d where d.name = :n", Long.class)
        .setParameter("n", name)
        .getResultList()
        .isEmpty();
  }
}

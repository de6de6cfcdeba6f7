package org.ncsha.opcenter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import org.ncsha.oc.InstanceLook;

/** The Operations Center's rows, each change one transaction (no instance is called inside one). */
@ApplicationScoped
public class OcRecords {
  @PersistenceContext(unitName = "app")
  private EntityManager em;

  public Optional<OcActivation> activation() {
    return Optional.ofNullable(em.find(OcActivation.class, 1));
  }

  @Transactional
  public OcActivation activate(String by) {
    OcActivation a = em.find(OcActivation.class, 1);
    if (a == null) {
      a = new OcActivation(by);
      em.persist(a);
      em.flush();
      em.refresh(a); // the database's own time of activation
    }
    return a;
  }

  @Transactional
  public boolean deactivate() {
    return em.createQuery("delete from OcActivation a").executeUpdate() > 0;
  }

  public List<OcInstance> instances() {
    return em.createQuery("select i from OcInstance i order by i.address", OcInstance.class).getResultList();
  }

  public Optional<OcInstance> at(String address) {
    return em.createQuery("select i from OcInstance i where i.address = :a", OcInstance.class)
        .setParameter("a", address).getResultStream().findFirst();
  }

  @Transactional
  public OcInstance add(String address, String user, String sealedPassword, String fingerprint, InstanceLook.Outcome first) {
    OcInstance added = new OcInstance(address, user, sealedPassword, fingerprint);
    added.looked(first, null);
    em.persist(added);
    return added;
  }

  @Transactional
  public boolean delete(String address) {
    return em.createQuery("delete from OcInstance i where i.address = :a").setParameter("a", address).executeUpdate() > 0;
  }

  /** What one look found. */
  @Transactional
  public void looked(long id, InstanceLook.Outcome outcome, String secondaryFingerprint) {
    OcInstance i = em.find(OcInstance.class, id);
    if (i != null) { // null: deleted meanwhile
      i.looked(outcome, secondaryFingerprint);
    }
  }
}

package org.ncsha.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/** An MSE's location service: client sightings in this node's PostgreSQL, replicated to the peer. */
@ApplicationScoped
public class LocationService {
  @PersistenceContext(unitName = "app")
  private EntityManager em;

  @Transactional
  public MseLocation record(String clientMac, String floor, double x, double y) {
    MseLocation seen = new MseLocation(clientMac, floor, x, y);
    em.persist(seen);
    em.flush();
    em.refresh(seen);
    return seen;
  }

  /** A client's sightings, oldest first, or every client's when {@code clientMac} is null; at most {@code limit}, the newest. */
  public List<MseLocation> history(String clientMac, int limit) {
    var query = clientMac == null
        ? em.createQuery("select l from MseLocation l order by l.id desc", MseLocation.class)
        : em.createQuery("select l from MseLocation l where l.clientMac = :mac order by l.id desc", MseLocation.class)
            .setParameter("mac", clientMac);
    List<MseLocation> newest = new java.util.ArrayList<>(query.setMaxResults(limit).getResultList());
    java.util.Collections.reverse(newest);
    return newest;
  }
}
